import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Conversation, HistoryNotice } from '@/utils/history/conversation';
import { createConversationStore, createMemoryItem, isQuotaError, plainPreviewText, type ValueItem } from '@/utils/history/conversation-store';
import { conversationsItem, historyNoticeItem, type ConversationMap } from '@/utils/history/history-items';
import { answer, conversation, job, question } from './fixtures';

const storeOn = (item: ValueItem<ConversationMap>, max = 200, noticeItem?: ValueItem<HistoryNotice | null>) =>
  createConversationStore({ item, maxConversations: () => max, now: () => 1_000_000, ...(noticeItem ? { noticeItem } : {}) });

/** storage.local as Chrome enforces it: a write whose JSON is larger than `limit` characters fails and changes nothing. */
function quotaItem(limit: number) {
  let stored: ConversationMap = {};
  const writes: number[] = [];
  const item: ValueItem<ConversationMap> = {
    getValue: async () => structuredClone(stored),
    setValue: async (value) => {
      const size = JSON.stringify(value).length;
      writes.push(size);
      if (size > limit) throw new Error('Resource::kQuotaBytes quota exceeded');
      stored = structuredClone(value);
    },
  };
  return { item, writes, stored: () => stored };
}

/** A conversation whose answer is about `chars` characters long. */
const sized = (id: string, updatedAt: number, chars: number): Conversation =>
  conversation(id, updatedAt, { messages: [question(`${id}-q`, 'Q'), answer(`${id}-a`, job(`job-${id}`, { text: 'x'.repeat(chars) }))] });

const size = (value: unknown): number => JSON.stringify(value).length;

