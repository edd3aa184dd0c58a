import { describe, expect, it } from 'vitest';
import { addUsage, currentUsage } from '@/utils/storage/usage';

const day = (iso: string): number => Date.parse(iso);

describe('token usage', () => {
  it('should add tokens to today and this month', () => {
    const once = addUsage({}, 'a', { inputTokens: 100, outputTokens: 20 }, day('2026-11-22T10:00:00Z'));

    const twice = addUsage(once, 'a', { inputTokens: 5, outputTokens: 1 }, day('2026-11-22T11:00:00Z'));

    expect(twice.a).toMatchObject({ today: { input: 105, output: 21 }, thisMonth: { input: 105, output: 21 } });
  });

  it('should start a new day at zero but keep counting the month', () => {
    const yesterday = addUsage({}, 'a', { inputTokens: 100, outputTokens: 20 }, day('2026-11-21T23:00:00Z'));

    const today = addUsage(yesterday, 'a', { inputTokens: 1, outputTokens: 1 }, day('2026-11-22T01:00:00Z'));

    expect(today.a).toMatchObject({ today: { input: 1, output: 1 }, thisMonth: { input: 101, output: 21 } });
  });

  it('should read zero for a month that has passed', () => {
    const october = addUsage({}, 'a', { inputTokens: 100, outputTokens: 20 }, day('2026-10-30T10:00:00Z'));

    expect(currentUsage(october.a, day('2026-11-01T10:00:00Z'))).toEqual({ today: { input: 0, output: 0 }, thisMonth: { input: 0, output: 0 } });
  });
});
