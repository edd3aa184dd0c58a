// The last AI summary of each page (address + a hash of its text), shown, labelled with its age and author, when no AI
// can be reached for the same page later.
import { storage } from 'wxt/utils/storage';
import { normalizePageUrl } from '../history/normalize-page-url';
import { createSerialQueue, type ValueItem } from '../storage/serial-writes';
import type { EntryLabel } from '../llm/types';

export interface CachedSummary {
  /** SHA-256 of the page text the summary was made from. */
  contentHash: string;
  text: string;
  answeredBy: EntryLabel;
  at: number;
}

export type SummaryCacheMap = Record<string, CachedSummary>;

/** The pages remembered; the least recently summarized go first. */
export const MAX_CACHED_SUMMARIES = 100;

export const summaryCacheItem = storage.defineItem<SummaryCacheMap>('local:summaryCache', { fallback: {}, version: 1 });

export type { ValueItem };

export interface SummaryCache {
  get(url: string, text: string): Promise<CachedSummary | undefined>;
  put(url: string, text: string, summary: Omit<CachedSummary, 'contentHash'>): Promise<void>;
}

export async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `keep`: whether summaries may be written now (not with history off: nothing then goes to disk). */
export function createSummaryCache(
  item: ValueItem<SummaryCacheMap> = summaryCacheItem,
  max = MAX_CACHED_SUMMARIES,
  keep: () => Promise<boolean> = async () => true,
): SummaryCache {
  const enqueue = createSerialQueue();
  return {
    async get(url, text) {
      const [cached, hash] = await Promise.all([enqueue(async () => (await item.getValue())[normalizePageUrl(url)]), contentHash(text)]);
      return cached && cached.contentHash === hash ? cached : undefined;
    },
    async put(url, text, summary) {
      if (!(await keep())) return;
      // Hashed inside the queue: saves apply in the order they were made.
      await enqueue(async () => {
        const hash = await contentHash(text);
        const all = { ...(await item.getValue()), [normalizePageUrl(url)]: { ...summary, contentHash: hash } };
        const kept = Object.entries(all)
          .sort(([, a], [, b]) => b.at - a.at)
          .slice(0, max);
        await item.setValue(Object.fromEntries(kept));
      });
    },
  };
}
