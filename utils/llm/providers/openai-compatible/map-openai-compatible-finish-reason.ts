// Maps an OpenAI-compatible `finish_reason` to the shared finish reason ('error' is not a finish: the adapter fails).
import type { FinishReason } from '../../types';

export function mapOpenAiCompatibleFinishReason(finishReason: string): FinishReason {
  switch (finishReason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
