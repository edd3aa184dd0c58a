import { describe, expect, it, vi } from 'vitest';
import { fallbackTiers, fallsThrough, OFFLINE_LABEL, type FallbackContext, type FallbackDeps } from '@/utils/jobs/fallback-tiers';
import { createSummaryCache, type CachedSummary, type SummaryCache, type SummaryCacheMap } from '@/utils/jobs/summary-cache';
import type { TaskRequest } from '@/utils/jobs/task';
import { createLlmError, type LlmErrorKind } from '@/utils/llm/errors';
import type { EntryFailure, EntryLabel, RouterStreamPart } from '@/utils/llm/types';
import { extractiveSummary, offlineSummaryMarkdown } from '@/utils/offline/extractive-summary';
import type { BuiltInAi } from '@/utils/on-device/built-in-ai';
import { ON_DEVICE_LABEL } from '@/utils/on-device/run-on-device';
import { articleText } from './corpus-article';
import { createFakeBuiltInAi, type FakeBuiltInAi } from '../on-device/fake-built-in-ai';

const ARTICLE = articleText('bbc-1');
const OFFLINE_TEXT = offlineSummaryMarkdown(extractiveSummary(ARTICLE));
const URL_OF_PAGE = 'https://www.bbc.com/news/world-us-canada-33646563';

const summarizePage: TaskRequest = { kind: 'summarize-page', page: { url: URL_OF_PAGE, title: 'Obama interview', text: ARTICLE, source: 'readability' } };
const summarizeSelection: TaskRequest = { kind: 'summarize-selection', page: { url: URL_OF_PAGE, title: 'Obama interview' }, selection: ARTICLE };
const rewrite: TaskRequest = { kind: 'rewrite-selection', page: { url: URL_OF_PAGE, title: 'Obama interview' }, selection: ARTICLE, style: 'improve' };
const chat: TaskRequest = {
  kind: 'chat',
  page: { url: URL_OF_PAGE, title: 'Obama interview' },
  pageContent: summarizePage.page,
  messages: [{ role: 'user', content: 'What did he say about Kenya?' }],
};

const claude: EntryLabel = { id: 'a', name: 'Claude', model: 'claude-x' };
const gpt: EntryLabel = { id: 'b', name: 'GPT', model: 'gpt-x' };
const FAILURES: EntryFailure[] = [
  { entry: claude, error: createLlmError('overloaded', 'Claude', { status: 529 }) },
  { entry: gpt, error: createLlmError('network', 'GPT') },
];

const failedBefore: FallbackContext = { failures: FAILURES, noProvider: false };
const noProvider: FallbackContext = { failures: [], noProvider: true };

async function collect(task: TaskRequest, deps: FallbackDeps, context: FallbackContext, signal = new AbortController().signal) {
  const parts: RouterStreamPart[] = [];
  for await (const part of fallbackTiers(task, signal, deps, context)) parts.push(part);
  return parts;
}

const textOf = (parts: readonly RouterStreamPart[]): string => parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');

const offlineParts = (failures: EntryFailure[], extra: object = {}): RouterStreamPart[] => [
  { type: 'attempt', entry: OFFLINE_LABEL, attempt: 1 },
  { type: 'text-delta', text: OFFLINE_TEXT },
  { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: OFFLINE_LABEL, failures, ...extra },
];

/** A cache that answers `hit` for the page (or misses) and records what it was asked. */
function fakeCache(hit?: CachedSummary) {
  const get = vi.fn<SummaryCache['get']>(async () => hit);
  const put = vi.fn<SummaryCache['put']>(async () => undefined);
  return { get, put } satisfies SummaryCache;
}

/** Built-in AI whose Summarizer writes `partial` and then breaks off with an error the browser throws. */
function breaksOffAfter(fake: FakeBuiltInAi, partial: string): BuiltInAi {
  const summarizer = fake.ai.Summarizer!;
  return {
    ...fake.ai,
    Summarizer: {
      availability: (options) => summarizer.availability(options),
      async create(options) {
        const session = await summarizer.create(options);
        return {
          ...session,
          summarizeStreaming: () =>
            new ReadableStream<string>({
              start(controller) {
                controller.enqueue(partial);
              },
              pull(controller) {
                controller.error(new DOMException('The model crashed.', 'UnknownError'));
              },
            }),
        };
      },
    },
  };
}

