import { createHash } from 'node:crypto';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { contentHash, createSummaryCache, type SummaryCacheMap, type ValueItem } from '@/utils/jobs/summary-cache';
import type { EntryLabel } from '@/utils/llm/types';

const claude: EntryLabel = { id: 'a', name: 'Claude', model: 'claude-x' };

/** An in-memory stand-in for the storage item; every read and write waits a microtask, as storage does. */
function memoryItem(initial: SummaryCacheMap = {}) {
  let value = initial;
  const item: ValueItem<SummaryCacheMap> = {
    async getValue() {
      await Promise.resolve();
      return value;
    },
    async setValue(next) {
      await Promise.resolve();
      value = next;
    },
  };
  return { item, stored: () => value };
}

const PAGE = 'https://news.example.com/story?id=7';
const TEXT = 'The council approved the new park on Monday. Work starts in May.';

describe('contentHash', () => {
  it('should be the hex SHA-256 of the text', async () => {
    expect(await contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('should hash the UTF-8 bytes of non-ASCII text', async () => {
    expect(await contentHash('café 日本')).toBe(createHash('sha256').update(Buffer.from('café 日本', 'utf8')).digest('hex'));
    expect(await contentHash('é')).not.toBe(await contentHash('e'));
  });
});

describe('createSummaryCache', () => {
  it('should give back the summary of the same page and text, whatever fragment or tracking tags the address has', async () => {
    const { item } = memoryItem();
    const cache = createSummaryCache(item);

    await cache.put(`${PAGE}#comments`, TEXT, { text: '- The park is approved.', answeredBy: claude, at: 1_000 });

    const expected = { text: '- The park is approved.', answeredBy: claude, at: 1_000, contentHash: await contentHash(TEXT) };
    expect(await cache.get(PAGE, TEXT)).toEqual(expected);
    expect(await cache.get(`${PAGE}&utm_source=newsletter&utm_medium=email#top`, TEXT)).toEqual(expected);
  });

  it('should store one entry under the normalised address', async () => {
    const { item, stored } = memoryItem();
    const cache = createSummaryCache(item);

    await cache.put(`${PAGE}&utm_campaign=x#a`, TEXT, { text: 'S', answeredBy: claude, at: 1 });

    expect(Object.keys(stored())).toEqual([PAGE]);
  });

  it('should miss when the page changed since it was summarized', async () => {
    const cache = createSummaryCache(memoryItem().item);

    await cache.put(PAGE, TEXT, { text: 'S', answeredBy: claude, at: 1 });

    expect(await cache.get(PAGE, `${TEXT} Update: the park opens a month late.`)).toBeUndefined();
  });

  it('should miss for another page and for a page never summarized', async () => {
    const cache = createSummaryCache(memoryItem().item);

    await cache.put(PAGE, TEXT, { text: 'S', answeredBy: claude, at: 1 });

    expect(await cache.get('https://news.example.com/story?id=8', TEXT)).toBeUndefined();
    expect(await cache.get('https://other.example.com/', 'Anything.')).toBeUndefined();
  });

  it('should replace the summary of a page summarized again', async () => {
    const cache = createSummaryCache(memoryItem().item);

    await cache.put(PAGE, TEXT, { text: 'Old', answeredBy: claude, at: 1 });
    await cache.put(PAGE, TEXT, { text: 'New', answeredBy: { id: 'b', name: 'GPT', model: 'gpt-x' }, at: 2 });

    expect(await cache.get(PAGE, TEXT)).toMatchObject({ text: 'New', answeredBy: { id: 'b' }, at: 2 });
  });

  it('should drop the least recently summarized page beyond the cap', async () => {
    const { item, stored } = memoryItem();
    const cache = createSummaryCache(item, 2);

    await cache.put('https://a.example/', 'A text.', { text: 'A', answeredBy: claude, at: 1 });
    await cache.put('https://b.example/', 'B text.', { text: 'B', answeredBy: claude, at: 2 });
    await cache.put('https://c.example/', 'C text.', { text: 'C', answeredBy: claude, at: 3 });

    expect(Object.keys(stored()).sort()).toEqual(['https://b.example/', 'https://c.example/']);
    expect(await cache.get('https://a.example/', 'A text.')).toBeUndefined();
    expect(await cache.get('https://c.example/', 'C text.')).toMatchObject({ text: 'C' });
  });

  it('should count a page summarized again as recent when it drops one', async () => {
    const { item, stored } = memoryItem();
    const cache = createSummaryCache(item, 2);

    await cache.put('https://a.example/', 'A text.', { text: 'A', answeredBy: claude, at: 1 });
    await cache.put('https://b.example/', 'B text.', { text: 'B', answeredBy: claude, at: 2 });
    await cache.put('https://a.example/', 'A text.', { text: 'A2', answeredBy: claude, at: 3 });
    await cache.put('https://c.example/', 'C text.', { text: 'C', answeredBy: claude, at: 4 });

    expect(Object.keys(stored()).sort()).toEqual(['https://a.example/', 'https://c.example/']);
  });

  it('should keep every summary of concurrent puts', async () => {
    // Hashes that resolve at once, so that every put reaches storage in the same turn: nothing but the cache's own
    // queue keeps one put from reading the map before another has written it.
    const digest = vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (_algorithm, data) => {
      const hash = createHash('sha256').update(new Uint8Array(data as ArrayBuffer)).digest();
      return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength);
    });
    onTestFinished(() => digest.mockRestore());
    const { item, stored } = memoryItem();
    const cache = createSummaryCache(item);
    const pages = Array.from({ length: 8 }, (_, i) => `https://site${i}.example/`);

    await Promise.all(pages.map((url, i) => cache.put(url, `Text ${i}.`, { text: `Summary ${i}`, answeredBy: claude, at: i })));

    expect(Object.keys(stored()).sort()).toEqual([...pages].sort());
    for (const [i, url] of pages.entries()) expect(await cache.get(url, `Text ${i}.`)).toMatchObject({ text: `Summary ${i}` });
  });

  // Known bug: put() hashes the text before it takes its place in the queue, so two puts of one page are applied in the
  // order their hashes finish, not the order they were made: the older summary can overwrite the newer one.
  it('should keep the newer of two summaries of one page made one after the other', async () => {
    // A longer text takes longer to hash: here one microtask per byte.
    const digest = vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (_algorithm, data) => {
      const bytes = new Uint8Array(data as ArrayBuffer);
      for (let i = 0; i < bytes.length; i++) await Promise.resolve();
      const hash = createHash('sha256').update(bytes).digest();
      return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength);
    });
    onTestFinished(() => digest.mockRestore());
    const cache = createSummaryCache(memoryItem().item);

    const older = cache.put(PAGE, `${TEXT} A long first version of the page.`, { text: 'Older', answeredBy: claude, at: 1 });
    const newer = cache.put(PAGE, TEXT, { text: 'Newer', answeredBy: claude, at: 2 });
    await Promise.all([older, newer]);

    expect(await cache.get(PAGE, TEXT)).toMatchObject({ text: 'Newer', at: 2 });
  });

  it('should keep working after a write failed', async () => {
    const memory = memoryItem();
    let failNext = true;
    const item: ValueItem<SummaryCacheMap> = {
      getValue: () => memory.item.getValue(),
      async setValue(next) {
        if (failNext) {
          failNext = false;
          throw new Error('QUOTA_BYTES quota exceeded');
        }
        await memory.item.setValue(next);
      },
    };
    const cache = createSummaryCache(item);

    const first = cache.put('https://a.example/', 'A text.', { text: 'A', answeredBy: claude, at: 1 });
    const second = cache.put('https://b.example/', 'B text.', { text: 'B', answeredBy: claude, at: 2 });

    await expect(first).rejects.toThrow('quota');
    await second;
    expect(await cache.get('https://b.example/', 'B text.')).toMatchObject({ text: 'B' });
  });
});

describe('createSummaryCache with history off', () => {
  it('should write nothing while summaries may not be kept, and keep them again once allowed', async () => {
    const { item, stored } = memoryItem();
    let allowed = false;
    const cache = createSummaryCache(item, 10, async () => allowed);

    await cache.put(PAGE, TEXT, { text: 'A park.', answeredBy: claude, at: 1 });
    expect(stored()).toEqual({});
    expect(await cache.get(PAGE, TEXT)).toBeUndefined();

    allowed = true;
    await cache.put(PAGE, TEXT, { text: 'A park.', answeredBy: claude, at: 2 });
    expect(await cache.get(PAGE, TEXT)).toMatchObject({ text: 'A park.', at: 2 });
  });
});
