import { describe, expect, it } from 'vitest';
import {
  describeHealth,
  formatMs,
  formatPercent,
  formatRelativeTime,
  formatTimeUntil,
  formatTokenCount,
  formatTokenUsage,
} from '@/utils/llm/health/format-health';
import type { EntryHealthView } from '@/utils/llm/health/health-view';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const none = { input: 0, output: 0 };

function view(overrides: Partial<EntryHealthView>): EntryHealthView {
  return { id: 'p1', status: 'healthy', tokensToday: none, tokensThisMonth: none, ...overrides };
}

describe('formatPercent', () => {
  it.each([
    [0.98, '98%'],
    [1, '100%'],
    [0, '0%'],
    [0.5049, '50%'],
  ])('should show %s as %s', (rate, expected) => {
    const text = formatPercent(rate);

    expect(text).toBe(expected);
  });

  it('should not round a share with failures up to 100%', () => {
    const text = formatPercent(0.998);

    expect(text).toBe('99%');
  });

  it('should not round a share with successes down to 0%', () => {
    const text = formatPercent(0.002);

    expect(text).toBe('1%');
  });

  it.each([Number.NaN, -0.5, 1.5])('should keep %s within 0% to 100%', (rate) => {
    const text = formatPercent(rate);

    expect(['0%', '100%']).toContain(text);
  });
});

describe('formatMs', () => {
  it.each([
    [0, '0 ms'],
    [420, '420 ms'],
    [419.6, '420 ms'],
    [999.6, '1 s'],
    [1_234, '1.2 s'],
    [2_000, '2 s'],
    [9_960, '10 s'],
    [12_400, '12 s'],
  ])('should show %s ms as %s', (ms, expected) => {
    const text = formatMs(ms);

    expect(text).toBe(expected);
  });

  it('should show a negative or invalid duration as 0 ms', () => {
    const texts = [formatMs(-5), formatMs(Number.NaN)];

    expect(texts).toEqual(['0 ms', '0 ms']);
  });
});

describe('formatTokenCount', () => {
  it.each([
    [0, '0'],
    [850, '850'],
    [999, '999'],
    [1_000, '1k'],
    [1_234, '1.2k'],
    [12_345, '12.3k'],
    [99_960, '100k'],
    [210_400, '210k'],
    [999_600, '1M'],
    [3_450_000, '3.5M'],
    [2_000_000_000, '2B'],
  ])('should show %s tokens as %s', (count, expected) => {
    const text = formatTokenCount(count);

    expect(text).toBe(expected);
  });

  it('should show a negative or invalid count as 0', () => {
    const texts = [formatTokenCount(-3), formatTokenCount(Number.POSITIVE_INFINITY)];

    expect(texts).toEqual(['0', '0']);
  });
});

describe('formatTokenUsage', () => {
  it('should add input and output tokens for today and this month', () => {
    const today = { input: 10_000, output: 2_300 };
    const month = { input: 180_000, output: 30_000 };

    const text = formatTokenUsage(today, month);

    expect(text).toBe('12.3k tokens today, 210k this month');
  });
});

describe('formatRelativeTime', () => {
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [60_000, '1 min ago'],
    [2 * 60_000 + 50_000, '2 min ago'],
    [3 * 3_600_000 + 5 * 60_000, '3 h ago'],
    [30 * 3_600_000, 'yesterday'],
    [4 * 86_400_000 + 1_000, '4 days ago'],
  ])('should show %s ms ago as %s', (elapsed, expected) => {
    const text = formatRelativeTime(NOW - elapsed, NOW);

    expect(text).toBe(expected);
  });

  it('should show a time in the future as just now', () => {
    const text = formatRelativeTime(NOW + 5_000, NOW);

    expect(text).toBe('just now');
  });
});

describe('formatTimeUntil', () => {
  it.each([
    [24_200, 'in 25 s'],
    [60_000, 'in 1 min'],
    [90_000, 'in 2 min'],
    [2 * 3_600_000, 'in 2 h'],
    [0, 'now'],
    [-1_000, 'now'],
  ])('should show %s ms ahead as %s', (remaining, expected) => {
    const text = formatTimeUntil(NOW + remaining, NOW);

    expect(text).toBe(expected);
  });
});