describe('conversation store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should save a conversation in storage.local and read it back', async () => {
    const store = storeOn(conversationsItem);

    await store.put(conversation('a', 10));

    expect(await store.get('a')).toEqual(conversation('a', 10));
    expect((await fakeBrowser.storage.local.get('conversations')).conversations).toEqual({ a: conversation('a', 10) });
    expect(await store.get('missing')).toBeUndefined();
    expect(await store.get('constructor')).toBeUndefined();
  });

  it('should replace a conversation saved again under the same id', async () => {
    const store = storeOn(conversationsItem);
    await store.put(conversation('a', 10));

    await store.put(conversation('a', 20, { title: 'Renamed' }));

    expect(await store.all()).toEqual([conversation('a', 20, { title: 'Renamed' })]);
  });

  it("should find the page's most recently updated conversation", async () => {
    const store = storeOn(conversationsItem);
    const pageKey = 'https://example.com/doc';
    await store.put(conversation('old', 10, { pageKey }));
    await store.put(conversation('latest', 30, { pageKey }));
    await store.put(conversation('middle', 20, { pageKey }));
    await store.put(conversation('other-page', 40));

    expect((await store.forPage(pageKey))?.id).toBe('latest');
    expect(await store.forPage('https://example.com/never-seen')).toBeUndefined();
  });

  it('should list summaries newest first', async () => {
    const store = storeOn(conversationsItem);
    await store.put(conversation('b', 20));
    await store.put(conversation('c', 30));
    await store.put(conversation('a', 10));

    const summaries = await store.list();

    expect(summaries.map((summary) => summary.id)).toEqual(['c', 'b', 'a']);
    expect(summaries[0]).toEqual({
      id: 'c',
      pageKey: 'https://example.com/c',
      url: 'https://example.com/c',
      title: 'Page c',
      updatedAt: 30,
      messageCount: 2,
      preview: 'Answer of job-c.',
    });
  });

  it('should cut a long preview to one line', async () => {
    const store = storeOn(conversationsItem);
    const long = `First line\n\n${'word '.repeat(100)}`;
    await store.put(conversation('a', 1, { messages: [question('q', long), answer('r', job('j', { status: 'running', text: '' }))] }));

    const [summary] = await store.list();

    expect(summary?.preview.startsWith('First line word word')).toBe(true);
    expect(summary?.preview).not.toContain('\n');
    expect(summary?.preview.length).toBeLessThanOrEqual(140);
    expect(summary?.preview.endsWith('…')).toBe(true);
  });

  it('should search titles, addresses, questions and answers, case-insensitively, every term', async () => {
    const store = storeOn(conversationsItem);
    await store.put(conversation('title', 1, { title: 'Rust Borrow Checker explained' }));
    await store.put(conversation('url', 2, { url: 'https://docs.example.org/borrow' }));
    await store.put(conversation('asked', 3, { messages: [question('q', 'What does BORROW mean here?')] }));
    await store.put(
      conversation('answered', 4, { messages: [question('q', 'Summarize'), answer('a', job('j', { text: 'You borrow a value.' }))] }),
    );
    await store.put(conversation('unrelated', 5, { title: 'Cooking pasta' }));

    const ids = async (query: string) => (await store.list(query)).map((summary) => summary.id);

    expect(await ids('borrow')).toEqual(['answered', 'asked', 'url', 'title']);
    expect(await ids('  BORROW   checker ')).toEqual(['title']);
    expect(await ids('borrow pasta')).toEqual([]);
    expect(await ids('   ')).toHaveLength(5);
  });

  it('should remove a conversation and leave the others', async () => {
    const store = storeOn(conversationsItem);
    await store.put(conversation('a', 1));
    await store.put(conversation('b', 2));

    await store.remove('a');
    await store.remove('never-there');

    expect((await store.all()).map((c) => c.id)).toEqual(['b']);
  });

  it("should replace the answer's job with its latest state and mark the conversation updated", async () => {
    const store = createConversationStore({ item: conversationsItem, maxConversations: () => 200, now: () => 500 });
    const running = job('job-a', { status: 'running', text: 'Half' });
    await store.put(conversation('a', 10, { messages: [question('q', 'Q'), answer('r', running)] }));

    await store.updateJob(job('job-a', { status: 'done', text: 'Half and the rest.' }));

    const saved = await store.get('a');
    expect(saved?.updatedAt).toBe(500);
    expect(saved?.messages[1]).toEqual(answer('r', job('job-a', { status: 'done', text: 'Half and the rest.' })));
    expect(saved?.messages[0]).toEqual(question('q', 'Q'));
  });

  it('should change nothing for a job no conversation knows', async () => {
    const item = createMemoryItem();
    const setValue = vi.spyOn(item, 'setValue');
    const store = storeOn(item);
    await store.put(conversation('a', 10));
    setValue.mockClear();

    await store.updateJob(job('job-unknown', { text: 'Other' }));

    expect(setValue).not.toHaveBeenCalled();
    expect(await store.get('a')).toEqual(conversation('a', 10));
  });

  it('should lose no change when many job updates and saves run at once', async () => {
    const store = storeOn(conversationsItem);
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    await Promise.all(ids.map((id, i) => store.put(conversation(id, i))));

    await Promise.all([
      ...ids.map((id) => store.updateJob(job(`job-${id}`, { text: `Final answer for ${id}` }))),
      ...ids.map((id, i) => store.put(conversation(`new-${id}`, 100 + i))),
      ...ids.map((id) => store.updateJob(job(`job-new-${id}`, { text: `Final answer for new-${id}` }))),
    ]);

    const all = await store.all();
    expect(all).toHaveLength(24);
    for (const saved of all) {
      expect(saved.messages[1]).toMatchObject({ job: { text: `Final answer for ${saved.id}` } });
    }
  });

  it('should keep every answer of one conversation when its jobs report at once', async () => {
    const store = storeOn(conversationsItem);
    const jobIds = ['j1', 'j2', 'j3', 'j4', 'j5'];
    await store.put(
      conversation('a', 1, { messages: jobIds.map((id) => answer(`m-${id}`, job(id, { status: 'running', text: '' }))) }),
    );

    await Promise.all(jobIds.map((id) => store.updateJob(job(id, { text: `Done ${id}` }))));

    const saved = await store.get('a');
    expect(saved?.messages.map((message) => (message.role === 'assistant' ? message.job.text : ''))).toEqual(
      jobIds.map((id) => `Done ${id}`),
    );
  });

  it('should keep going after a failed write', async () => {
    const item = createMemoryItem();
    const store = storeOn(item);
    vi.spyOn(item, 'setValue').mockRejectedValueOnce(new Error('IO error'));

    await expect(store.put(conversation('a', 1))).rejects.toThrow('IO error');
    await store.put(conversation('b', 2));

    expect((await store.all()).map((c) => c.id)).toEqual(['b']);
  });
});

