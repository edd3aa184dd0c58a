// The fail-over router: runs a request down an ordered chain of entries, hedging silent ones, and yields one honest stream.
import { createLlmError, type LlmError } from '../errors';
import { createHealthTracker, type HealthTracker } from '../health/health-tracker';
import { labelOf, type ChainEntry, type EntryFailure, type LlmRequest, type ProviderAdapter, type RouterStreamPart } from '../types';
import { decideAfterFailure } from './decide-after-failure';
import { createEventQueue } from './event-queue';
import { runAttempt, type AttemptEvent, type AttemptHandle } from './run-attempt';

export interface HedgingOptions {
  enabled: boolean;
  /** A hedge never starts sooner than this, whatever the entry's usual speed. */
  minDelayMs: number;
}

/** DESIGN.md: hedge after the entry's usual time to first token, at least ~2-3 s. */
export const DEFAULT_HEDGING: HedgingOptions = { enabled: true, minDelayMs: 2_000 };

export interface RouterDeps {
  createAdapter: (entry: ChainEntry) => ProviderAdapter;
  random?: () => number;
  now?: () => number;
  /** Checked before each attempt; when false the router stops with an "offline" error instead of failing over. */
  isOnline?: () => boolean;
  /** Whether the extension may reach the entry's endpoint (host permission). */
  isPermitted?: (entry: ChainEntry) => boolean | Promise<boolean>;
  /** Shared across requests so breakers and rest periods carry over; a fresh one per request otherwise. */
  health?: HealthTracker;
  hedging?: HedgingOptions;
}

type RouterEvent = AttemptEvent | { kind: 'retry-due'; index: number } | { kind: 'hedge-due' } | { kind: 'user-abort' };

interface LiveAttempt {
  index: number;
  entry: ChainEntry;
  startedAt: number;
  handle: AttemptHandle;
  textStarted: boolean;
}

