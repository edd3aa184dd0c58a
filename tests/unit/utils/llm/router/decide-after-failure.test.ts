import { describe, expect, it } from 'vitest';
import { createLlmError, type LlmErrorKind } from '@/utils/llm/errors';
import { decideAfterFailure, type FailureDecision } from '@/utils/llm/router/decide-after-failure';

type Row = [string, LlmErrorKind, { status?: number; retryAfterMs?: number }, { hasNext: boolean; retriesUsed: number; outputStarted?: boolean }, FailureDecision['action']];

// One row per line of DESIGN.md's failure table, in the situations where the action differs.
const rows: Row[] = [
  ['user pressed Stop', 'aborted', {}, { hasNext: true, retriesUsed: 0 }, 'stop'],
  ['browser offline: no fail-over', 'offline', {}, { hasNext: true, retriesUsed: 0 }, 'stop'],
  ['endpoint not permitted', 'not-permitted', {}, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['network error with another entry: fail over at once', 'network', {}, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['network error on the last entry: retry once', 'network', {}, { hasNext: false, retriesUsed: 0 }, 'retry'],
  ['network error on the last entry after its retry', 'network', {}, { hasNext: false, retriesUsed: 1 }, 'failover'],
  ['no headers in time: never retry a silent provider', 'timeout-headers', {}, { hasNext: false, retriesUsed: 0 }, 'failover'],
  ['no first token in time', 'timeout-first-token', {}, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['500: quick retry', 'server', { status: 500 }, { hasNext: true, retriesUsed: 0 }, 'retry'],
  ['500 after its retry: fail over', 'server', { status: 500 }, { hasNext: true, retriesUsed: 1 }, 'failover'],
  ['503/529 with another entry: fail over at once', 'overloaded', { status: 529 }, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['503/529 on the last entry: retry once', 'overloaded', { status: 503 }, { hasNext: false, retriesUsed: 0 }, 'retry'],
  ['429 with a short Retry-After: honour it', 'rate-limited', { status: 429, retryAfterMs: 2000 }, { hasNext: true, retriesUsed: 0 }, 'retry'],
  ['429 with a long Retry-After: fail over', 'rate-limited', { status: 429, retryAfterMs: 30_000 }, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['429 without Retry-After and another entry', 'rate-limited', { status: 429 }, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['quota exhausted', 'quota', { status: 402 }, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['invalid key: never retried', 'auth', { status: 401 }, { hasNext: false, retriesUsed: 0 }, 'failover'],
  ['model not found', 'model-not-found', { status: 404 }, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['context too long: no same-entry retry', 'context-too-long', { status: 400 }, { hasNext: true, retriesUsed: 0 }, 'failover'],
  ['other bad request: stop with the reason', 'bad-request', { status: 400 }, { hasNext: true, retriesUsed: 0 }, 'stop'],
  ['content policy: stop', 'content-policy', { status: 400 }, { hasNext: true, retriesUsed: 0 }, 'stop'],
  ['stream cut after content: restart elsewhere', 'stream-cut', {}, { hasNext: true, retriesUsed: 0, outputStarted: true }, 'failover'],
  ['stall after content', 'stalled', {}, { hasNext: true, retriesUsed: 0, outputStarted: true }, 'failover'],
  ['malformed event after content', 'malformed', {}, { hasNext: true, retriesUsed: 0, outputStarted: true }, 'failover'],
  ['a 500 after content is never retried in place', 'server', { status: 500 }, { hasNext: true, retriesUsed: 0, outputStarted: true }, 'failover'],
];

describe('decideAfterFailure', () => {
  it.each(rows)('should handle %s', (_label, kind, extra, context, expected) => {
    const error = createLlmError(kind, 'Provider', extra);

    const decision = decideAfterFailure(error, { outputStarted: false, random: 0.5, ...context });

    expect(decision.action).toBe(expected);
  });

  it('should wait the Retry-After time before retrying a 429', () => {
    const error = createLlmError('rate-limited', 'Provider', { status: 429, retryAfterMs: 2000 });

    const decision = decideAfterFailure(error, { outputStarted: false, hasNext: true, retriesUsed: 0, random: 0 });

    expect(decision).toEqual({ action: 'retry', delayMs: 2000 });
  });

  it('should keep quick-retry delays within the jitter bound', () => {
    const error = createLlmError('server', 'Provider', { status: 502 });

    const delays = [0, 0.5, 0.999].map((random) => decideAfterFailure(error, { outputStarted: false, hasNext: true, retriesUsed: 0, random }));

    for (const decision of delays) {
      expect(decision.action).toBe('retry');
      if (decision.action === 'retry') expect(decision.delayMs).toBeLessThanOrEqual(500);
    }
  });
});