describe('conversation store: the cap', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should drop the least recently updated conversations beyond the cap and say so', async () => {
    const store = createConversationStore({
      item: conversationsItem,
      noticeItem: historyNoticeItem,
      maxConversations: async () => 3,
      now: () => 777,
    });

    for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries()) await store.put(conversation(id, 10 + i));

    expect((await store.all()).map((c) => c.id)).toEqual(['e', 'd', 'c']);
    expect(await store.notice()).toEqual({ at: 777, removed: 2, reason: 'cap' });
    expect(await historyNoticeItem.getValue()).toEqual({ at: 777, removed: 2, reason: 'cap' });
  });

  it('should never drop the conversation just saved, however old it is', async () => {
    const store = storeOn(conversationsItem, 2);
    await store.put(conversation('new', 100));
    await store.put(conversation('newer', 200));

    await store.put(conversation('old', 1));

    expect((await store.all()).map((c) => c.id)).toEqual(['newer', 'old']);
  });

  it('should apply a lowered cap at the next save', async () => {
    let max = 10;
    const store = createConversationStore({ item: conversationsItem, maxConversations: () => max });
    for (let i = 0; i < 6; i++) await store.put(conversation(`c${i}`, i));
    expect(await store.notice()).toBeUndefined();

    max = 2;
    await store.put(conversation('c6', 6));

    expect((await store.all()).map((c) => c.id)).toEqual(['c6', 'c5']);
    expect(await store.notice()).toMatchObject({ removed: 5, reason: 'cap' });
  });

  it('should forget the notice once dismissed', async () => {
    const store = storeOn(conversationsItem, 1, historyNoticeItem);
    await store.put(conversation('a', 1));
    await store.put(conversation('b', 2));
    expect(await store.notice()).toMatchObject({ removed: 1 });

    await store.clearNotice();

    expect(await store.notice()).toBeUndefined();
    expect(await historyNoticeItem.getValue()).toBeNull();
  });
});