export async function* failoverRouter(
  chain: readonly ChainEntry[],
  request: LlmRequest,
  signal: AbortSignal,
  deps: RouterDeps,
): AsyncGenerator<RouterStreamPart> {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const health = deps.health ?? createHealthTracker({ now });
  const hedging = deps.hedging ?? DEFAULT_HEDGING;
  const plan = health.plan(chain);
  const entries = plan.entries;
  const failures: EntryFailure[] = [...plan.skipped];
  const queue = createEventQueue<RouterEvent>();
  const live = new Map<number, LiveAttempt>();
  const retriesUsed = new Map<number, number>();
  const attemptsPerEntry = new Map<number, number>();
  const excluded = new Set<number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let hedgeTimer: ReturnType<typeof setTimeout> | undefined;
  let nextIndex = 0;
  let nextAttemptId = 1;
  let leader: LiveAttempt | undefined;
  let pendingRetries = 0;
  let lastError: LlmError = plan.skipped.at(-1)?.error ?? createLlmError('no-provider', 'Lifeline');

  const onAbort = (): void => queue.push({ kind: 'user-abort' });
  signal.addEventListener('abort', onAbort, { once: true });
  const later = (ms: number, event: RouterEvent): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      queue.push(event);
    }, ms);
    timers.add(timer);
    return timer;
  };
  const cancelOthers = (keep?: LiveAttempt): void => {
    for (const [id, attempt] of live) {
      if (attempt === keep) continue;
      attempt.handle.cancel();
      live.delete(id);
    }
  };
  const unstartedLeft = (): boolean => {
    for (let index = nextIndex; index < entries.length; index++) if (!excluded.has(index)) return true;
    return false;
  };

  /** Starts an attempt on the entry at `index`; returns the parts to announce it, or an offline error. */
  const launch = (index: number, hedge = false): RouterStreamPart => {
    if (deps.isOnline && !deps.isOnline()) return { type: 'error', error: createLlmError('offline', 'Lifeline'), failures };
    const entry = health.withKey(entries[index]!);
    const attemptId = nextAttemptId++;
    const count = (attemptsPerEntry.get(index) ?? 0) + 1;
    attemptsPerEntry.set(index, count);
    const attempt: LiveAttempt = {
      index,
      entry,
      startedAt: now(),
      textStarted: false,
      handle: runAttempt({
        attemptId,
        entry,
        adapter: deps.createAdapter(entry),
        request,
        ...(deps.isPermitted ? { isPermitted: deps.isPermitted } : {}),
        emit: (event) => queue.push(event),
      }),
    };
    live.set(attemptId, attempt);
    return { type: 'attempt', entry: labelOf(entry), attempt: count, ...(hedge ? { hedge: true } : {}) };
  };
  const launchNext = (hedge = false): RouterStreamPart | undefined => {
    while (nextIndex < entries.length && excluded.has(nextIndex)) nextIndex++;
    if (nextIndex >= entries.length) return undefined;
    return launch(nextIndex++, hedge);
  };
  // A silent entry should not make the user wait: race the next one once it is slower than usual.
  const armHedge = (): void => {
    clearTimeout(hedgeTimer);
    if (!hedging.enabled || leader || live.size !== 1 || !unstartedLeft()) return;
    const only = [...live.values()][0]!;
    const delay = only.startedAt + health.hedgeDelayMs(only.entry, hedging.minDelayMs) - now();
    hedgeTimer = later(Math.max(0, delay), { kind: 'hedge-due' });
  };
  // After "context too long", entries whose window is known to be no larger cannot help.
  const excludeSmallerContexts = (failed: ChainEntry): void => {
    if (failed.contextWindow === undefined) return;
    entries.forEach((entry, index) => {
      if (index >= nextIndex && entry.contextWindow !== undefined && entry.contextWindow <= failed.contextWindow!) {
        excluded.add(index);
        failures.push({ entry: labelOf(entry), error: createLlmError('context-too-long', entry.name), skipped: true });
      }
    });
  };

  try {
    if (signal.aborted) return yield { type: 'error', error: createLlmError('aborted', 'Lifeline'), failures };
    if (entries.length === 0) return yield { type: 'error', error: lastError, failures };
    const first = launchNext();
    if (first) yield first;
    if (first?.type === 'error') return;
    armHedge();

    for (;;) {
      const event = await queue.next();
      if (event.kind === 'user-abort' || signal.aborted) {
        return yield { type: 'error', error: createLlmError('aborted', leader?.entry.name ?? 'Lifeline'), failures };
      }
      if (event.kind === 'hedge-due') {
        if (leader || live.size !== 1) continue;
        const part = launchNext(true);
        if (part) yield part;
        if (part?.type === 'error') return;
        continue;
      }
      if (event.kind === 'retry-due') {
        pendingRetries--;
        const part = launch(event.index);
        yield part;
        if (part.type === 'error') return;
        armHedge();
        continue;
      }
      const attempt = live.get(event.attemptId);
      if (!attempt) continue; // a cancelled hedge loser
      if (event.kind === 'text') {
        if (!leader) {
          leader = attempt;
          clearTimeout(hedgeTimer);
          cancelOthers(attempt);
          health.recordSuccess(attempt.entry, now() - attempt.startedAt);
        }
        attempt.textStarted = true;
        if (attempt === leader) yield { type: 'text-delta', text: event.text };
        continue;
      }
      if (event.kind === 'finish') {
        if (leader && attempt !== leader) continue;
        if (!leader) health.recordSuccess(attempt.entry, now() - attempt.startedAt);
        const { type: _type, ...finish } = event.part;
        return yield { type: 'finish', ...finish, answeredBy: labelOf(attempt.entry), failures };
      }

      // The attempt failed.
      live.delete(event.attemptId);
      const error = event.error;
      if (error.kind === 'aborted') continue; // only the user's abort (handled above) or a cancellation
      lastError = error;
      health.recordFailure(attempt.entry, error);
      const failure: EntryFailure = { entry: labelOf(attempt.entry), error };
      failures.push(failure);
      const wasLeader = attempt === leader;
      if (wasLeader) leader = undefined;
      if (error.kind === 'context-too-long') excludeSmallerContexts(attempt.entry);

      // A pool with a rested key left: the same entry, another key, at once.
      if (!event.textStarted && (error.kind === 'rate-limited' || error.kind === 'quota') && health.hasSpareKey(attempt.entry)) {
        const part = launch(attempt.index);
        yield part;
        if (part.type === 'error') return;
        armHedge();
        continue;
      }
      const decision = decideAfterFailure(error, {
        outputStarted: event.textStarted,
        hasNext: unstartedLeft() || live.size > 0,
        retriesUsed: retriesUsed.get(attempt.index) ?? 0,
        random: random(),
      });
      if (decision.action === 'stop') {
        cancelOthers();
        return yield { type: 'error', error, failures };
      }
      // Text already shown came from an entry that broke off: the UI discards it.
      if (event.textStarted) yield { type: 'restart', failure };
      if (decision.action === 'retry') {
        retriesUsed.set(attempt.index, (retriesUsed.get(attempt.index) ?? 0) + 1);
        pendingRetries++;
        later(decision.delayMs, { kind: 'retry-due', index: attempt.index });
        continue;
      }
      if (live.size > 0) {
        armHedge();
        continue; // a hedge already runs on the next entry
      }
      const part = launchNext();
      if (part) {
        yield part;
        if (part.type === 'error') return;
        armHedge();
        continue;
      }
      if (pendingRetries > 0) continue;
      return yield { type: 'error', error: lastError, failures };
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(hedgeTimer);
    for (const timer of timers) clearTimeout(timer);
    cancelOthers();
  }
}
