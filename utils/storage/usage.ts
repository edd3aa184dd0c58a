// Tokens each entry used today and this month, kept in storage.local so they survive browser restarts.
import { storage } from 'wxt/utils/storage';
import type { TokenUsage } from '../llm/types';

export interface TokenCount {
  input: number;
  output: number;
}

export interface EntryUsage {
  day: string;
  today: TokenCount;
  month: string;
  thisMonth: TokenCount;
}

export type UsageMap = Record<string, EntryUsage>;

export const usageItem = storage.defineItem<UsageMap>('local:usage', { fallback: {}, version: 1 });

const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);
const add = (count: TokenCount, usage: TokenUsage): TokenCount => ({
  input: count.input + (usage.inputTokens ?? 0),
  output: count.output + (usage.outputTokens ?? 0),
});
const ZERO: TokenCount = { input: 0, output: 0 };

/** The entry's counts as of `at`: a new day or month starts from zero. */
export function currentUsage(entry: EntryUsage | undefined, at: number): { today: TokenCount; thisMonth: TokenCount } {
  const day = dayOf(at);
  return {
    today: entry?.day === day ? entry.today : ZERO,
    thisMonth: entry?.month === day.slice(0, 7) ? entry.thisMonth : ZERO,
  };
}

export function addUsage(map: UsageMap, entryId: string, usage: TokenUsage, at: number): UsageMap {
  const day = dayOf(at);
  const current = currentUsage(map[entryId], at);
  return {
    ...map,
    [entryId]: { day, today: add(current.today, usage), month: day.slice(0, 7), thisMonth: add(current.thisMonth, usage) },
  };
}
