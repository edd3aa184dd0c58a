import { describe, expect, it, vi } from 'vitest';
import { OFFLINE_LABEL } from '@/utils/jobs/fallback-tiers';
import { applyRouterPart, createJobRecord } from '@/utils/jobs/job-record';
import { createTaskRouter, type RouteContext, type RouteOptions, type TaskRouterDeps } from '@/utils/jobs/route-task';
import { createSummaryCache, type SummaryCache, type SummaryCacheMap } from '@/utils/jobs/summary-cache';
import type { TaskRequest } from '@/utils/jobs/task';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import { createLlmError } from '@/utils/llm/errors';
import type { RouterStreamPart } from '@/utils/llm/types';
import { extractiveSummary, offlineSummaryMarkdown } from '@/utils/offline/extractive-summary';
import { ON_DEVICE_LABEL } from '@/utils/on-device/run-on-device';
import { entry, fail, fakeAdapters, finish, text, type Script } from '../llm/fake-adapter';
import { articleText } from './corpus-article';
import { createFakeBuiltInAi } from '../on-device/fake-built-in-ai';

const ARTICLE = articleText('bbc-1');
const OFFLINE_TEXT = offlineSummaryMarkdown(extractiveSummary(ARTICLE));
const PAGE_URL = 'https://www.bbc.com/news/world-us-canada-33646563';

const summarizePage: TaskRequest = { kind: 'summarize-page', page: { url: PAGE_URL, title: 'Obama interview', text: ARTICLE, source: 'readability' } };
const rewrite: TaskRequest = { kind: 'rewrite-selection', page: { url: PAGE_URL, title: 'Obama interview' }, selection: ARTICLE, style: 'improve' };

const overloaded = (name: string) => fail(createLlmError('overloaded', name, { status: 529 }));

/** Runs one task through a router over entries a and b, every script played in turn. */
async function route(
  task: TaskRequest,
  scripts: Record<string, Script[]>,
  deps: Partial<TaskRouterDeps> = {},
  options: RouteOptions = {},
  signal = new AbortController().signal,
  onPart?: (part: RouterStreamPart) => void,
) {
  const fakes = fakeAdapters(scripts);
  const context: RouteContext = {
    status: 'ready',
    chain: [entry('a'), entry('b')],
    health: createHealthTracker(),
    hedging: { enabled: false, minDelayMs: 0 },
    neverSendSites: [],
    consentedProviderIds: ['a', 'b'],
  };
  const routeTask = createTaskRouter({ loadContext: async () => context, createAdapter: fakes.createAdapter, random: () => 0, ...deps });
  const parts: RouterStreamPart[] = [];
  for await (const part of routeTask(task, signal, options)) {
    parts.push(part);
    onPart?.(part);
  }
  return { parts, calls: fakes.calls.map((call) => call.entryId) };
}

const allFail = (): Record<string, Script[]> => ({ a: [[overloaded('A')]], b: [[overloaded('B')], [overloaded('B')]] });

/** What a surface shows after folding the parts. */
const fold = (parts: readonly RouterStreamPart[]) => parts.reduce(applyRouterPart, createJobRecord({ id: 'j', title: 'T', workerId: 'w', now: 0 }));

function fakeCache() {
  return {
    get: vi.fn<SummaryCache['get']>(async () => undefined),
    put: vi.fn<SummaryCache['put']>(async () => undefined),
  } satisfies SummaryCache;
}

const indexOf = (parts: readonly RouterStreamPart[], test: (part: RouterStreamPart) => boolean): number => parts.findIndex(test);
const isOfflineAttempt = (part: RouterStreamPart): boolean => part.type === 'attempt' && part.entry.tier === 'offline';

