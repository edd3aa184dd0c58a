// Provider adapter for every OpenAI-compatible Chat Completions endpoint (OpenAI, Gemini, OpenRouter, Groq, Ollama...).
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import {
  resolveTimeouts,
  type ChainEntry,
  type FinishReason,
  type LlmRequest,
  type ProviderAdapter,
  type ProviderStreamPart,
  type StreamOptions,
  type TokenUsage,
} from '../../types';
import { classifyProviderFailure } from '../../classify-provider-error';
import { abortedError, streamCutError, type FailureContext } from '../provider-failure';
import { toOpenAiCompatibleParams } from './convert-to-openai-compatible-params';
import { mapOpenAiCompatibleFinishReason } from './map-openai-compatible-finish-reason';
import { openAiCompatibleErrorToLlmError } from './openai-compatible-error';

export interface OpenAiCompatibleAdapterDeps {
  fetch?: typeof fetch;
}

/** After `finish_reason`, how long to wait for a trailing usage chunk; `[DONE]` itself is never awaited. */
export const USAGE_GRACE_MS = 1_500;
/** Local servers (Ollama, LM Studio) usually need no key, but the SDK refuses to start without one. */
const KEYLESS_PLACEHOLDER = 'no-key';

const TIMED_OUT = Symbol('timed-out');

interface StreamState {
  finishReason?: FinishReason;
  refused: boolean;
  usage: TokenUsage;
}

export function createOpenAiCompatibleAdapter(entry: ChainEntry, deps: OpenAiCompatibleAdapterDeps = {}): ProviderAdapter {
  // Built on first use, inside the stream's try: a constructor error must surface as an error part, not a throw.
  let client: OpenAI | undefined;
  const getClient = (): OpenAI =>
    (client ??= new OpenAI({
      apiKey: entry.apiKey || KEYLESS_PLACEHOLDER,
      baseURL: entry.baseURL,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: resolveTimeouts(entry).headersMs,
      dangerouslyAllowBrowser: true,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    }));

  return {
    async *stream(request: LlmRequest, { signal }: StreamOptions): AsyncIterable<ProviderStreamPart> {
      const context: FailureContext = { entry, signal, headersReceived: false };
      const state: StreamState = { refused: false, usage: {} };
      let stopRequest = (): void => undefined;
      try {
        const stream = await getClient().chat.completions.create(toOpenAiCompatibleParams(entry, request), { signal });
        context.headersReceived = true;
        yield { type: 'response-started' };
        stopRequest = () => stream.controller.abort();
        const chunks = stream[Symbol.asyncIterator]();
        let graceEndsAt = Infinity;
        while (true) {
          const next = state.finishReason === undefined ? await chunks.next() : await nextWithin(chunks, graceEndsAt - Date.now());
          if (next === TIMED_OUT || next.done || signal.aborted) break;
          const wasFinished = state.finishReason !== undefined;
          const failure = yield* applyChunk(next.value, state, context);
          if (failure) {
            yield failure;
            return;
          }
          if (state.finishReason !== undefined && !wasFinished) graceEndsAt = Date.now() + USAGE_GRACE_MS;
          if (state.finishReason !== undefined && state.usage.outputTokens !== undefined) break;
        }
      } catch (error) {
        // Once `finish_reason` arrived the answer is complete: a failure while waiting for usage does not undo it.
        if (state.finishReason === undefined || signal.aborted) {
          yield { type: 'error', error: openAiCompatibleErrorToLlmError(error, context) };
          return;
        }
      } finally {
        stopRequest();
      }
      // openai 7.57 ends the loop silently on abort, and a body may close before `finish_reason`: neither is a finish.
      if (signal.aborted) yield { type: 'error', error: abortedError(entry) };
      else if (state.finishReason === undefined) yield { type: 'error', error: streamCutError(entry) };
      else yield { type: 'finish', finishReason: state.finishReason, usage: state.usage };
    },
  };
}

/** Yields the chunk's text and updates the state; returns an error part when the chunk ends the answer in error. */
function* applyChunk(
  chunk: ChatCompletionChunk,
  state: StreamState,
  context: FailureContext,
): Generator<ProviderStreamPart, ProviderStreamPart | undefined> {
  if (chunk.usage) {
    state.usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
  }
  const choice = chunk.choices.find((candidate) => candidate.index === 0) ?? chunk.choices[0];
  if (!choice) return undefined;
  if (choice.delta.content) yield { type: 'text-delta', text: choice.delta.content };
  else if (hasReasoning(choice.delta)) yield { type: 'alive', reasoning: true };
  if (choice.delta.refusal) {
    state.refused = true;
    yield { type: 'text-delta', text: choice.delta.refusal };
  }
  const finishReason: string | null = choice.finish_reason;
  if (!finishReason) return undefined;
  if (finishReason === 'error') {
    // An error chunk without an `error` body (with one, the SDK throws before we see it).
    const error = classifyProviderFailure({ provider: context.entry.name, codes: ['server_error'] });
    return { type: 'error', error };
  }
  state.finishReason = state.refused ? 'content-filter' : mapOpenAiCompatibleFinishReason(finishReason);
  return undefined;
}

/** DeepSeek, OpenRouter and vLLM stream thinking as `reasoning_content` or `reasoning`: a sign of life, not the answer. */
function hasReasoning(delta: object): boolean {
  const fields = delta as { reasoning_content?: unknown; reasoning?: unknown };
  return Boolean(fields.reasoning_content || fields.reasoning);
}

/** The next chunk, or TIMED_OUT when none arrives within `ms`; the caller then aborts the request. */
async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  const next = iterator.next();
  next.catch(() => undefined);
  try {
    return await Promise.race([next, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
