import { describe, expect, it } from 'vitest';
import { createLlmError } from '@/utils/llm/errors';
import { availabilityOf, DEFAULT_BREAKER, emptyHealth, usableKeyIndex, withFailure, withSuccess } from '@/utils/llm/health/entry-health';
import { badgeForHealth, toHealthView } from '@/utils/llm/health/health-view';

const context = (now: number) => ({ now, keyIndex: 0, keyCount: 1 });
const overloaded = createLlmError('overloaded', 'A', { status: 503 });
const noUsage = { today: { input: 0, output: 0 }, thisMonth: { input: 0, output: 0 } };

describe('entry health', () => {
  it('should stay ready after one fault and open after two in a row', () => {
    const once = withFailure(emptyHealth(), overloaded, context(0));
    const twice = withFailure(once, overloaded, context(10));

    expect(availabilityOf(once, 20).status).toBe('ready');
    expect(availabilityOf(twice, 20)).toMatchObject({ status: 'resting', until: 10 + DEFAULT_BREAKER.baseOpenMs });
  });

  it('should let a request probe after the open period, and rest longer after a failed probe, up to the cap', () => {
    let health = withFailure(withFailure(emptyHealth(), overloaded, context(0)), overloaded, context(0));
    const periods: number[] = [];
    let now = 0;

    for (let i = 0; i < 4; i++) {
      now = health.openUntil!;
      expect(availabilityOf(health, now).status).toBe('probe');
      health = withFailure(health, overloaded, context(now));
      periods.push(health.openUntil! - now);
    }

    expect(periods).toEqual([10_000, 15_000, 15_000, 15_000]);
  });

  it('should close the breaker on success and keep the time to first token', () => {
    const open = withFailure(withFailure(emptyHealth(), overloaded, context(0)), overloaded, context(0));

    const healed = withSuccess(open, 420, 20_000);

    expect(availabilityOf(healed, 20_000).status).toBe('ready');
    expect(healed).toMatchObject({ consecutiveFailures: 0, ttftMs: [420], successes: 1 });
  });

  it('should rest after a 429 for its Retry-After, or 30 s without one', () => {
    const withHeader = withFailure(emptyHealth(), createLlmError('rate-limited', 'A', { status: 429, retryAfterMs: 7_000 }), context(0));
    const without = withFailure(emptyHealth(), createLlmError('rate-limited', 'A', { status: 429 }), context(0));

    expect(withHeader.restUntil).toBe(7_000);
    expect(without.restUntil).toBe(30_000);
  });

  it.each(['auth', 'quota', 'model-not-found'] as const)('should disable the entry after %s until the user acts', (kind) => {
    const health = withFailure(emptyHealth(), createLlmError(kind, 'A', { status: 401 }), context(0));

    expect(availabilityOf(health, 1e12).status).toBe('disabled');
  });

  it.each(['aborted', 'offline', 'bad-request', 'content-policy', 'context-too-long', 'not-permitted'] as const)(
    'should not count %s against the entry',
    (kind) => {
      const health = withFailure(emptyHealth(), createLlmError(kind, 'A'), context(0));

      expect(health).toEqual(emptyHealth());
    },
  );

  it('should rest only the exhausted key of a pool', () => {
    const health = withFailure(emptyHealth(), createLlmError('quota', 'A', { status: 429 }), { now: 0, keyIndex: 0, keyCount: 2 });

    expect(availabilityOf(health, 1).status).toBe('ready');
    expect(usableKeyIndex(health, 2, 1)).toBe(1);
  });
});

describe('health views', () => {
  it('should describe an unused entry without numbers', () => {
    expect(toHealthView('a', undefined, noUsage, 0)).toEqual({ id: 'a', status: 'unused', ...{ tokensToday: noUsage.today, tokensThisMonth: noUsage.thisMonth } });
  });

  it('should give the success rate and times to first token', () => {
    const health = withFailure(withSuccess(withSuccess(emptyHealth(), 100, 0), 300, 0), overloaded, context(0));

    const view = toHealthView('a', health, noUsage, 1);

    expect(view).toMatchObject({ status: 'failing', successRate: 2 / 3, ttftP50Ms: 300, lastError: { at: 0 } });
  });

  it('should badge the number of troubled entries, red when one is disabled', () => {
    const disabled = toHealthView('a', withFailure(emptyHealth(), createLlmError('auth', 'A', { status: 401 }), context(0)), noUsage, 1);
    const healthy = toHealthView('b', withSuccess(emptyHealth(), 100, 0), noUsage, 1);

    expect(badgeForHealth([disabled, healthy])).toEqual({ text: '1', color: '#b42318' });
    expect(badgeForHealth([healthy])).toEqual({ text: '', color: '#000000' });
  });
});