describe('describeHealth', () => {
  it('should summarize a healthy provider in one line', () => {
    const healthy = view({
      successRate: 0.98,
      ttftP50Ms: 420,
      ttftP95Ms: 900,
      tokensToday: { input: 10_000, output: 2_300 },
      tokensThisMonth: { input: 180_000, output: 30_000 },
      lastError: { message: 'Overloaded', at: NOW - 3_600_000 },
    });

    const description = describeHealth(healthy, NOW);

    expect(description).toEqual({
      tone: 'ok',
      label: 'Healthy',
      facts: ['98% answered', 'first token 420 ms (p95 900 ms)', '12.3k tokens today, 210k this month'],
      summary: 'Healthy · 98% answered · first token 420 ms (p95 900 ms) · 12.3k tokens today, 210k this month',
    });
  });

  it('should leave out the speed and the tokens when they are unknown', () => {
    const healthy = view({ successRate: 1 });

    const description = describeHealth(healthy, NOW);

    expect(description.summary).toBe('Healthy · 100% answered');
  });

  it('should leave out the p95 when only the median is known', () => {
    const healthy = view({ successRate: 1, ttftP50Ms: 1_500 });

    const description = describeHealth(healthy, NOW);

    expect(description.summary).toBe('Healthy · 100% answered · first token 1.5 s');
  });

  it('should show the tokens of a provider that has not been tried since a reset', () => {
    const unused = view({ status: 'unused', tokensThisMonth: { input: 1_000, output: 500 } });

    const description = describeHealth(unused, NOW);

    expect(description.summary).toBe('Not used yet · 0 tokens today, 1.5k this month');
  });

  it('should say an unused provider is not used yet', () => {
    const unused = view({ status: 'unused' });

    const description = describeHealth(unused, NOW);

    expect(description).toEqual({ tone: 'neutral', label: 'Not used yet', facts: [], summary: 'Not used yet' });
  });

  it('should show the notice and the last error of a failing provider in a warning tone', () => {
    const failing = view({
      status: 'failing',
      successRate: 0.6,
      notice: 'Failed recently; the next request checks whether it recovered.',
      lastError: { message: 'Server error (502).', at: NOW - 2 * 60_000 },
    });

    const description = describeHealth(failing, NOW);

    expect(description).toEqual({
      tone: 'warning',
      label: 'Failing',
      facts: ['60% answered'],
      summary: 'Failing · 60% answered',
      notice: 'Failed recently; the next request checks whether it recovered.',
      lastError: 'Last error 2 min ago: Server error (502).',
    });
  });

  it('should say when a resting provider is tried next', () => {
    const resting = view({
      status: 'resting',
      successRate: 0.5,
      notice: 'Resting after repeated failures; Lifeline will try it again soon.',
      restingUntil: NOW + 12_000,
      lastError: { message: 'No response headers within 10 s.', at: NOW - 5_000 },
    });

    const description = describeHealth(resting, NOW);

    expect(description).toEqual({
      tone: 'warning',
      label: 'Resting',
      facts: ['50% answered'],
      summary: 'Resting · 50% answered',
      notice: 'Resting after repeated failures; Lifeline will try it again soon.',
      nextTry: 'Next try in 12 s',
      lastError: 'Last error just now: No response headers within 10 s.',
    });
  });

  it('should not give a next try once the rest has ended', () => {
    const resting = view({ status: 'resting', restingUntil: NOW - 1 });

    const description = describeHealth(resting, NOW);

    expect(description.nextTry).toBeUndefined();
  });

  it('should show a disabled provider as an alert without repeating the reason', () => {
    const disabled = view({
      status: 'disabled',
      successRate: 0,
      notice: 'Not used until you fix it: The API key was rejected.',
      lastError: { message: 'The API key was rejected.', at: NOW - 60_000 },
    });

    const description = describeHealth(disabled, NOW);

    expect(description).toEqual({
      tone: 'alert',
      label: 'Disabled',
      facts: ['0% answered'],
      summary: 'Disabled · 0% answered',
      notice: 'Not used until you fix it: The API key was rejected.',
    });
  });

  it('should still say a disabled provider waits for the user when no notice came', () => {
    const disabled = view({ status: 'disabled' });

    const description = describeHealth(disabled, NOW);

    expect(description.notice).toBe('Not used until you fix it.');
  });

  it('should put a long multi-line error message on one bounded line', () => {
    const failing = view({ status: 'failing', lastError: { message: `Bad\n\ngateway ${'x'.repeat(400)}`, at: NOW } });

    const description = describeHealth(failing, NOW);

    expect(description.lastError).toMatch(/^Last error just now: Bad gateway x+…$/);
    expect(description.lastError?.length).toBeLessThanOrEqual('Last error just now: '.length + 240);
  });
});