const allAre = (availability: 'downloadable' | 'unavailable') => ({
  summarizer: { availability },
  languageModel: { availability },
  rewriter: { availability },
});

describe('fallbackTiers: the offline summary', () => {
  it('should summarize the article without AI when there is no built-in AI, keeping the providers that failed', async () => {
    const parts = await collect(summarizePage, {}, failedBefore);

    expect(parts).toEqual(offlineParts(FAILURES));
  });

  it('should write the summary as one Markdown list of the article’s own sentences', async () => {
    const parts = await collect(summarizePage, {}, failedBefore);

    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas).toHaveLength(1);
    const lines = textOf(parts).split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBeLessThanOrEqual(7);
    for (const line of lines) expect(line).toMatch(/^- \S/);
    // The opening sentence of the article states its point.
    expect(textOf(parts)).toContain('President Barack Obama has admitted that his failure to pass');
  });

  it('should invite the user to add a provider only when none is set up', async () => {
    const none = await collect(summarizePage, {}, noProvider);
    const failed = await collect(summarizePage, {}, failedBefore);

    expect(none).toEqual(offlineParts([], { noProviderConfigured: true }));
    expect(failed.at(-1)).not.toHaveProperty('noProviderConfigured');
  });

  it('should summarize a selection offline too', async () => {
    const parts = await collect(summarizeSelection, {}, failedBefore);

    expect(parts).toEqual(offlineParts(FAILURES));
  });

  it('should say no AI was reached when the text is too short for a summary', async () => {
    const short: TaskRequest = { ...summarizePage, page: { ...summarizePage.page, text: 'Too short.' } } as TaskRequest;

    expect(await collect(short, {}, failedBefore)).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'unreachable' }), failures: FAILURES }]);
    expect(await collect(short, {}, noProvider)).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'no-provider' }), failures: [] }]);
  });
});

describe('fallbackTiers: the kept summary', () => {
  const kept: CachedSummary = { contentHash: 'ignored by the fake', text: '- Obama regrets gun laws.', answeredBy: claude, at: 1_700_000_000_000 };

  it('should answer with the kept summary of the same page, its author and when it was made', async () => {
    const cache = fakeCache(kept);

    const parts = await collect(summarizePage, { summaryCache: cache }, failedBefore);

    expect(cache.get).toHaveBeenCalledWith(URL_OF_PAGE, ARTICLE);
    expect(parts).toEqual([
      { type: 'attempt', entry: { ...claude, tier: 'cache' }, attempt: 1 },
      { type: 'text-delta', text: '- Obama regrets gun laws.' },
      { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: { ...claude, tier: 'cache' }, failures: FAILURES, cachedAt: kept.at },
    ]);
  });

  it('should fall back to the offline summary when nothing is kept for the page', async () => {
    const cache = fakeCache(undefined);

    const parts = await collect(summarizePage, { summaryCache: cache }, failedBefore);

    expect(cache.get).toHaveBeenCalledOnce();
    expect(parts).toEqual(offlineParts(FAILURES));
  });

  it('should fall back to the offline summary when the cache cannot be read', async () => {
    const cache = fakeCache();
    cache.get.mockRejectedValue(new Error('storage is gone'));

    expect(await collect(summarizePage, { summaryCache: cache }, failedBefore)).toEqual(offlineParts(FAILURES));
  });

  it('should find a summary the real cache kept, and not one of an older version of the page', async () => {
    let stored: SummaryCacheMap = {};
    const cache = createSummaryCache({ getValue: async () => stored, setValue: async (value) => void (stored = value) });
    await cache.put(`${URL_OF_PAGE}?utm_source=twitter`, ARTICLE, { text: '- Kept.', answeredBy: gpt, at: 5 });

    const same = await collect(summarizePage, { summaryCache: cache }, failedBefore);
    const changed = await collect({ ...summarizePage, page: { ...summarizePage.page, text: `${ARTICLE}\n\nUpdate: a new paragraph.` } } as TaskRequest, { summaryCache: cache }, failedBefore);

    expect(same.at(-1)).toMatchObject({ type: 'finish', answeredBy: { id: 'b', tier: 'cache' }, cachedAt: 5 });
    expect(textOf(same)).toBe('- Kept.');
    expect(changed.at(-1)).toMatchObject({ type: 'finish', answeredBy: { tier: 'offline' } });
  });

  it('should not look for a kept summary of a selection', async () => {
    const cache = fakeCache(kept);

    const parts = await collect(summarizeSelection, { summaryCache: cache }, failedBefore);

    expect(cache.get).not.toHaveBeenCalled();
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: OFFLINE_LABEL });
  });

  it('should say there is none set up with a kept summary when no provider is configured', async () => {
    const parts = await collect(summarizePage, { summaryCache: fakeCache(kept) }, noProvider);

    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { tier: 'cache' }, failures: [], noProviderConfigured: true });
  });
});

