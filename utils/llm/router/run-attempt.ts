// One attempt on one entry: streams its parts as events and turns silence at each stage into a classified failure.
import { createLlmError, type LlmError } from '../errors';
import { resolveTimeouts, type ChainEntry, type LlmRequest, type ProviderAdapter, type ProviderStreamPart } from '../types';

export type AttemptEvent =
  | { kind: 'text'; attemptId: number; text: string }
  | { kind: 'finish'; attemptId: number; part: Extract<ProviderStreamPart, { type: 'finish' }> }
  | { kind: 'failed'; attemptId: number; error: LlmError; textStarted: boolean };

export interface AttemptHandle {
  cancel(): void;
}

/** Grace after the adapter's own header timeout before the router declares the entry silent itself. */
const HEADER_SAFETY_MARGIN_MS = 1_000;

export function runAttempt(options: {
  attemptId: number;
  entry: ChainEntry;
  adapter: ProviderAdapter;
  request: LlmRequest;
  /** Checked before anything is sent: a missing host permission fails without a request. */
  isPermitted?: (entry: ChainEntry) => boolean | Promise<boolean>;
  emit: (event: AttemptEvent) => void;
}): AttemptHandle {
  const { attemptId, entry, emit } = options;
  const timeouts = resolveTimeouts(entry);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;
  let textStarted = false;

  const end = (event: AttemptEvent): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    controller.abort();
    emit(event);
  };
  const fail = (error: LlmError): void => end({ kind: 'failed', attemptId, error, textStarted });
  const arm = (ms: number, kind: 'timeout-headers' | 'timeout-first-token' | 'stalled'): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(createLlmError(kind, entry.name)), ms);
  };

  const pump = async (): Promise<void> => {
    if (options.isPermitted && !(await options.isPermitted(entry))) return fail(createLlmError('not-permitted', entry.name));
    if (ended) return;
    arm(timeouts.headersMs + HEADER_SAFETY_MARGIN_MS, 'timeout-headers');
    for await (const part of options.adapter.stream(options.request, { signal: controller.signal })) {
      if (ended) return;
      switch (part.type) {
        case 'response-started':
          arm(timeouts.firstTokenMs, 'timeout-first-token');
          break;
        case 'alive':
          // Reasoning shows the model is working; a keep-alive ping only shows the connection is.
          if (textStarted) arm(timeouts.stallMs, 'stalled');
          else if (part.reasoning) arm(timeouts.firstTokenMs, 'timeout-first-token');
          break;
        case 'text-delta':
          if (!part.text) break;
          textStarted = true;
          emit({ kind: 'text', attemptId, text: part.text });
          arm(timeouts.stallMs, 'stalled');
          break;
        case 'finish':
          return end({ kind: 'finish', attemptId, part });
        case 'error':
          return fail(part.error);
      }
    }
    fail(createLlmError('stream-cut', entry.name));
  };
  pump().catch(() => fail(createLlmError('unknown', entry.name)));

  return {
    cancel() {
      ended = true;
      clearTimeout(timer);
      controller.abort();
    },
  };
}
