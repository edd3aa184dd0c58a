import { describe, expect, it } from 'vitest';
import type { PageContent, TaskRequest } from '@/utils/jobs/task';
import type { RouterStreamPart } from '@/utils/llm/types';
import type { LanguageModelMessage } from '@/utils/on-device/built-in-ai';
import { ON_DEVICE_LABEL, runOnDevice } from '@/utils/on-device/run-on-device';
import { buildRewriteSelectionRequest } from '@/utils/prompts/rewrite-selection';
import { buildSummarizePageRequest } from '@/utils/prompts/summarize-page';
import { createFakeBuiltInAi, fakeTokens, type FakeBuiltInAi, type FakeBuiltInAiConfig, type FakeCall } from './fake-built-in-ai';

const page = (text: string, lang?: string): PageContent => ({
  url: 'https://news.example.com/story',
  title: 'A story',
  text,
  source: 'readability',
  ...(lang ? { lang } : {}),
});

const SHORT = 'The council approved the new park on Monday. Work starts in May and ends next spring.';

/** About 40,000 characters (~10,000 tokens) of numbered paragraphs. */
const LONG = Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1}. ` + `Fact number ${i + 1} is stated here in plain words. `.repeat(4).trim()).join('\n\n');

async function run(task: TaskRequest, fake: FakeBuiltInAi, options: { signal?: AbortSignal; uiLanguage?: string; stopAfter?: number } = {}) {
  const parts: RouterStreamPart[] = [];
  for await (const part of runOnDevice(task, fake.ai, options.signal ?? new AbortController().signal, { uiLanguage: options.uiLanguage ?? 'en-US' })) {
    parts.push(part);
    if (options.stopAfter !== undefined && parts.length >= options.stopAfter) break;
  }
  const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
  const end = parts.at(-1);
  return { parts, text, end };
}

const summarizePage = (text: string, lang?: string, extra: Partial<Extract<TaskRequest, { kind: 'summarize-page' }>> = {}): TaskRequest => ({
  kind: 'summarize-page',
  page: page(text, lang),
  ...extra,
});

const types = (parts: RouterStreamPart[]): string[] => parts.map((part) => part.type).filter((type, i, all) => type !== all[i - 1]);

function expectAllDestroyed(fake: FakeBuiltInAi): void {
  expect(fake.sessions.filter((session) => !session.destroyed)).toEqual([]);
}

const finishPart = { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: ON_DEVICE_LABEL, failures: [] };

describe('runOnDevice: summaries', () => {
  it('should summarize a short page with the Summarizer, streaming its deltas, and say it answered on-device', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { respond: () => '- The park is approved.\n- Work starts in May.' } });

    const { parts, text, end } = await run(summarizePage(SHORT, 'en-US'), fake);

    expect(parts[0]).toEqual({ type: 'attempt', entry: ON_DEVICE_LABEL, attempt: 1 });
    expect(parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(3);
    expect(text).toBe('- The park is approved.\n- Work starts in May.');
    expect(end).toEqual(finishPart);
    expect(types(parts)).toEqual(['attempt', 'text-delta', 'finish']);
    expect(fake.callsOf('summarizer', 'create')[0]!.options).toEqual({
      type: 'key-points',
      length: 'medium',
      format: 'markdown',
      expectedInputLanguages: ['en'],
      outputLanguage: 'en',
    });
    expect(fake.callsOf('summarizer', 'summarizeStreaming').map((call) => call.input)).toEqual([SHORT]);
    expect(fake.callsOf('languageModel', 'create')).toEqual([]);
    expectAllDestroyed(fake);
    expect(ON_DEVICE_LABEL).toEqual({ id: 'on-device', name: 'On-device AI', model: 'built-in', tier: 'on-device' });
  });

  it.each([
    ['tldr', { type: 'tldr', length: 'short' }],
    ['key-points', { type: 'key-points', length: 'medium' }],
    ['detailed', { type: 'key-points', length: 'long' }],
  ] as const)('should ask the Summarizer for the %s style', async (summaryStyle, shape) => {
    const fake = createFakeBuiltInAi();

    await run(summarizePage(SHORT, 'en', { summaryStyle }), fake);

    expect(fake.callsOf('summarizer', 'create')[0]!.options).toMatchObject(shape);
  });

  it.each([
    ['es-ES', 'es'],
    ['ja', 'ja'],
    [undefined, 'en'],
  ])('should write the summary of a page in %s in %s', async (lang, output) => {
    const fake = createFakeBuiltInAi();

    const { end } = await run(summarizePage(SHORT, lang), fake);

    expect(end).toEqual(finishPart);
    expect(fake.callsOf('summarizer', 'create')[0]!.options).toMatchObject({ expectedInputLanguages: [output], outputLanguage: output });
  });

  it('should refuse a page in a language the model does not support rather than answer in another one', async () => {
    const fake = createFakeBuiltInAi();

    const { parts, end } = await run(summarizePage(SHORT, 'de-DE'), fake);

    expect(end).toMatchObject({ type: 'error', failures: [], error: { provider: 'On-device AI', message: 'On-device AI does not support German yet.' } });
    expect(parts.some((part) => part.type === 'text-delta')).toBe(false);
    expect(fake.callsOf('summarizer', 'create')).toEqual([]);
    expect(fake.callsOf('languageModel', 'create')).toEqual([]);
  });

  it('should summarize a selection with the Summarizer', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { respond: ({ input }) => `**TL;DR:** ${input.length} characters.` } });
    const task: TaskRequest = { kind: 'summarize-selection', page: { url: 'https://a.example', title: 'A', lang: 'en' }, selection: SHORT, summaryStyle: 'tldr' };

    const { text, end } = await run(task, fake);

    expect(text).toBe(`**TL;DR:** ${SHORT.length} characters.`);
    expect(end).toEqual(finishPart);
    expect(fake.callsOf('summarizer', 'summarizeStreaming')[0]!.input).toBe(SHORT);
    expect(fake.callsOf('summarizer', 'summarizeStreaming')[0]!.context).toMatch(/selected/);
  });

  it('should fall back to the Prompt API with the cloud summary prompt when the Summarizer is missing', async () => {
    const fake = createFakeBuiltInAi({ summarizer: false, languageModel: { respond: () => 'A park is coming.' } });

    const { text, end } = await run(summarizePage(SHORT, 'en'), fake);

    expect(text).toBe('A park is coming.');
    expect(end).toEqual(finishPart);
    const request = buildSummarizePageRequest(page(SHORT, 'en'));
    const create = fake.callsOf('languageModel', 'create')[0]!;
    expect(create.options!['initialPrompts']).toEqual([{ role: 'system', content: request.system }]);
    expect(create.options!['expectedOutputs']).toEqual([{ type: 'text', languages: ['en'] }]);
    expect(fake.callsOf('languageModel', 'promptStreaming').map((call) => call.input)).toEqual([request.messages[0]!.content]);
    expectAllDestroyed(fake);
  });

  it('should fall back to the Prompt API when the Summarizer still needs its download', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { availability: 'downloadable' }, userActivation: true });

    const { end } = await run(summarizePage(SHORT, 'en'), fake);

    expect(end).toEqual(finishPart);
    expect(fake.callsOf('summarizer', 'create')).toEqual([]);
    expect(fake.stateOf('summarizer')).toBe('downloadable');
  });
});

describe('runOnDevice: a text longer than the input quota', () => {
  /** The Summarizer calls that read a part of the page (not the combined notes). */
  const partCalls = (fake: FakeBuiltInAi): FakeCall[] => fake.callsOf('summarizer', 'summarize');

  it('should read it in parts that each fit the quota, report progress and coverage, and summarize the notes', async () => {
    const fake = createFakeBuiltInAi({
      summarizer: {
        inputQuota: 1_000,
        respond: ({ method, input }) => (method === 'summarize' ? `- note on ${/Paragraph (\d+)\./.exec(input)?.[1] ?? '?'}` : 'The whole story.'),
      },
    });

    const { parts, text, end } = await run(summarizePage(LONG, 'en'), fake);

    const reads = partCalls(fake);
    expect(reads.length).toBeGreaterThan(8);
    for (const call of reads) expect(fakeTokens(call.input!) + fakeTokens(call.context ?? '')).toBeLessThanOrEqual(1_000);
    // The parts together carry the whole page, in order.
    expect(reads.map((call) => call.input).join('').replace(/\s+/g, ' ')).toBe(LONG.replace(/\s+/g, ' '));
    expect(parts.filter((part) => part.type === 'progress')).toEqual(reads.map((_, i) => ({ type: 'progress', part: i + 1, of: reads.length })));
    expect(parts.find((part) => part.type === 'coverage')).toEqual({ type: 'coverage', parts: reads.length, fraction: 1, complete: true });
    expect(types(parts)).toEqual(['attempt', 'progress', 'coverage', 'text-delta', 'finish']);
    // The notes are never answer text: the combined summary is.
    expect(text).toBe('The whole story.');
    const combine = fake.callsOf('summarizer', 'summarizeStreaming').at(-1)!;
    expect(combine.input).toContain('- note on 1\n\n- note on');
    expect(combine.context).toMatch(/Notes on the \d+ parts/);
    expect(end).toEqual(finishPart);
    expectAllDestroyed(fake);
  });

  it('should cut a part again when the model counts it as bigger than planned', async () => {
    // Digits cost a token each: the dense middle of this page is far bigger than its size suggests.
    const dense = Array.from({ length: 40 }, (_, i) => `Table row ${i}: ${'7'.repeat(120)}`).join('\n\n');
    const text = [LONG.slice(0, 8_000), dense, LONG.slice(8_000, 16_000)].join('\n\n');
    const tokenize = (value: string): number => (value.match(/\d/g)?.length ?? 0) + Math.ceil(value.replace(/\d/g, '').length / 4);
    const fake = createFakeBuiltInAi({ summarizer: { inputQuota: 800, tokenize } });

    const { parts, end } = await run(summarizePage(text, 'en'), fake);

    expect(end).toEqual(finishPart);
    const reads = partCalls(fake);
    for (const call of reads) expect(tokenize(call.input!) + tokenize(call.context ?? '')).toBeLessThanOrEqual(800);
    expect(reads.map((call) => call.input).join('').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    // Parts were measured more often than read: some were too big and were cut again.
    const measuredParts = fake.callsOf('summarizer', 'measureInputUsage').filter((call) => /One part/.test(call.context ?? ''));
    expect(measuredParts.length).toBeGreaterThan(reads.length);
    expect(parts.find((part) => part.type === 'coverage')).toMatchObject({ complete: true });
  });

  it('should answer with the notes themselves when together they are too long to summarize again', async () => {
    const fake = createFakeBuiltInAi({
      summarizer: { inputQuota: 600, respond: ({ method }) => (method === 'summarize' ? `- ${'long note '.repeat(30).trim()}` : 'never') },
    });

    const { parts, text, end } = await run(summarizePage(LONG, 'en'), fake);

    const reads = partCalls(fake).length;
    expect(text).toBe(Array.from({ length: reads }, () => `- ${'long note '.repeat(30).trim()}`).join('\n\n'));
    expect(fake.callsOf('summarizer', 'summarizeStreaming')).toEqual([]);
    expect(parts.find((part) => part.type === 'coverage')).toMatchObject({ parts: reads, complete: true });
    expect(end).toEqual(finishPart);
  });

  it('should read a long page in parts with the Prompt API when the Summarizer is missing', async () => {
    const fake = createFakeBuiltInAi({
      summarizer: false,
      languageModel: { inputQuota: 3_000, respond: ({ method }) => (method === 'prompt' ? '- a note' : 'Combined.') },
    });

    const { parts, text, end } = await run(summarizePage(LONG, 'en'), fake);

    const reads = fake.callsOf('languageModel', 'prompt');
    expect(reads.length).toBeGreaterThan(4);
    expect(reads[0]!.input).toContain(`<page part="1/${reads.length}">`);
    expect(parts.filter((part) => part.type === 'progress')).toHaveLength(reads.length);
    expect(parts.find((part) => part.type === 'coverage')).toMatchObject({ parts: reads.length, complete: true });
    expect(text).toBe('Combined.');
    expect(end).toEqual(finishPart);
    expectAllDestroyed(fake);
  });
});

describe('runOnDevice: rewrites', () => {
  const rewriteTask = (style: Extract<TaskRequest, { kind: 'rewrite-selection' }>['style'], extra: Partial<Extract<TaskRequest, { kind: 'rewrite-selection' }>> = {}): Extract<TaskRequest, { kind: 'rewrite-selection' }> => ({
    kind: 'rewrite-selection',
    page: { url: 'https://mail.example.com', title: 'Mail', lang: 'en' },
    selection: 'hey, can u send me the report by friday?',
    style,
    ...extra,
  });

  it.each([
    ['shorter', { length: 'shorter' }],
    ['longer', { length: 'longer' }],
    ['formal', { tone: 'more-formal' }],
    ['casual', { tone: 'more-casual' }],
  ] as const)('should use the Rewriter for the %s style', async (style, shape) => {
    const fake = createFakeBuiltInAi({ rewriter: { respond: () => 'Could you send me the report by Friday?' } });

    const { text, end } = await run(rewriteTask(style), fake);

    expect(text).toBe('Could you send me the report by Friday?');
    expect(end).toEqual(finishPart);
    expect(fake.callsOf('rewriter', 'create')[0]!.options).toMatchObject({ ...shape, expectedInputLanguages: ['en'], outputLanguage: 'en' });
    expect(fake.callsOf('rewriter', 'rewriteStreaming')[0]!.input).toBe('hey, can u send me the report by friday?');
    expect(fake.callsOf('languageModel', 'create')).toEqual([]);
    expectAllDestroyed(fake);
  });

  it('should use the Prompt API with the cloud rewrite prompt for styles the Rewriter does not cover', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { respond: () => 'Hey, can you send me the report by Friday?' } });
    const task = rewriteTask('fix');

    const { text, end } = await run(task, fake);

    expect(text).toBe('Hey, can you send me the report by Friday?');
    expect(end).toEqual(finishPart);
    const request = buildRewriteSelectionRequest(task);
    expect(fake.callsOf('languageModel', 'create')[0]!.options!['initialPrompts']).toEqual([{ role: 'system', content: request.system }]);
    expect(fake.callsOf('languageModel', 'promptStreaming')[0]!.input).toBe(request.messages[0]!.content);
    expect(fake.callsOf('rewriter', 'create')).toEqual([]);
  });

  it('should use the Prompt API for a covered style when the Rewriter is missing', async () => {
    const fake = createFakeBuiltInAi({ rewriter: false });

    const { end } = await run(rewriteTask('shorter'), fake);

    expect(end).toEqual(finishPart);
    expect(fake.callsOf('languageModel', 'promptStreaming')).toHaveLength(1);
  });

  it('should translate into the asked language with the Prompt API', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { respond: () => 'レポートを送ってください。' } });

    const { text } = await run(rewriteTask('translate', { targetLanguage: 'ja-JP' }), fake);

    expect(text).toBe('レポートを送ってください。');
    expect(fake.callsOf('languageModel', 'create')[0]!.options!['expectedOutputs']).toEqual([{ type: 'text', languages: ['ja'] }]);
  });

  it('should refuse a translation into a language the model does not support', async () => {
    const fake = createFakeBuiltInAi();

    const { end } = await run(rewriteTask('translate', { targetLanguage: 'fr' }), fake);

    expect(end).toMatchObject({ type: 'error', error: { message: 'On-device AI does not support French yet.' } });
    expect(fake.callsOf('languageModel', 'create')).toEqual([]);
  });
});

describe('runOnDevice: chat', () => {
  const chatTask = (extra: Partial<Extract<TaskRequest, { kind: 'chat' }>> = {}): TaskRequest => ({
    kind: 'chat',
    page: { url: 'https://news.example.com/story', title: 'A story', lang: 'en' },
    pageContent: page(SHORT, 'en'),
    messages: [
      { role: 'user', content: 'What is this about?' },
      { role: 'assistant', content: 'A new park.' },
      { role: 'user', content: 'When does work start?' },
    ],
    ...extra,
  });

  it('should put the system prompt and the earlier turns in the session and prompt the question with the page', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { respond: () => 'In May.' } });

    const { parts, text, end } = await run(chatTask(), fake);

    expect(text).toBe('In May.');
    expect(end).toEqual(finishPart);
    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    const prompts = fake.callsOf('languageModel', 'create')[0]!.options!['initialPrompts'] as LanguageModelMessage[];
    expect(prompts.map((message) => message.role)).toEqual(['system', 'user', 'assistant']);
    expect(prompts[0]!.content).toMatch(/^You are Lifeline/);
    expect(prompts.slice(1)).toEqual([
      { role: 'user', content: 'What is this about?' },
      { role: 'assistant', content: 'A new park.' },
    ]);
    const question = fake.callsOf('languageModel', 'promptStreaming')[0]!.input!;
    expect(question).toContain(`<page>\n${SHORT}\n</page>`);
    expect(question).toMatch(/Question: When does work start\?$/);
    expectAllDestroyed(fake);
  });

  it('should answer in the browser language', async () => {
    const fake = createFakeBuiltInAi();

    await run(chatTask(), fake, { uiLanguage: 'es-419' });

    expect(fake.callsOf('languageModel', 'create')[0]!.options!['expectedOutputs']).toEqual([{ type: 'text', languages: ['es'] }]);
  });

  it('should send as much of a long page as the context holds and say how much', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { inputQuota: 2_000, legacyNames: true } });

    const { parts, end } = await run(chatTask({ pageContent: page(LONG, 'en') }), fake);

    expect(end).toEqual(finishPart);
    const coverage = parts.find((part) => part.type === 'coverage');
    expect(coverage).toMatchObject({ type: 'coverage', parts: 1, complete: false });
    expect(coverage?.type === 'coverage' && coverage.fraction).toBeGreaterThan(0.05);
    expect(coverage?.type === 'coverage' && coverage.fraction).toBeLessThan(0.2);
    const question = fake.callsOf('languageModel', 'promptStreaming')[0]!.input!;
    expect(question).toContain('(Only the first');
    expect(fakeTokens(question)).toBeLessThan(2_000);
    expect(fake.callsOf('languageModel', 'measureInputUsage').length).toBeGreaterThan(1);
  });

  it.each([1_900, 2_000, 2_100, 2_300, 2_700])('should cut a long page between characters, never inside one (context of %i)', async (inputQuota) => {
    const fake = createFakeBuiltInAi({ languageModel: { inputQuota } });

    const { parts, end } = await run(chatTask({ pageContent: page('😀'.repeat(12_000), 'en') }), fake);

    expect(end).toEqual(finishPart);
    expect(parts.find((part) => part.type === 'coverage')).toMatchObject({ complete: false });
    expect(fake.callsOf('languageModel', 'promptStreaming')[0]!.input!.isWellFormed()).toBe(true);
  });

  it('should leave out the oldest turns when the conversation no longer fits the context', async () => {
    const long = 'word '.repeat(700);
    const messages = [
      ...Array.from({ length: 6 }, (_, i) => [
        { role: 'user' as const, content: `Question ${i}: ${long}` },
        { role: 'assistant' as const, content: `Answer ${i}.` },
      ]).flat(),
      { role: 'user' as const, content: 'And the last one?' },
    ];
    const fake = createFakeBuiltInAi({ languageModel: { inputQuota: 3_000 } });

    const { end } = await run(chatTask({ messages }), fake);

    expect(end).toEqual(finishPart);
    const created = fake.callsOf('languageModel', 'create').at(-1)!.options!['initialPrompts'] as LanguageModelMessage[];
    expect(created.length).toBeLessThan(13);
    expect(created[1]!.role).toBe('user');
    expect(created.at(-1)).toEqual({ role: 'assistant', content: 'Answer 5.' });
    expectAllDestroyed(fake);
  });
});

describe('runOnDevice: when it cannot run', () => {
  it.each<[string, FakeBuiltInAiConfig, string]>([
    ['needs a download', { summarizer: { availability: 'downloadable' }, languageModel: { availability: 'downloadable' } }, 'On-device AI needs a one-time download first: turn it on in Lifeline settings.'],
    ['is downloading', { summarizer: { availability: 'downloading' }, languageModel: { availability: 'downloadable' } }, 'On-device AI is still downloading. It can answer once the download is done (see Lifeline settings).'],
    ['is unavailable', { summarizer: { availability: 'unavailable' }, languageModel: { availability: 'unavailable' } }, 'On-device AI is not available on this device or browser.'],
    ['is missing', { summarizer: false, languageModel: false, rewriter: false }, 'This browser has no on-device AI.'],
  ])('should say so in plain words when the model %s, and never start a download', async (_label, config, message) => {
    const fake = createFakeBuiltInAi({ ...config, userActivation: true });

    const { parts, end } = await run(summarizePage(SHORT, 'en'), fake);

    expect(parts[0]).toMatchObject({ type: 'attempt' });
    expect(end).toMatchObject({ type: 'error', failures: [], error: { provider: 'On-device AI', message } });
    expect(parts).toHaveLength(2);
    expect(fake.calls.filter((call) => call.method === 'create')).toEqual([]);
    expect(fake.stateOf('summarizer')).toBe(config.summarizer === false ? 'unavailable' : (config.summarizer?.availability ?? 'available'));
  });

  it('should say a text is too long when the model refuses it', async () => {
    const fake = createFakeBuiltInAi({ rewriter: { runError: new DOMException('The input is too large.', 'QuotaExceededError') } });

    const { end } = await run({ kind: 'rewrite-selection', page: { url: 'https://a.example', title: 'A', lang: 'en' }, selection: 'some text', style: 'shorter' }, fake);

    expect(end).toMatchObject({ type: 'error', error: { kind: 'context-too-long', message: 'The text is too long for on-device AI.' } });
    expectAllDestroyed(fake);
  });

  it("should say so when the model's safety check stops the answer", async () => {
    const fake = createFakeBuiltInAi({ summarizer: { runError: new DOMException('unsafe', 'NotReadableError') } });

    const { end } = await run(summarizePage(SHORT, 'en'), fake);

    expect(end).toMatchObject({ type: 'error', error: { kind: 'content-policy', provider: 'On-device AI' } });
  });

  it('should report an empty answer as a failure, never as a finished one', async () => {
    const fake = createFakeBuiltInAi({ summarizer: { respond: () => '' } });

    const { end } = await run(summarizePage(SHORT, 'en'), fake);

    expect(end).toMatchObject({ type: 'error', error: { kind: 'malformed', message: 'On-device AI gave an empty answer.' } });
  });
});

describe('runOnDevice: stopping', () => {
  it('should not start when the signal is already aborted', async () => {
    const fake = createFakeBuiltInAi();
    const controller = new AbortController();
    controller.abort();

    const { end } = await run(summarizePage(SHORT, 'en'), fake, { signal: controller.signal });

    expect(end).toMatchObject({ type: 'error', error: { kind: 'aborted', message: 'Stopped.' } });
    expect(fake.calls).toEqual([]);
  });

  it('should stop mid-answer with an aborted error and destroy the session', async () => {
    const controller = new AbortController();
    const fake = createFakeBuiltInAi({ summarizer: { respond: () => 'A long answer that streams in many small deltas.', deltaChars: 2 } });
    const parts: RouterStreamPart[] = [];

    for await (const part of runOnDevice(summarizePage(SHORT, 'en'), fake.ai, controller.signal, { uiLanguage: 'en' })) {
      parts.push(part);
      if (parts.filter((seen) => seen.type === 'text-delta').length === 2) controller.abort();
    }

    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(2);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expectAllDestroyed(fake);
  });

  it('should stop between the parts of a long page, passing the signal to each call', async () => {
    const controller = new AbortController();
    const fake = createFakeBuiltInAi({ summarizer: { inputQuota: 1_000 } });
    const parts: RouterStreamPart[] = [];

    for await (const part of runOnDevice(summarizePage(LONG, 'en'), fake.ai, controller.signal, { uiLanguage: 'en' })) {
      parts.push(part);
      if (part.type === 'progress' && part.part === 2) controller.abort();
    }

    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    expect(fake.callsOf('summarizer', 'summarize').length).toBeLessThanOrEqual(2);
    expectAllDestroyed(fake);
  });

  it('should destroy its sessions when the reader stops early', async () => {
    const fake = createFakeBuiltInAi({ languageModel: { respond: () => 'one two three four five six' } });

    await run({ kind: 'chat', page: { url: 'https://a.example', title: 'A' }, messages: [{ role: 'user', content: 'Hi?' }] }, fake, { stopAfter: 2 });

    expect(fake.sessions.length).toBe(1);
    expectAllDestroyed(fake);
  });
});