describe('fallbackTiers: on-device AI', () => {
  it('should answer on-device when the built-in model is ready, keeping the providers that failed', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { respond: () => '- Obama is frustrated about gun laws.' } });
    const cache = fakeCache();

    const parts = await collect(summarizePage, { builtInAi: () => fake.ai, summaryCache: cache }, failedBefore);

    expect(parts[0]).toEqual({ type: 'attempt', entry: ON_DEVICE_LABEL, attempt: 1 });
    expect(textOf(parts)).toBe('- Obama is frustrated about gun laws.');
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage: {}, answeredBy: ON_DEVICE_LABEL, failures: FAILURES });
    expect(parts.some((part) => part.type === 'attempt' && part.entry.tier === 'offline')).toBe(false);
    expect(cache.get).not.toHaveBeenCalled();
  });

  it('should answer on-device and invite the user to add a provider when none is set up', async () => {
    const fake = createFakeBuiltInAi();

    const parts = await collect(summarizePage, { builtInAi: () => fake.ai }, noProvider);

    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: ON_DEVICE_LABEL, failures: [], noProviderConfigured: true });
  });

  it('should discard what on-device AI wrote when it breaks off, then give the offline summary', async () => {
    const fake = createFakeBuiltInAi();

    const parts = await collect(summarizePage, { builtInAi: () => breaksOffAfter(fake, '- Obama said') }, failedBefore);

    const onDeviceFailure = { entry: ON_DEVICE_LABEL, error: expect.objectContaining({ kind: 'unknown', provider: 'On-device AI' }) };
    expect(parts).toEqual([
      { type: 'attempt', entry: ON_DEVICE_LABEL, attempt: 1 },
      { type: 'text-delta', text: '- Obama said' },
      { type: 'restart', failure: onDeviceFailure },
      ...offlineParts([...FAILURES, onDeviceFailure]),
    ]);
  });

  it('should list an on-device failure before any text without a restart', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { runError: new DOMException('Blocked.', 'NotReadableError') } });

    const parts = await collect(summarizePage, { builtInAi: () => fake.ai }, failedBefore);

    expect(parts.some((part) => part.type === 'restart')).toBe(false);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: {},
      answeredBy: OFFLINE_LABEL,
      failures: [...FAILURES, { entry: ON_DEVICE_LABEL, error: expect.objectContaining({ kind: 'content-policy' }) }],
    });
  });

  it.each(['downloadable', 'unavailable'] as const)('should not try on-device AI whose model is %s', async (availability) => {
    const fake = createFakeBuiltInAi(allAre(availability));

    const parts = await collect(summarizePage, { builtInAi: () => fake.ai }, failedBefore);

    expect(fake.calls.filter((call) => call.method !== 'availability')).toEqual([]);
    expect(parts).toEqual(offlineParts(FAILURES));
  });

  it('should not try on-device AI for a chat when only the Summarizer is ready', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { availability: 'downloadable' } });

    const parts = await collect(chat, { builtInAi: () => fake.ai }, failedBefore);

    expect(fake.calls.filter((call) => call.method === 'create')).toEqual([]);
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'unreachable' }), failures: FAILURES }]);
  });

  it('should rewrite on-device when the Rewriter is ready', async () => {
    const fake = createFakeBuiltInAi({ rewriter: { respond: () => 'Better words.' } });
    const shortRewrite: TaskRequest = { ...rewrite, selection: 'Some words here.', style: 'shorter' } as TaskRequest;

    const parts = await collect(shortRewrite, { builtInAi: () => fake.ai }, failedBefore);

    expect(textOf(parts)).toBe('Better words.');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: ON_DEVICE_LABEL, failures: FAILURES });
  });
});

