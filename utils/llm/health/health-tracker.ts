// The router's view of entry health: plans who to try, picks keys, sets hedge delays, and records outcomes.
import type { LlmError } from '../errors';
import { createLlmError } from '../errors';
import { labelOf, type ChainEntry, type EntryFailure } from '../types';
import {
  availabilityOf,
  emptyHealth,
  percentile,
  usableKeyIndex,
  withFailure,
  withSuccess,
  type BreakerConfig,
  type EntryHealth,
} from './entry-health';

export type HealthMap = Record<string, EntryHealth>;

export interface PlannedChain {
  /** Entries to try, in order. */
  entries: ChainEntry[];
  /** Entries left out for this request, with the reason the user is told. */
  skipped: EntryFailure[];
}

export interface HealthTracker {
  plan(chain: readonly ChainEntry[]): PlannedChain;
  /** The entry with the key to use now (the pool's first key that is not resting). */
  withKey(entry: ChainEntry): ChainEntry;
  hasSpareKey(entry: ChainEntry): boolean;
  /** How long an entry may stay silent before a hedge starts the next one. */
  hedgeDelayMs(entry: ChainEntry, minimumMs: number): number;
  recordSuccess(entry: ChainEntry, ttftMs: number): void;
  recordFailure(entry: ChainEntry, error: LlmError): void;
  /** Forgets an entry's history: the user changed or re-enabled it. */
  reset(entryId: string): void;
  snapshot(): HealthMap;
}

export interface HealthTrackerOptions {
  initial?: HealthMap;
  now?: () => number;
  config?: BreakerConfig;
  /** Called after every change, e.g. to save the map to storage.session. */
  onChange?: (health: HealthMap) => void;
}

const keysOf = (entry: ChainEntry): string[] => (entry.apiKeys && entry.apiKeys.length > 0 ? entry.apiKeys : [entry.apiKey]);

export function createHealthTracker(options: HealthTrackerOptions = {}): HealthTracker {
  const now = options.now ?? Date.now;
  let map: HealthMap = { ...options.initial };
  const get = (entry: ChainEntry): EntryHealth => map[entry.id] ?? emptyHealth();
  const set = (entry: ChainEntry, health: EntryHealth): void => {
    map = { ...map, [entry.id]: health };
    options.onChange?.(map);
  };
  const keyIndexOf = (entry: ChainEntry): number => Math.max(0, keysOf(entry).indexOf(entry.apiKey));

  return {
    plan(chain) {
      const at = now();
      const entries: ChainEntry[] = [];
      const skipped: EntryFailure[] = [];
      let earliestResting: { entry: ChainEntry; until: number } | undefined;
      for (const entry of chain) {
        const availability = availabilityOf(get(entry), at);
        if (availability.status === 'ready' || availability.status === 'probe') {
          entries.push(entry);
          continue;
        }
        const reason = availability.reason ?? { kind: 'unknown' as const, message: '', at };
        const error = createLlmError(reason.kind, entry.name, reason.status ? { status: reason.status } : {});
        skipped.push({ entry: labelOf(entry), error, skipped: true });
        if (availability.status === 'resting' && (!earliestResting || availability.until < earliestResting.until)) {
          earliestResting = { entry, until: availability.until };
        }
      }
      // Everything resting: try the one whose rest ends first rather than failing at once.
      if (entries.length === 0 && earliestResting) {
        entries.push(earliestResting.entry);
        const index = skipped.findIndex((failure) => failure.entry.id === earliestResting.entry.id);
        skipped.splice(index, 1);
      }
      return { entries, skipped };
    },

    withKey(entry) {
      const keys = keysOf(entry);
      return { ...entry, apiKey: keys[usableKeyIndex(get(entry), keys.length, now())] ?? entry.apiKey };
    },

    hasSpareKey(entry) {
      const keys = keysOf(entry);
      const health = get(entry);
      const at = now();
      return keys.some((key, index) => key !== entry.apiKey && (health.keyRestUntil[index] ?? 0) <= at);
    },

    hedgeDelayMs(entry, minimumMs) {
      const samples = get(entry).ttftMs;
      const usual = samples.length >= 5 ? percentile(samples, 95) : undefined;
      return Math.max(minimumMs, usual === undefined ? 0 : Math.round(usual * 1.5));
    },

    recordSuccess(entry, ttftMs) {
      set(entry, withSuccess(get(entry), ttftMs, now()));
    },

    recordFailure(entry, error) {
      const keys = keysOf(entry);
      set(entry, withFailure(get(entry), error, { now: now(), keyIndex: keyIndexOf(entry), keyCount: keys.length, ...(options.config ? { config: options.config } : {}) }));
    },

    reset(entryId) {
      if (!(entryId in map)) return;
      const { [entryId]: _removed, ...rest } = map;
      map = rest;
      options.onChange?.(map);
    },

    snapshot: () => map,
  };
}