describe('routeTask: after every provider failed', () => {
  it('should end a page summary with the offline summary, listing what failed', async () => {
    const { parts, calls } = await route(summarizePage, allFail());

    expect(calls).toEqual(['a', 'b', 'b']);
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    const end = parts.at(-1);
    expect(end).toMatchObject({ type: 'finish', answeredBy: OFFLINE_LABEL, finishReason: 'stop' });
    expect(end).not.toHaveProperty('noProviderConfigured');
    const failures = end?.type === 'finish' ? end.failures : [];
    expect(new Set(failures.map((failure) => failure.entry.id))).toEqual(new Set(['a', 'b']));
    expect(failures.every((failure) => failure.error.kind === 'overloaded' && failure.error.status === 529)).toBe(true);
    expect(fold(parts)).toMatchObject({ status: 'done', text: OFFLINE_TEXT, answeredBy: OFFLINE_LABEL });
  });

  it('should discard what a provider wrote before it broke off, before the offline text', async () => {
    const { parts } = await route(summarizePage, {
      a: [[text('Obama said gun'), fail(createLlmError('stream-cut', 'A'))]],
      b: [[fail(createLlmError('auth', 'B', { status: 401 }))]],
    });

    const restart = indexOf(parts, (part) => part.type === 'restart');
    const offline = indexOf(parts, isOfflineAttempt);
    expect(restart).toBeGreaterThan(-1);
    expect(parts[restart]).toMatchObject({ failure: { entry: { id: 'a' }, error: { kind: 'stream-cut' } } });
    expect(offline).toBeGreaterThan(restart);
    expect(fold(parts).text).toBe(OFFLINE_TEXT);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: OFFLINE_LABEL, failures: [{ entry: { id: 'a' } }, { entry: { id: 'b' } }] });
  });

  it('should discard what a provider wrote before it stopped the chain, before the offline text', async () => {
    // A refusal after text stops the router without a restart of its own: the task router must add one.
    const { parts } = await route(summarizePage, { a: [[text('Obama said gun'), fail(createLlmError('content-policy', 'A'))]] });

    const restart = indexOf(parts, (part) => part.type === 'restart');
    expect(restart).toBeGreaterThan(-1);
    expect(parts[restart]).toMatchObject({ failure: { entry: { id: 'a' }, error: { kind: 'content-policy' } } });
    expect(indexOf(parts, isOfflineAttempt)).toBeGreaterThan(restart);
    expect(fold(parts).text).toBe(OFFLINE_TEXT);
  });

  it('should let on-device AI answer before the offline summary, with what failed before it', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { respond: () => '- Obama regrets gun laws.' } });

    const { parts } = await route(summarizePage, allFail(), { builtInAi: () => fake.ai });

    expect(parts.some(isOfflineAttempt)).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: ON_DEVICE_LABEL, failures: [{ entry: { id: 'a' } }, { entry: { id: 'b' } }, { entry: { id: 'b' } }] });
    expect(fold(parts).text).toBe('- Obama regrets gun laws.');
  });

  it('should end a rewrite with "unreachable" and what failed, writing nothing', async () => {
    const { parts } = await route(rewrite, allFail());

    const end = parts.at(-1);
    expect(end).toMatchObject({ type: 'error', error: { kind: 'unreachable' } });
    expect(end?.type === 'error' ? new Set(end.failures.map((failure) => failure.entry.id)) : undefined).toEqual(new Set(['a', 'b']));
    expect(parts.some((part) => part.type === 'text-delta')).toBe(false);
  });

  it('should not fall through when the user stops', async () => {
    const cache = fakeCache();
    const controller = new AbortController();

    const { parts } = await route(summarizePage, { a: ['hang'] }, { summaryCache: cache }, {}, controller.signal, (part) => {
      if (part.type === 'attempt') controller.abort();
    });

    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    expect(parts.some(isOfflineAttempt)).toBe(false);
    expect(cache.get).not.toHaveBeenCalled();
  });
});