describe('fallbackTiers: nothing can answer', () => {
  it.each([
    ['a rewrite', rewrite],
    ['a chat', chat],
  ])('should end %s with "unreachable" and the failures, never writing anything', async (_label, task) => {
    const parts = await collect(task, { summaryCache: fakeCache() }, failedBefore);

    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'unreachable', provider: 'Lifeline' }), failures: FAILURES }]);
  });

  it.each([
    ['a rewrite', rewrite],
    ['a chat', chat],
  ])('should end %s with "no-provider" when none is set up and nothing failed', async (_label, task) => {
    const parts = await collect(task, {}, noProvider);

    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'no-provider' }), failures: [] }]);
  });

  it('should say "unreachable", not "no-provider", when none is set up but on-device AI failed', async () => {
    const fake = createFakeBuiltInAi({ rewriter: { runError: new DOMException('Gone.', 'InvalidStateError') }, languageModel: { availability: 'unavailable' } });
    const shortRewrite: TaskRequest = { ...rewrite, selection: 'Some words here.', style: 'shorter' } as TaskRequest;

    const parts = await collect(shortRewrite, { builtInAi: () => fake.ai }, noProvider);

    expect(parts.at(-1)).toEqual({
      type: 'error',
      error: expect.objectContaining({ kind: 'unreachable' }),
      failures: [{ entry: ON_DEVICE_LABEL, error: expect.objectContaining({ kind: 'unknown' }) }],
    });
  });

  it('should never give back the text to rewrite as an answer', async () => {
    const parts = await collect(rewrite, { builtInAi: () => createFakeBuiltInAi(allAre('unavailable')).ai, summaryCache: fakeCache() }, failedBefore);

    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([]);
    expect(JSON.stringify(parts)).not.toContain('President Barack Obama');
  });
});

describe('fallbackTiers: the user stops', () => {
  it('should stop on-device AI and end "aborted", with no offline summary after it', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { respond: () => '- A long on-device answer about the interview.', deltaChars: 2 } });
    const controller = new AbortController();
    const parts: RouterStreamPart[] = [];

    for await (const part of fallbackTiers(summarizePage, controller.signal, { builtInAi: () => fake.ai, summaryCache: fakeCache() }, failedBefore)) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }

    expect(parts.at(-1)).toEqual({ type: 'error', error: expect.objectContaining({ kind: 'aborted' }), failures: FAILURES });
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(1);
    expect(parts.some((part) => part.type === 'attempt' && part.entry.tier === 'offline')).toBe(false);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(fake.sessions.every((session) => session.destroyed)).toBe(true);
  });
});

describe('fallsThrough', () => {
  it.each<[LlmErrorKind, boolean]>([
    ['aborted', false],
    ['locked', false],
    ['site-blocked', false],
    ['overloaded', true],
    ['auth', true],
    ['network', true],
    ['no-provider', true],
    ['rate-limited', true],
    ['stream-cut', true],
    ['context-too-long', true],
    ['offline', true],
  ])('should be %s -> %s', (kind, expected) => {
    expect(fallsThrough(createLlmError(kind, 'A'))).toBe(expected);
  });
});
