// Health of one chain entry: a circuit breaker with probing, rest periods, disabling, and time-to-first-token samples.
import type { LlmError, LlmErrorKind } from '../errors';

export interface RecordedError {
  kind: LlmErrorKind;
  message: string;
  status?: number;
  at: number;
}

export interface EntryHealth {
  successes: number;
  failures: number;
  consecutiveFailures: number;
  /** The breaker is open until then; afterwards one real request probes the entry. */
  openUntil?: number;
  /** How often the breaker opened in a row: each reopening rests longer, up to a cap. */
  openings: number;
  /** Resting after a 429 until then. */
  restUntil?: number;
  /** Rest per key (by its position in the pool) after a 429 or a quota error. */
  keyRestUntil: Record<string, number>;
  /** Skipped until the user changes the entry: a rejected key, an exhausted quota, an unknown model. */
  disabled?: RecordedError;
  lastError?: RecordedError;
  lastSuccessAt?: number;
  /** Recent times to first token, newest last. */
  ttftMs: number[];
}

export interface BreakerConfig {
  /** Failures in a row that open the breaker. */
  failureThreshold: number;
  /** First open period; doubles with each reopening. */
  baseOpenMs: number;
  /** Longest open period: bounds how late a recovered entry is noticed. */
  maxOpenMs: number;
  /** Rest after a 429 that gave no usable Retry-After. */
  defaultRateLimitRestMs: number;
  /** Rest of one key of a pool after a quota error. */
  quotaKeyRestMs: number;
}

export const DEFAULT_BREAKER: BreakerConfig = {
  failureThreshold: 2,
  baseOpenMs: 5_000,
  maxOpenMs: 15_000,
  defaultRateLimitRestMs: 30_000,
  quotaKeyRestMs: 60 * 60_000,
};

const TTFT_SAMPLES = 50;

/** Failures that say something about the entry itself (not the user, the network as a whole, or the input). */
const HEALTH_FAULTS: ReadonlySet<LlmErrorKind> = new Set([
  'network',
  'timeout-headers',
  'timeout-first-token',
  'stalled',
  'overloaded',
  'server',
  'stream-cut',
  'malformed',
  'unknown',
]);
/** Failures only the user can fix. */
const DISABLING: ReadonlySet<LlmErrorKind> = new Set(['auth', 'quota', 'model-not-found']);

export function emptyHealth(): EntryHealth {
  return { successes: 0, failures: 0, consecutiveFailures: 0, openings: 0, keyRestUntil: {}, ttftMs: [] };
}

export type Availability =
  | { status: 'ready' }
  | { status: 'probe' }
  | { status: 'resting'; until: number; reason: RecordedError | undefined }
  | { status: 'disabled'; reason: RecordedError };

export function availabilityOf(health: EntryHealth, now: number): Availability {
  if (health.disabled) return { status: 'disabled', reason: health.disabled };
  const until = Math.max(health.restUntil ?? 0, health.openUntil ?? 0);
  if (until > now) return { status: 'resting', until, reason: health.lastError };
  if (health.openUntil !== undefined) return { status: 'probe' };
  return { status: 'ready' };
}

export function withSuccess(health: EntryHealth, ttftMs: number, now: number): EntryHealth {
  const { openUntil: _open, restUntil: _rest, ...rest } = health;
  return {
    ...rest,
    successes: health.successes + 1,
    consecutiveFailures: 0,
    openings: 0,
    lastSuccessAt: now,
    ttftMs: [...health.ttftMs, Math.round(ttftMs)].slice(-TTFT_SAMPLES),
  };
}

export function withFailure(
  health: EntryHealth,
  error: LlmError,
  context: { now: number; keyIndex: number; keyCount: number; config?: BreakerConfig },
): EntryHealth {
  const config = context.config ?? DEFAULT_BREAKER;
  const { now } = context;
  const recorded: RecordedError = { kind: error.kind, message: error.message, at: now, ...(error.status ? { status: error.status } : {}) };
  const otherKeyLeft = context.keyCount > 1;
  if (error.kind === 'rate-limited') {
    const restMs = error.retryAfterMs ?? config.defaultRateLimitRestMs;
    if (otherKeyLeft) return { ...health, failures: health.failures + 1, lastError: recorded, keyRestUntil: { ...health.keyRestUntil, [context.keyIndex]: now + restMs } };
    return { ...health, failures: health.failures + 1, lastError: recorded, restUntil: now + restMs };
  }
  if (error.kind === 'quota' && otherKeyLeft) {
    return { ...health, failures: health.failures + 1, lastError: recorded, keyRestUntil: { ...health.keyRestUntil, [context.keyIndex]: now + config.quotaKeyRestMs } };
  }
  if (DISABLING.has(error.kind)) return { ...health, failures: health.failures + 1, lastError: recorded, disabled: recorded };
  if (!HEALTH_FAULTS.has(error.kind)) return health;
  const consecutiveFailures = health.consecutiveFailures + 1;
  const wasProbe = health.openUntil !== undefined && health.openUntil <= now;
  const opens = consecutiveFailures >= config.failureThreshold || wasProbe;
  const openings = opens ? health.openings + 1 : health.openings;
  return {
    ...health,
    failures: health.failures + 1,
    consecutiveFailures,
    lastError: recorded,
    openings,
    ...(opens ? { openUntil: now + Math.min(config.baseOpenMs * 2 ** (openings - 1), config.maxOpenMs) } : {}),
  };
}

/** Index of the first key of the pool that is not resting, or the one whose rest ends first. */
export function usableKeyIndex(health: EntryHealth, keyCount: number, now: number): number {
  let best = 0;
  for (let index = 0; index < keyCount; index++) {
    const until = health.keyRestUntil[index] ?? 0;
    if (until <= now) return index;
    if (until < (health.keyRestUntil[best] ?? 0)) best = index;
  }
  return best;
}

export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
