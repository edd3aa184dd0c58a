// The on-device tier: runs a task on the browser's built-in AI (Summarizer, Prompt, Rewriter) and yields the router's parts.
// It never starts a model download (that needs a click on the options page) and never sends anything off the computer.
import { createLlmError, type LlmError, type LlmErrorKind } from '../llm/errors';
import type { EntryLabel, RouterStreamPart } from '../llm/types';
import type { PageContent, RewriteStyle, TaskRequest } from '../jobs/task';
import { estimateTokens, planChunks, type Chunk } from '../page/chunk-plan';
import { buildChatRequest, CHAT_MAX_OUTPUT_TOKENS } from '../prompts/chat-about-page';
import { languageName } from '../prompts/language-name';
import { buildRewriteSelectionRequest } from '../prompts/rewrite-selection';
import { buildCombineRequest, buildPartSummaryRequest } from '../prompts/summarize-long-page';
import { buildSummarizePageRequest } from '../prompts/summarize-page';
import { buildSummarizeSelectionRequest } from '../prompts/summarize-selection';
import { summaryStyleInstructions, summaryStyleOrDefault, type SummaryStyle } from '../prompts/summary-style';
import type {
  BuiltInAi,
  BuiltInAvailability,
  BuiltInLanguageModel,
  BuiltInSummarizer,
  LanguageModelGlobal,
  LanguageModelMessage,
  LanguageModelOptions,
  RewriterOptions,
  SummarizerOptions,
} from './built-in-ai';

/** The name errors and status lines use for this tier. */
export const ON_DEVICE_PROVIDER = 'On-device AI';

export const ON_DEVICE_LABEL: EntryLabel = { id: 'on-device', name: 'On-device AI', model: 'built-in', tier: 'on-device' };

export interface RunOnDeviceOptions {
  /** The browser's language (BCP 47): what a chat answer and a translation are written in. */
  uiLanguage: string;
}

/** A long text is read in at most this many parts; the coverage part says when the rest was left out. */
export const MAX_ON_DEVICE_PARTS = 40;
/** A part is never planned below this many tokens: a model whose quota is smaller cannot read the text. */
const MIN_PART_TOKENS = 32;
/** Planned parts aim this far under the measured room: the estimate and the model's tokenizer differ. */
const PLAN_MARGIN = 0.9;

type SummaryTask = Extract<TaskRequest, { kind: 'summarize-page' | 'summarize-selection' }>;
type RewriteTask = Extract<TaskRequest, { kind: 'rewrite-selection' }>;
type ChatTask = Extract<TaskRequest, { kind: 'chat' }>;

interface Destroyable {
  destroy(): void;
}

/** Sessions of one run: every one is destroyed when the run ends, however it ends. */
class Sessions {
  private readonly open = new Set<Destroyable>();
  add<T extends Destroyable>(session: T): T {
    this.open.add(session);
    return session;
  }
  close(session: Destroyable): void {
    if (!this.open.delete(session)) return;
    try {
      session.destroy();
    } catch {
      // Already gone: nothing to free.
    }
  }
  closeAll(): void {
    for (const session of [...this.open]) this.close(session);
  }
}

/** A failure with its user-facing error, thrown inside a run and turned into the `error` part. */
class OnDeviceFailure extends Error {
  constructor(readonly error: LlmError) {
    super(error.message);
  }
}

function failure(kind: LlmErrorKind, message: string): OnDeviceFailure {
  return new OnDeviceFailure({ ...createLlmError(kind, ON_DEVICE_PROVIDER), message });
}

const aborted = (): OnDeviceFailure => new OnDeviceFailure(createLlmError('aborted', ON_DEVICE_PROVIDER));

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw aborted();
}

const nameOf = (cause: unknown): string =>
  typeof cause === 'object' && cause !== null && typeof (cause as { name?: unknown }).name === 'string' ? (cause as { name: string }).name : '';

