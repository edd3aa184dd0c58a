// Provider adapter for Anthropic's Messages API: streams raw events and normalises them to ProviderStreamParts.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages';
import { resolveTimeouts, type ChainEntry, type LlmRequest, type ProviderAdapter, type ProviderStreamPart, type StreamOptions, type TokenUsage } from '../../types';
import { abortedError, streamCutError, type FailureContext } from '../provider-failure';
import { anthropicErrorToLlmError } from './anthropic-error';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';

export interface AnthropicAdapterDeps {
  fetch?: typeof fetch;
}

const DEFAULT_MAX_OUTPUT_TOKENS = 1024;

export function createAnthropicAdapter(entry: ChainEntry, deps: AnthropicAdapterDeps = {}): ProviderAdapter {
  // Built on first use, inside the stream's try: a constructor error must surface as an error part, not a throw.
  let client: Anthropic | undefined;
  const getClient = (): Anthropic =>
    (client ??= new Anthropic({
      apiKey: entry.apiKey,
      baseURL: entry.baseURL,
      maxRetries: 0,
      timeout: resolveTimeouts(entry).headersMs,
      dangerouslyAllowBrowser: true,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    }));

  return {
    async *stream(request: LlmRequest, { signal }: StreamOptions): AsyncIterable<ProviderStreamPart> {
      const context: FailureContext = { entry, signal, headersReceived: false };
      const usage: TokenUsage = {};
      let stopReason: string | null | undefined;
      try {
        const events = await getClient().messages.create(toAnthropicParams(entry, request), { signal });
        context.headersReceived = true;
        yield { type: 'response-started' };
        for await (const event of events) {
          // Events the SDK had already buffered must not reach a caller who has stopped.
          if (signal.aborted) break;
          switch (event.type) {
            case 'message_start':
              usage.inputTokens = event.message.usage.input_tokens;
              break;
            case 'content_block_delta':
              // Thinking and signature deltas are signs of life, never answer text.
              if (event.delta.type === 'text_delta' && event.delta.text) {
                yield { type: 'text-delta', text: event.delta.text };
              } else if (event.delta.type !== 'text_delta') {
                yield { type: 'alive', reasoning: true };
              }
              break;
            case 'message_delta':
              stopReason = event.delta.stop_reason;
              usage.outputTokens = event.usage.output_tokens;
              break;
            case 'message_stop':
              yield signal.aborted
                ? { type: 'error', error: abortedError(entry) }
                : { type: 'finish', finishReason: mapAnthropicFinishReason(stopReason), usage };
              return;
            default:
              // `ping` and block boundaries: the connection is alive.
              yield { type: 'alive', reasoning: false };
              break;
          }
        }
      } catch (error) {
        yield { type: 'error', error: anthropicErrorToLlmError(error, context) };
        return;
      }
      // The SDK ends its loop silently on abort and on a body that closes early: neither is a finished answer.
      yield { type: 'error', error: signal.aborted ? abortedError(entry) : streamCutError(entry) };
    },
  };
}

function toAnthropicParams(entry: ChainEntry, request: LlmRequest): MessageCreateParamsStreaming {
  return {
    model: entry.model,
    max_tokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    ...(request.system ? { system: request.system } : {}),
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
  };
}