describe('conversation store: short of storage', () => {
  it('should drop the oldest conversations until the new one fits, and say so', async () => {
    const older = [1, 2, 3, 4].map((i) => sized(`c${i}`, i * 10, 900));
    const newest = sized('newest', 50, 2_500);
    const [, , c3, c4] = older;
    // Room for the two most recent conversations and the new one, not for a third older one.
    const fake = quotaItem(size({ c3, c4, newest }) + 50);
    const noticeItem = createMemoryItem<HistoryNotice | null>(null);
    const store = storeOn(fake.item, 200, noticeItem);
    for (const saved of older) await store.put(saved);
    expect(Object.keys(fake.stored())).toHaveLength(4);

    await store.put(newest);

    expect(Object.keys(fake.stored()).sort()).toEqual(['c3', 'c4', 'newest']);
    expect(fake.stored().newest).toEqual(newest);
    expect(fake.writes.filter((written) => written > size({ c3, c4, newest }) + 50)).toHaveLength(2);
    expect(await store.notice()).toEqual({ at: 1_000_000, removed: 2, reason: 'storage-full' });
  });

  it('should make room when an answer grows, never dropping the conversation it belongs to', async () => {
    const grown = sized('growing', 1, 2_500);
    const c = sized('c', 3, 1_000);
    const fake = quotaItem(size({ growing: grown, c }) + 200);
    const store = storeOn(fake.item);
    await store.put(sized('growing', 1, 10));
    await store.put(sized('b', 2, 1_000));
    await store.put(c);

    await store.updateJob(job('job-growing', { text: 'x'.repeat(2_500) }));

    expect(Object.keys(fake.stored()).sort()).toEqual(['c', 'growing']);
    expect(fake.stored().growing?.messages[1]).toMatchObject({ job: { text: 'x'.repeat(2_500) } });
    expect(await store.notice()).toMatchObject({ removed: 1, reason: 'storage-full' });
  });

  it('should trim the oldest messages of a conversation that alone does not fit, keeping the last two', async () => {
    const fake = quotaItem(3_000);
    const store = storeOn(fake.item);
    await store.put(sized('other', 1, 500));
    const messages = [
      question('q1', 'First'),
      answer('a1', job('j1', { text: 'z'.repeat(1_200) })),
      question('q2', 'Second'),
      answer('a2', job('j2', { text: 'z'.repeat(1_200) })),
      question('q3', 'Third'),
      answer('a3', job('j3', { text: 'z'.repeat(1_200) })),
    ];

    await store.put(conversation('long', 9, { messages }));

    const saved = fake.stored().long;
    expect(Object.keys(fake.stored())).toEqual(['long']);
    expect(saved?.messages.at(-1)).toEqual(messages.at(-1));
    expect(saved?.messages.at(-2)).toEqual(messages.at(-2));
    expect(saved?.messages.length).toBeLessThan(messages.length);
    expect(saved?.messages.length).toBeGreaterThanOrEqual(2);
    expect(await store.notice()).toMatchObject({ removed: 1, reason: 'storage-full' });
  });

  it('should fail, changing nothing, when even the last question and answer do not fit', async () => {
    const fake = quotaItem(2_000);
    const store = storeOn(fake.item);
    await store.put(sized('kept', 1, 100));

    await expect(store.put(sized('huge', 2, 3_000))).rejects.toThrow('quota');

    expect(Object.keys(fake.stored())).toEqual(['kept']);
    expect(await store.notice()).toBeUndefined();
  });

  it('should not drop anything for an error that is not about space', async () => {
    const item = createMemoryItem();
    const store = storeOn(item);
    await store.put(conversation('a', 1));
    const setValue = vi.spyOn(item, 'setValue').mockRejectedValueOnce(new Error('Storage is broken'));

    await expect(store.put(conversation('b', 2))).rejects.toThrow('Storage is broken');

    expect(setValue).toHaveBeenCalledTimes(1);
    expect((await store.all()).map((c) => c.id)).toEqual(['a']);
    expect(await store.notice()).toBeUndefined();
  });
});

describe('isQuotaError', () => {
  it.each([
    new Error('QUOTA_BYTES quota exceeded'),
    new Error('Resource::kQuotaBytes quota exceeded'),
    Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }),
    'QUOTA_BYTES quota exceeded',
  ])('should recognize %s', (error) => {
    expect(isQuotaError(error)).toBe(true);
  });

  it.each([new Error('Network error'), new TypeError('quota'), null, undefined, 42, { message: 7 }])('should not take %s for one', (error) => {
    expect(isQuotaError(error)).toBe(false);
  });
});

describe('createMemoryItem', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should keep conversations in memory only, as copies', async () => {
    const item = createMemoryItem();
    const store = storeOn(item);
    const original = conversation('a', 1);

    await store.put(original);
    original.title = 'Changed after saving';
    const read = await item.getValue();
    if (read.a) read.a.title = 'Changed after reading';

    expect((await store.get('a'))?.title).toBe('Page a');
    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });
});

describe('plainPreviewText', () => {
  it('should leave Markdown marks out of the preview and keep the words', () => {
    expect(plainPreviewText('The page explains **how the site is made**:\n- set in _Verdana_\n- see [the colophon](https://x.test)\n## Tools\nRun `make`'))
      .toBe('The page explains how the site is made:\nset in Verdana\nsee the colophon\nTools\nRun make');
  });
});