/** Maps what the built-in APIs throw (DOMExceptions by name) to the shared error, in plain words. */
export function onDeviceErrorOf(cause: unknown, signal?: AbortSignal): LlmError {
  if (cause instanceof OnDeviceFailure) return cause.error;
  if (signal?.aborted) return createLlmError('aborted', ON_DEVICE_PROVIDER);
  switch (nameOf(cause)) {
    case 'AbortError':
      return createLlmError('aborted', ON_DEVICE_PROVIDER);
    case 'QuotaExceededError':
      return failure('context-too-long', 'The text is too long for on-device AI.').error;
    case 'NotReadableError':
      return failure('content-policy', "On-device AI stopped its answer: the browser's safety check did not let it through.").error;
    case 'NotSupportedError':
      return failure('bad-request', 'On-device AI cannot do this: the language or the kind of answer is not supported.').error;
    case 'NotAllowedError':
      return failure(
        'not-permitted',
        'The browser did not let on-device AI start. Your organization may have turned it off, or it needs to be enabled in Lifeline settings.',
      ).error;
    case 'InvalidStateError':
      return failure('unknown', 'On-device AI could not start on this device right now.').error;
    default:
      return createLlmError('unknown', ON_DEVICE_PROVIDER);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Languages and availability

/** The base language of a BCP 47 tag ("en-US" -> "en"), or undefined when there is none or it is not a tag. */
export function baseLanguage(tag: string | undefined): string | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base && /^[a-z]{2,3}$/.test(base) ? base : undefined;
}

/** Why an API cannot answer now, worst news last: a download would help, the language is not supported, nothing helps. */
type Blocker = 'downloading' | 'downloadable' | 'language' | 'unavailable' | 'missing';

const BLOCKER_ORDER: readonly Blocker[] = ['downloading', 'downloadable', 'language', 'unavailable', 'missing'];

interface AvailabilityApi<O> {
  availability(options?: O): Promise<BuiltInAvailability>;
}

/**
 * Whether `api` can answer now with `options`. An 'unavailable' answer for a language other than English is checked
 * again in English, to tell "this language is not supported" from "not available on this device".
 */
async function probe<O>(api: AvailabilityApi<O> | undefined, options: O, inEnglish: O | undefined): Promise<Blocker | 'available'> {
  if (!api) return 'missing';
  const availability = await api.availability(options).catch((): BuiltInAvailability => 'unavailable');
  if (availability !== 'unavailable') return availability;
  if (!inEnglish) return 'unavailable';
  const english = await api.availability(inEnglish).catch((): BuiltInAvailability => 'unavailable');
  return english === 'unavailable' ? 'unavailable' : 'language';
}

function blockedFailure(blockers: readonly Blocker[], languages: readonly string[]): OnDeviceFailure {
  const worst = BLOCKER_ORDER.find((blocker) => blockers.includes(blocker)) ?? 'missing';
  switch (worst) {
    case 'downloading':
      return failure('model-not-found', 'On-device AI is still downloading. It can answer once the download is done (see Lifeline settings).');
    case 'downloadable':
      return failure('model-not-found', 'On-device AI needs a one-time download first: turn it on in Lifeline settings.');
    case 'language': {
      const names = [...new Set(languages.filter((code) => code !== 'en'))].map(languageName);
      return failure('bad-request', `On-device AI does not support ${names.join(' or ') || 'this language'} yet.`);
    }
    case 'unavailable':
      return failure('model-not-found', 'On-device AI is not available on this device or browser.');
    case 'missing':
      return failure('model-not-found', 'This browser has no on-device AI.');
  }
}

const usesOtherThanEnglish = (languages: readonly (string | undefined)[]): boolean => languages.some((code) => code !== undefined && code !== 'en');

function summarizerOptions(style: SummaryStyle, lang: string): SummarizerOptions {
  const shape: Pick<SummarizerOptions, 'type' | 'length'> =
    style === 'tldr' ? { type: 'tldr', length: 'short' } : style === 'detailed' ? { type: 'key-points', length: 'long' } : { type: 'key-points', length: 'medium' };
  return { ...shape, format: 'markdown', expectedInputLanguages: [lang], outputLanguage: lang };
}

function languageModelOptions(inputs: readonly string[], output: string): LanguageModelOptions {
  return {
    expectedInputs: [{ type: 'text', languages: [...new Set([...inputs, output])] }],
    expectedOutputs: [{ type: 'text', languages: [output] }],
  };
}

function englishLanguageModelOptions(): LanguageModelOptions {
  return languageModelOptions([], 'en');
}

// ---------------------------------------------------------------------------------------------------------------------
// Streams and the Prompt API's two naming generations

/** Reads a *Streaming() result: each chunk is a delta. Cancels the stream when the signal aborts or the reader stops early. */
async function* readDeltas(stream: ReadableStream<string>, signal: AbortSignal): AsyncGenerator<string> {
  const reader = stream.getReader();
  let finished = false;
  const cancel = (): void => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled stream ends "done": an abort must never pass for a complete answer.
      throwIfAborted(signal);
      if (done) {
        finished = true;
        return;
      }
      if (value) yield value;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    if (!finished) reader.cancel().catch(() => undefined);
  }
}

