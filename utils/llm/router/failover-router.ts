// The fail-over router: runs a request down an ordered chain of entries and yields one honest stream for the UI.
import { createLlmError, type LlmError } from '../errors';
import {
  labelOf,
  type ChainEntry,
  type EntryFailure,
  type LlmRequest,
  type ProviderAdapter,
  type ProviderStreamPart,
  type RouterStreamPart,
} from '../types';
import { decideAfterFailure } from './decide-after-failure';

export interface RouterTimings {
  /** Longest wait for the first text of an attempt (headers are bounded separately by the adapter). */
  firstTokenTimeoutMs: number;
  /** Longest silence between parts once text flows. */
  stallTimeoutMs: number;
}

export const DEFAULT_ROUTER_TIMINGS: RouterTimings = { firstTokenTimeoutMs: 30_000, stallTimeoutMs: 20_000 };

export interface RouterDeps {
  createAdapter: (entry: ChainEntry) => ProviderAdapter;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  timings?: RouterTimings;
  /** Checked before each attempt; when false the router stops with an "offline" error instead of failing over. */
  isOnline?: () => boolean;
}

export async function* failoverRouter(
  chain: readonly ChainEntry[],
  request: LlmRequest,
  signal: AbortSignal,
  deps: RouterDeps,
): AsyncGenerator<RouterStreamPart> {
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const timings = deps.timings ?? DEFAULT_ROUTER_TIMINGS;
  const failures: EntryFailure[] = [];
  let lastError: LlmError = createLlmError('no-provider', 'Lifeline');

  for (let index = 0; index < chain.length; index++) {
    const entry = chain[index]!;
    const label = labelOf(entry);
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return yield { type: 'error', error: createLlmError('aborted', entry.name), failures };
      if (deps.isOnline && !deps.isOnline()) {
        return yield { type: 'error', error: createLlmError('offline', 'Lifeline'), failures };
      }
      yield { type: 'attempt', entry: label, attempt };
      const outcome = yield* runAttempt(deps.createAdapter(entry), request, signal, timings, entry.name);
      if (outcome.type === 'finish') {
        return yield { ...outcome.part, answeredBy: label, failures };
      }
      const error = outcome.error;
      if (error.kind === 'aborted' || signal.aborted) {
        return yield { type: 'error', error: createLlmError('aborted', entry.name), failures };
      }
      lastError = error;
      const decision = decideAfterFailure(error, {
        outputStarted: outcome.textStarted,
        hasNext: index < chain.length - 1,
        retriesUsed: attempt - 1,
        random: random(),
      });
      const failure: EntryFailure = { entry: label, error };
      if (decision.action === 'retry') {
        await sleep(decision.delayMs, signal).catch(() => undefined);
        continue;
      }
      failures.push(failure);
      // A stop keeps the partial text (e.g. content policy mid-answer); a fail-over replaces it.
      if (decision.action === 'stop') return yield { type: 'error', error, failures };
      if (outcome.textStarted) yield { type: 'restart', failure };
      break;
    }
  }
  yield { type: 'error', error: lastError, failures };
}

type AttemptOutcome =
  | { type: 'finish'; part: Extract<ProviderStreamPart, { type: 'finish' }> }
  | { type: 'failed'; error: LlmError; textStarted: boolean };

/** Streams one attempt, forwarding text and turning silence into a classified failure. */
async function* runAttempt(
  adapter: ProviderAdapter,
  request: LlmRequest,
  outerSignal: AbortSignal,
  timings: RouterTimings,
  providerName: string,
): AsyncGenerator<RouterStreamPart, AttemptOutcome> {
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort();
  outerSignal.addEventListener('abort', forwardAbort, { once: true });
  const iterator = adapter.stream(request, { signal: controller.signal })[Symbol.asyncIterator]();
  let textStarted = false;
  try {
    for (;;) {
      const timeoutMs = textStarted ? timings.stallTimeoutMs : timings.firstTokenTimeoutMs;
      const next = await nextWithTimeout(iterator, timeoutMs);
      if (next === 'timeout') {
        const kind = textStarted ? 'stalled' : 'timeout-first-token';
        return { type: 'failed', error: createLlmError(kind, providerName), textStarted };
      }
      if (next.done) {
        return { type: 'failed', error: createLlmError('stream-cut', providerName), textStarted };
      }
      const part = next.value;
      if (part.type === 'text-delta') {
        if (part.text.length === 0) continue;
        textStarted = true;
        yield part;
      } else if (part.type === 'finish') {
        return { type: 'finish', part };
      } else {
        return { type: 'failed', error: part.error, textStarted };
      }
    }
  } finally {
    outerSignal.removeEventListener('abort', forwardAbort);
    controller.abort();
    void iterator.return?.(undefined);
  }
}

async function nextWithTimeout<T>(iterator: AsyncIterator<T>, timeoutMs: number): Promise<IteratorResult<T> | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