describe('routeTask: kept summaries', () => {
  it('should keep a complete page summary with its author', async () => {
    const cache = fakeCache();
    const before = Date.now();

    await route(summarizePage, { a: [[text('- Obama regrets '), text('gun laws.'), finish]] }, { summaryCache: cache });

    expect(cache.put).toHaveBeenCalledOnce();
    const [url, pageText, summary] = cache.put.mock.calls[0]!;
    expect(url).toBe(PAGE_URL);
    expect(pageText).toBe(ARTICLE);
    expect(summary).toEqual({ text: '- Obama regrets gun laws.', answeredBy: { id: 'a', name: 'A', model: 'a-model', tier: 'local' }, at: expect.any(Number) });
    expect(summary.at).toBeGreaterThanOrEqual(before);
    expect(summary.at).toBeLessThanOrEqual(Date.now());
  });

  it('should keep only the answer that finished, not what a broken-off provider wrote', async () => {
    const cache = fakeCache();

    await route(summarizePage, { a: [[text('Half an ans'), fail(createLlmError('stream-cut', 'A'))]], b: [[text('- Whole answer.'), finish]] }, { summaryCache: cache });

    expect(cache.put).toHaveBeenCalledWith(PAGE_URL, ARTICLE, expect.objectContaining({ text: '- Whole answer.', answeredBy: expect.objectContaining({ id: 'b' }) }));
  });

  it('should keep nothing of a private window’s job', async () => {
    const cache = fakeCache();

    await route(summarizePage, { a: [[text('- Summary.'), finish]] }, { summaryCache: cache }, { ephemeral: true });

    expect(cache.put).not.toHaveBeenCalled();
  });

  it('should not read kept summaries for a private window’s job', async () => {
    const cache = fakeCache();
    cache.get.mockResolvedValue({ contentHash: 'x', text: '- Kept.', answeredBy: { id: 'a', name: 'A', model: 'a-model' }, at: 1 });

    const { parts } = await route(summarizePage, allFail(), { summaryCache: cache }, { ephemeral: true });

    expect(cache.get).not.toHaveBeenCalled();
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: OFFLINE_LABEL });
  });

  it('should not keep an answer cut at the length limit', async () => {
    const cache = fakeCache();

    await route(summarizePage, { a: [[text('- Summary that'), { type: 'finish', finishReason: 'length', usage: {} }]] }, { summaryCache: cache });

    expect(cache.put).not.toHaveBeenCalled();
  });

  it('should not keep an offline summary', async () => {
    const cache = fakeCache();

    const { parts } = await route(summarizePage, allFail(), { summaryCache: cache });

    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: OFFLINE_LABEL });
    expect(cache.put).not.toHaveBeenCalled();
  });

  it('should not keep answers of other tasks', async () => {
    const cache = fakeCache();

    await route(rewrite, { a: [[text('Better.'), finish]] }, { summaryCache: cache });

    expect(cache.put).not.toHaveBeenCalled();
  });

  it('should answer with the kept summary when no provider can be reached later', async () => {
    let stored: SummaryCacheMap = {};
    const real = createSummaryCache({ getValue: async () => stored, setValue: async (value) => void (stored = value) });
    const writes: Promise<void>[] = [];
    const cache: SummaryCache = {
      get: (url, pageText) => real.get(url, pageText),
      put: (url, pageText, summary) => {
        const write = real.put(url, pageText, summary);
        writes.push(write);
        return write;
      },
    };

    await route(summarizePage, { a: [[text('- Obama regrets gun laws.'), finish]] }, { summaryCache: cache });
    await Promise.all(writes);
    const keptAt = Object.values(stored)[0]?.at;
    const { parts } = await route({ ...summarizePage, page: { ...summarizePage.page, url: `${PAGE_URL}#comments` } } as TaskRequest, allFail(), { summaryCache: cache });

    expect(writes).toHaveLength(1);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      answeredBy: { id: 'a', name: 'A', model: 'a-model', tier: 'cache' },
      cachedAt: keptAt,
      failures: [{ entry: { id: 'a' } }, { entry: { id: 'b' } }, { entry: { id: 'b' } }],
    });
    expect(fold(parts)).toMatchObject({ status: 'done', text: '- Obama regrets gun laws.', cachedAt: keptAt });
  });
});