type SessionWithUsage = BuiltInLanguageModel & { readonly contextUsage?: number; readonly inputUsage?: number };

/** Tokens `text` takes in this session (the estimate when the browser cannot measure). */
async function measureLm(session: BuiltInLanguageModel, text: string): Promise<number> {
  const measure = session.measureContextUsage ?? session.measureInputUsage;
  return measure ? measure.call(session, text) : estimateTokens(text);
}

function windowOf(session: BuiltInLanguageModel): number {
  return session.contextWindow ?? session.inputQuota ?? Number.POSITIVE_INFINITY;
}

/** Tokens the session's initial prompts already take. */
async function usedBy(session: BuiltInLanguageModel, initialPrompts: readonly LanguageModelMessage[]): Promise<number> {
  const withUsage = session as SessionWithUsage;
  const reported = withUsage.contextUsage ?? withUsage.inputUsage;
  if (typeof reported === 'number') return reported;
  let sum = 0;
  for (const message of initialPrompts) sum += await measureLm(session, message.content);
  return sum;
}

/** Creates a Prompt API session only when the model is there: create() on a 'downloadable' model would start a download. */
async function createLanguageModel(
  global: LanguageModelGlobal,
  options: LanguageModelOptions,
  initialPrompts: LanguageModelMessage[],
  signal: AbortSignal,
  sessions: Sessions,
): Promise<BuiltInLanguageModel> {
  const availability = await global.availability(options);
  throwIfAborted(signal);
  if (availability !== 'available') throw blockedFailure([availability === 'unavailable' ? 'unavailable' : availability], []);
  const session = await global.create({ ...options, initialPrompts, signal });
  return sessions.add(session);
}

// ---------------------------------------------------------------------------------------------------------------------
// Summaries

/** One way to summarize: the Summarizer API or the Prompt API, with the same map-reduce around it. */
interface SummaryEngine {
  /** Tokens of input one request may carry. */
  readonly room: number;
  measureWhole(text: string): Promise<number>;
  whole(text: string): AsyncIterable<string>;
  measurePart(text: string): Promise<number>;
  part(text: string, part: number, of: number): Promise<string>;
  measureCombine(notes: readonly string[], fraction: number): Promise<number>;
  combine(notes: readonly string[], fraction: number): AsyncIterable<string>;
}

