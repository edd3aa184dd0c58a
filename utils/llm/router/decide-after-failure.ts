// The failure policy of DESIGN.md as one decision: retry the same entry, fail over to the next, or stop.
import { assertNever, type LlmError } from '../errors';

export type FailureDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'failover' }
  | { action: 'stop' };

export interface FailureContext {
  /** Text from this entry already reached the user. */
  outputStarted: boolean;
  /** Another entry is left in the chain. */
  hasNext: boolean;
  /** Same-entry retries already spent on this entry for this request. */
  retriesUsed: number;
  /** A number in [0, 1) for full-jitter delays. */
  random: number;
}

/** Longest `Retry-After` the user waits for before Lifeline moves on to another entry. */
export const MAX_HONOURED_RETRY_AFTER_MS = 3_000;
/** Upper bound of the full-jitter delay before a quick same-entry retry. */
export const QUICK_RETRY_MAX_DELAY_MS = 500;
/** Upper bound of the backoff before retrying an overloaded last entry. */
export const OVERLOADED_BACKOFF_MAX_MS = 1_500;

export function decideAfterFailure(error: LlmError, context: FailureContext): FailureDecision {
  const canRetry = context.retriesUsed < 1;
  // Full jitter: anywhere between no wait and the cap, so clients that failed together do not retry together.
  const jitter = (maxMs: number): number => Math.round(context.random * maxMs);
  const retryOrFailover = (delayMs: number): FailureDecision =>
    context.outputStarted ? { action: 'failover' } : canRetry ? { action: 'retry', delayMs } : { action: 'failover' };

  switch (error.kind) {
    // Failing over cannot help: the user stopped, the network is gone, the input or the user's settings decide.
    case 'aborted':
    case 'offline':
    case 'no-provider':
    case 'locked':
    case 'site-blocked':
    case 'unreachable':
    case 'content-policy':
    case 'bad-request':
      return { action: 'stop' };
    case 'network':
      return context.hasNext ? { action: 'failover' } : retryOrFailover(jitter(QUICK_RETRY_MAX_DELAY_MS));
    case 'server':
      return retryOrFailover(jitter(QUICK_RETRY_MAX_DELAY_MS));
    case 'overloaded':
      return context.hasNext ? { action: 'failover' } : retryOrFailover(jitter(OVERLOADED_BACKOFF_MAX_MS));
    case 'rate-limited':
      if (error.retryAfterMs !== undefined && error.retryAfterMs <= MAX_HONOURED_RETRY_AFTER_MS) {
        // Never sooner than the provider asked for.
        return retryOrFailover(error.retryAfterMs + jitter(100));
      }
      return context.hasNext ? { action: 'failover' } : retryOrFailover(jitter(OVERLOADED_BACKOFF_MAX_MS));
    // Once text reached the user, only a different entry can produce a trustworthy complete answer: these never
    // retry the same entry.
    case 'timeout-headers':
    case 'timeout-first-token':
    case 'stalled':
    case 'stream-cut':
    case 'malformed':
    case 'quota':
    case 'auth':
    case 'model-not-found':
    case 'context-too-long':
    case 'not-permitted':
    case 'unknown':
      return { action: 'failover' };
    default:
      return assertNever(error.kind);
  }
}
