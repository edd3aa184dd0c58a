// Builds the streaming Chat Completions request body for an OpenAI-compatible endpoint.
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChainEntry, LlmRequest } from '../../types';

/** Reasoning models (o-series, gpt-5) reject `max_tokens`; OpenRouter-style ids carry a vendor prefix. */
const REASONING_MODEL = /^(?:[\w-]+\/)?(?:o\d|gpt-5)/i;

export function toOpenAiCompatibleParams(entry: ChainEntry, request: LlmRequest): ChatCompletionCreateParamsStreaming {
  const limit = request.maxOutputTokens;
  return {
    model: entry.model,
    messages: [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      ...request.messages.map((message) => ({ role: message.role, content: message.content })),
    ],
    stream: true,
    stream_options: { include_usage: true },
    ...(limit === undefined
      ? {}
      : REASONING_MODEL.test(entry.model)
        ? { max_completion_tokens: limit }
        : { max_tokens: limit }),
  };
}