interface SummaryInput {
  task: SummaryTask;
  /** The page as the prompts name it; for a selection, its text is the selection. */
  page: PageContent;
  text: string;
  style: SummaryStyle;
  lang: string;
  signal: AbortSignal;
  sessions: Sessions;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function summaryContexts(input: SummaryInput) {
  const where = input.page.title ? `the web page "${clip(input.page.title, 120)}"` : 'a web page';
  return {
    whole: input.task.kind === 'summarize-page' ? `The text of ${where}.` : `Text a reader selected on ${where}.`,
    part: `One part of the text of ${where}, read in parts.`,
    combine: (count: number, fraction: number) =>
      `Notes on the ${count} parts of ${where}, in order.` +
      (fraction < 0.99 ? ` They cover only the first ${Math.floor(fraction * 100)} % of the text.` : ''),
  };
}

async function summarizerEngine(input: SummaryInput, ai: Required<Pick<BuiltInAi, 'Summarizer'>>): Promise<SummaryEngine> {
  const { signal, sessions } = input;
  const contexts = summaryContexts(input);
  const answerOptions = summarizerOptions(input.style, input.lang);
  const answer: BuiltInSummarizer = sessions.add(await ai.Summarizer.create({ ...answerOptions, signal }));
  let notes: BuiltInSummarizer | undefined;
  const notesSummarizer = async (of: number): Promise<BuiltInSummarizer> => {
    if (notes) return notes;
    // Shorter notes when there are many parts, so that the combined notes fit one request.
    const options: SummarizerOptions = { ...answerOptions, type: 'key-points', length: of <= 4 ? 'medium' : 'short' };
    const availability = await ai.Summarizer.availability(options);
    if (availability !== 'available') throw blockedFailure([availability === 'unavailable' ? 'unavailable' : availability], []);
    notes = sessions.add(await ai.Summarizer.create({ ...options, signal }));
    return notes;
  };
  const joined = (parts: readonly string[]): string => parts.map((note) => note.trim()).join('\n\n');
  return {
    room: answer.inputQuota,
    measureWhole: (text) => answer.measureInputUsage(text, { context: contexts.whole }),
    whole: (text) => readDeltas(answer.summarizeStreaming(text, { context: contexts.whole, signal }), signal),
    measurePart: (text) => answer.measureInputUsage(text, { context: contexts.part }),
    part: async (text, _part, of) => (await notesSummarizer(of)).summarize(text, { context: contexts.part, signal }),
    measureCombine: (parts, fraction) => answer.measureInputUsage(joined(parts), { context: contexts.combine(parts.length, fraction) }),
    combine: (parts, fraction) =>
      readDeltas(answer.summarizeStreaming(joined(parts), { context: contexts.combine(parts.length, fraction), signal }), signal),
  };
}

async function languageModelSummaryEngine(input: SummaryInput, global: LanguageModelGlobal): Promise<SummaryEngine> {
  const { page, signal, sessions, style, task } = input;
  const options = languageModelOptions([input.lang], input.lang);
  const wholeRequest = (text: string) =>
    task.kind === 'summarize-page' ? buildSummarizePageRequest({ ...page, text }, style) : buildSummarizeSelectionRequest(page, text, style);
  const system = wholeRequest('').system ?? '';
  const initialPrompts: LanguageModelMessage[] = [{ role: 'system', content: system }];
  const answer = await createLanguageModel(global, options, initialPrompts, signal, sessions);
  const window = windowOf(answer);
  const reserve = Math.min(summaryStyleInstructions(style, 'page', '3 to 7').maxOutputTokens, Math.floor(window / 4));
  const room = window - (await usedBy(answer, initialPrompts)) - reserve;
  const userText = (request: { messages: { content: string }[] }): string => request.messages.at(-1)?.content ?? '';
  const partRequest = (text: string, part: number, of: number) => buildPartSummaryRequest(page, text, part, of, 600);
  const combineRequest = (notes: readonly string[], fraction: number) => buildCombineRequest(page, notes, { fraction }, style);
  /** A fresh session per request: each has its own system prompt, and no earlier part crowds its context. */
  const once = async (request: { system?: string; messages: { content: string }[] }) => {
    const session = await createLanguageModel(global, options, [{ role: 'system', content: request.system ?? '' }], signal, sessions);
    return { session, text: userText(request) };
  };
  return {
    room,
    measureWhole: (text) => measureLm(answer, userText(wholeRequest(text))),
    whole: (text) => readDeltas(answer.promptStreaming(userText(wholeRequest(text)), { signal }), signal),
    measurePart: (text) => measureLm(answer, userText(partRequest(text, 1, 1))),
    part: async (text, part, of) => {
      const { session, text: prompt } = await once(partRequest(text, part, of));
      try {
        return await session.prompt(prompt, { signal });
      } finally {
        sessions.close(session);
      }
    },
    measureCombine: (notes, fraction) => measureLm(answer, userText(combineRequest(notes, fraction))),
    combine: async function* (notes, fraction) {
      const { session, text: prompt } = await once(combineRequest(notes, fraction));
      yield* readDeltas(session.promptStreaming(prompt, { signal }), signal);
    },
  };
}

/**
 * Cuts `text` into parts that each fit `room` as measured by the model: planned with a token budget calibrated by the
 * whole text's measure, then each part is measured and, when still too big, planned again with half its budget.
 */
async function fittingParts(
  text: string,
  measuredWhole: number,
  engine: SummaryEngine,
  signal: AbortSignal,
): Promise<{ parts: Chunk[]; complete: boolean }> {
  const estimatePerToken = estimateTokens(text) / Math.max(1, measuredWhole);
  const budget = Math.max(MIN_PART_TOKENS, Math.floor(engine.room * estimatePerToken * PLAN_MARGIN));
  const queue = planChunks(text, budget).map((chunk) => ({ chunk, budget }));
  const parts: Chunk[] = [];
  while (queue.length > 0 && parts.length < MAX_ON_DEVICE_PARTS) {
    throwIfAborted(signal);
    const next = queue.shift()!;
    if ((await engine.measurePart(next.chunk.text)) <= engine.room) {
      parts.push(next.chunk);
      continue;
    }
    const half = Math.floor(next.budget / 2);
    if (half < MIN_PART_TOKENS) throw failure('context-too-long', 'The text is too long for on-device AI: even a small part of it does not fit.');
    const offset = next.chunk.start;
    const smaller = planChunks(next.chunk.text, half).map((chunk) => ({
      chunk: { ...chunk, start: chunk.start + offset, end: chunk.end + offset },
      budget: half,
    }));
    queue.unshift(...smaller);
  }
  return { parts, complete: queue.length === 0 };
}

async function* summarize(input: SummaryInput, ai: BuiltInAi): AsyncGenerator<RouterStreamPart> {
  const { text, signal, lang } = input;
  if (!text.trim()) throw failure('bad-request', 'There is no text to summarize.');
  const inEnglish = usesOtherThanEnglish([lang]);
  const [summarizer, languageModel] = await Promise.all([
    probe(ai.Summarizer, summarizerOptions(input.style, lang), inEnglish ? summarizerOptions(input.style, 'en') : undefined),
    probe(ai.LanguageModel, languageModelOptions([lang], lang), inEnglish ? englishLanguageModelOptions() : undefined),
  ]);
  throwIfAborted(signal);
  let engine: SummaryEngine;
  if (summarizer === 'available' && ai.Summarizer) engine = await summarizerEngine(input, { Summarizer: ai.Summarizer });
  else if (languageModel === 'available' && ai.LanguageModel) engine = await languageModelSummaryEngine(input, ai.LanguageModel);
  else throw blockedFailure([summarizer, languageModel].filter((state): state is Blocker => state !== 'available'), [lang]);

  const measured = await engine.measureWhole(text);
  throwIfAborted(signal);
  if (measured <= engine.room) {
    for await (const delta of engine.whole(text)) yield { type: 'text-delta', text: delta };
    return;
  }

  // Longer than one request: notes on each part (never answer text), then one summary of the notes.
  const { parts, complete } = await fittingParts(text, measured, engine, signal);
  const notes: string[] = [];
  for (const [index, part] of parts.entries()) {
    throwIfAborted(signal);
    yield { type: 'progress', part: index + 1, of: parts.length };
    notes.push(await engine.part(part.text, index + 1, parts.length));
  }
  throwIfAborted(signal);
  const carried = parts.reduce((sum, part) => sum + part.text.length, 0);
  const fraction = Math.min(1, carried / text.length);
  yield { type: 'coverage', parts: parts.length, fraction, complete };
  if ((await engine.measureCombine(notes, fraction)) <= engine.room) {
    for await (const delta of engine.combine(notes, fraction)) yield { type: 'text-delta', text: delta };
    return;
  }
  // The notes together are too long to summarize again on this device: they are the answer, in page order.
  yield { type: 'text-delta', text: notes.map((note) => note.trim()).filter(Boolean).join('\n\n') };
}

function summaryInput(task: SummaryTask, signal: AbortSignal, sessions: Sessions): SummaryInput {
  const page: PageContent =
    task.kind === 'summarize-page'
      ? task.page
      : { url: task.page.url, title: task.page.title, ...(task.page.lang ? { lang: task.page.lang } : {}), text: task.selection, source: 'visible-text' };
  return {
    task,
    page,
    text: page.text,
    style: summaryStyleOrDefault(task.summaryStyle),
    // An unknown page language is summarized in English; a known one the model lacks is refused, never answered in another language.
    lang: baseLanguage(task.page.lang) ?? 'en',
    signal,
    sessions,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Rewrites

/** The rewrite styles the Rewriter API covers with its own options; the others go to the Prompt API. */
const REWRITER_STYLES: Partial<Record<RewriteStyle, Pick<RewriterOptions, 'tone' | 'length'>>> = {
  shorter: { length: 'shorter' },
  longer: { length: 'longer' },
  formal: { tone: 'more-formal' },
  casual: { tone: 'more-casual' },
};

async function* rewrite(task: RewriteTask, ai: BuiltInAi, signal: AbortSignal, uiLanguage: string, sessions: Sessions): AsyncGenerator<RouterStreamPart> {
  if (!task.selection.trim()) throw failure('bad-request', 'There is no text to rewrite.');
  const source = baseLanguage(task.page.lang);
  const translate = task.style === 'translate';
  // A rewrite stays in the text's language (the page's, else the browser's); a translation goes to the asked language.
  const output = translate ? (baseLanguage(task.targetLanguage) ?? baseLanguage(uiLanguage) ?? 'en') : (source ?? baseLanguage(uiLanguage) ?? 'en');
  const inputs = source ? [source] : [];
  const languages = [...inputs, output];
  const inEnglish = usesOtherThanEnglish(languages);

  const rewriterShape = REWRITER_STYLES[task.style];
  const rewriterOptions: RewriterOptions | undefined = rewriterShape
    ? { ...rewriterShape, format: 'as-is', expectedInputLanguages: [output], outputLanguage: output }
    : undefined;
  const [rewriter, languageModel] = await Promise.all([
    rewriterOptions ? probe(ai.Rewriter, rewriterOptions, inEnglish ? { ...rewriterOptions, expectedInputLanguages: ['en'], outputLanguage: 'en' } : undefined) : undefined,
    probe(ai.LanguageModel, languageModelOptions(inputs, output), inEnglish ? englishLanguageModelOptions() : undefined),
  ]);
  throwIfAborted(signal);

  if (rewriter === 'available' && ai.Rewriter && rewriterOptions) {
    const session = sessions.add(await ai.Rewriter.create({ ...rewriterOptions, signal }));
    if ((await session.measureInputUsage(task.selection)) > session.inputQuota) throw failure('context-too-long', 'The selection is too long for on-device AI.');
    for await (const delta of readDeltas(session.rewriteStreaming(task.selection, { signal }), signal)) yield { type: 'text-delta', text: delta };
    return;
  }
  if (languageModel !== 'available' || !ai.LanguageModel) {
    throw blockedFailure([rewriter, languageModel].filter((state): state is Blocker => state !== undefined && state !== 'available'), languages);
  }
  const request = buildRewriteSelectionRequest(task);
  const initialPrompts: LanguageModelMessage[] = [{ role: 'system', content: request.system ?? '' }];
  const session = await createLanguageModel(ai.LanguageModel, languageModelOptions(inputs, output), initialPrompts, signal, sessions);
  const prompt = request.messages.at(-1)?.content ?? '';
  const room = windowOf(session) - (await usedBy(session, initialPrompts));
  // The rewrite is about as long as the text: both must fit the context.
  if ((await measureLm(session, prompt)) * 2 > room) throw failure('context-too-long', 'The selection is too long for on-device AI.');
  for await (const delta of readDeltas(session.promptStreaming(prompt, { signal }), signal)) yield { type: 'text-delta', text: delta };
}

// ---------------------------------------------------------------------------------------------------------------------
// Chat

/** The newest half of the turns, starting with a question. */
function newerHalf(turns: readonly LanguageModelMessage[]): LanguageModelMessage[] {
  const kept = turns.slice(Math.ceil(turns.length / 2));
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}

async function* chat(task: ChatTask, ai: BuiltInAi, signal: AbortSignal, uiLanguage: string, sessions: Sessions): AsyncGenerator<RouterStreamPart> {
  const pageLanguage = baseLanguage(task.pageContent?.lang ?? task.page.lang);
  const output = baseLanguage(uiLanguage) ?? 'en';
  const inputs = pageLanguage ? [pageLanguage] : [];
  const options = languageModelOptions(inputs, output);
  const languages = [...inputs, output];
  const state = await probe(ai.LanguageModel, options, usesOtherThanEnglish(languages) ? englishLanguageModelOptions() : undefined);
  throwIfAborted(signal);
  if (state !== 'available' || !ai.LanguageModel) throw blockedFailure([state === 'available' ? 'missing' : state], languages);
  const global = ai.LanguageModel;

  const build = (maxPageChars: number) => buildChatRequest({ ...task, maxPageChars });
  const full = build(task.pageContent?.text.length ?? 0);
  const system = full.request.system ?? '';
  let earlier: LanguageModelMessage[] = full.request.messages.slice(0, -1).map(({ role, content }) => ({ role, content }));

  // The session holds the system prompt and the earlier turns; older turns go first when they leave too little room.
  let session: BuiltInLanguageModel | undefined;
  let room = 0;
  let bare = 0;
  for (;;) {
    const initialPrompts: LanguageModelMessage[] = [{ role: 'system', content: system }, ...earlier];
    try {
      session = await createLanguageModel(global, options, initialPrompts, signal, sessions);
    } catch (cause) {
      if (nameOf(cause) === 'QuotaExceededError' && earlier.length > 0 && !signal.aborted) {
        earlier = newerHalf(earlier);
        continue;
      }
      throw cause;
    }
    const window = windowOf(session);
    room = window - (await usedBy(session, initialPrompts)) - Math.min(CHAT_MAX_OUTPUT_TOKENS, Math.floor(window / 4));
    bare = await measureLm(session, build(0).request.messages.at(-1)?.content ?? '');
    if (bare <= room) break;
    sessions.close(session);
    if (earlier.length === 0) throw failure('context-too-long', 'The question is too long for on-device AI.');
    earlier = newerHalf(earlier);
  }

  // As much of the page as the room leaves, measured by the model.
  let turn = full;
  if (task.pageContent && task.pageContent.text.length > 0) {
    let maxChars = task.pageContent.text.length;
    for (let tries = 0; ; tries++) {
      throwIfAborted(signal);
      turn = build(maxChars);
      const used = await measureLm(session, turn.request.messages.at(-1)?.content ?? '');
      if (used <= room) break;
      const share = Math.min(0.9, (room - bare) / Math.max(1, used - bare));
      maxChars = tries >= 8 || share <= 0 ? 0 : Math.floor(maxChars * share);
      if (maxChars < 200) maxChars = 0;
      if (maxChars === 0) {
        turn = build(0);
        break;
      }
    }
    if (turn.pageFraction < 1) yield { type: 'coverage', parts: 1, fraction: turn.pageFraction, complete: false };
  }
  const prompt = turn.request.messages.at(-1)?.content ?? '';
  for await (const delta of readDeltas(session.promptStreaming(prompt, { signal }), signal)) yield { type: 'text-delta', text: delta };
}

// ---------------------------------------------------------------------------------------------------------------------

/**
 * Runs `task` on the built-in AI of `ai`: `attempt`, then text deltas (and, for a summary read in parts, `progress` and
 * `coverage`), then `finish`; or an `error` in plain words when it cannot run: the API is missing, the model is not
 * downloaded (this never starts a download), the language is not supported, the text does not fit, or it is stopped.
 * Every session it creates is destroyed before it returns.
 */
export async function* runOnDevice(
  task: TaskRequest,
  ai: BuiltInAi,
  signal: AbortSignal,
  options: RunOnDeviceOptions,
): AsyncGenerator<RouterStreamPart> {
  yield { type: 'attempt', entry: ON_DEVICE_LABEL, attempt: 1 };
  const sessions = new Sessions();
  let wrote = false;
  try {
    throwIfAborted(signal);
    const parts =
      task.kind === 'summarize-page' || task.kind === 'summarize-selection'
        ? summarize(summaryInput(task, signal, sessions), ai)
        : task.kind === 'rewrite-selection'
          ? rewrite(task, ai, signal, options.uiLanguage, sessions)
          : chat(task, ai, signal, options.uiLanguage, sessions);
    for await (const part of parts) {
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        if (part.text.trim()) wrote = true;
      }
      yield part;
    }
    throwIfAborted(signal);
    if (!wrote) throw failure('malformed', 'On-device AI gave an empty answer.');
  } catch (cause) {
    yield { type: 'error', error: onDeviceErrorOf(cause, signal), failures: [] };
    return;
  } finally {
    sessions.closeAll();
  }
  yield { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: ON_DEVICE_LABEL, failures: [] };
}
