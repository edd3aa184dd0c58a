// The two ways to summarize on this device, behind one interface: the Summarizer API, or the Prompt API with the cloud's prompts.
import type { PageContent, TaskRequest } from '../jobs/task';
import { buildCombineRequest, buildPartSummaryRequest } from '../prompts/summarize-long-page';
import { buildSummarizePageRequest } from '../prompts/summarize-page';
import { buildSummarizeSelectionRequest } from '../prompts/summarize-selection';
import { summaryStyleInstructions, type SummaryStyle } from '../prompts/summary-style';
import type { BuiltInSummarizer, LanguageModelGlobal, LanguageModelMessage, SummarizerGlobal, SummarizerOptions } from './built-in-ai';
import { throwIfAborted } from './on-device-errors';
import { blockedFailure, blockersOf, englishLanguageModelOptions, languageModelOptions, probe, usesOtherThanEnglish } from './on-device-languages';
import { createLanguageModel, measureLm, readDeltas, usedBy, windowOf, type OnDeviceRun } from './on-device-sessions';
import type { PartMeasure } from './fitting-parts';

export type SummaryTask = Extract<TaskRequest, { kind: 'summarize-page' | 'summarize-selection' }>;

/** One way to summarize, with the same map-reduce around it; `room` is the tokens of input one request may carry. */
export interface SummaryEngine extends PartMeasure {
  measureWhole(text: string): Promise<number>;
  whole(text: string): AsyncIterable<string>;
  part(text: string, part: number, of: number): Promise<string>;
  measureCombine(notes: readonly string[], fraction: number): Promise<number>;
  combine(notes: readonly string[], fraction: number): AsyncIterable<string>;
}

export interface SummaryInput {
  task: SummaryTask;
  /** The page as the prompts name it; for a selection, its text is the selection. */
  page: PageContent;
  text: string;
  style: SummaryStyle;
  lang: string;
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

function summarizerOptions(style: SummaryStyle, lang: string): SummarizerOptions {
  const shape: Pick<SummarizerOptions, 'type' | 'length'> =
    style === 'tldr' ? { type: 'tldr', length: 'short' } : style === 'detailed' ? { type: 'key-points', length: 'long' } : { type: 'key-points', length: 'medium' };
  return { ...shape, format: 'markdown', expectedInputLanguages: [lang], outputLanguage: lang };
}

async function summarizerEngine(input: SummaryInput, summarizer: SummarizerGlobal, run: OnDeviceRun): Promise<SummaryEngine> {
  const { signal, sessions } = run;
  const contexts = summaryContexts(input);
  const answerOptions = summarizerOptions(input.style, input.lang);
  const answer: BuiltInSummarizer = sessions.add(await summarizer.create({ ...answerOptions, signal }));
  let notes: BuiltInSummarizer | undefined;
  const notesSummarizer = async (of: number): Promise<BuiltInSummarizer> => {
    if (notes) return notes;
    // Shorter notes when there are many parts, so that the combined notes fit one request.
    const options: SummarizerOptions = { ...answerOptions, type: 'key-points', length: of <= 4 ? 'medium' : 'short' };
    const availability = await summarizer.availability(options);
    if (availability !== 'available') throw blockedFailure([availability], []);
    notes = sessions.add(await summarizer.create({ ...options, signal }));
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

async function languageModelSummaryEngine(input: SummaryInput, global: LanguageModelGlobal, run: OnDeviceRun): Promise<SummaryEngine> {
  const { page, style, task } = input;
  const { signal, sessions } = run;
  const options = languageModelOptions([input.lang], input.lang);
  const wholeRequest = (text: string) =>
    task.kind === 'summarize-page' ? buildSummarizePageRequest({ ...page, text }, style) : buildSummarizeSelectionRequest(page, text, style);
  const system = wholeRequest('').system ?? '';
  const initialPrompts: LanguageModelMessage[] = [{ role: 'system', content: system }];
  const answer = await createLanguageModel(global, options, initialPrompts, run);
  const window = windowOf(answer);
  const reserve = Math.min(summaryStyleInstructions(style, 'page', '3 to 7').maxOutputTokens, Math.floor(window / 4));
  const room = window - (await usedBy(answer, initialPrompts)) - reserve;
  const userText = (request: { messages: { content: string }[] }): string => request.messages.at(-1)?.content ?? '';
  const partRequest = (text: string, part: number, of: number) => buildPartSummaryRequest(page, text, part, of, 600);
  const combineRequest = (notes: readonly string[], fraction: number) => buildCombineRequest(page, notes, { fraction }, style);
  /** A fresh session per request: each has its own system prompt, and no earlier part crowds its context. */
  const once = async (request: { system?: string; messages: { content: string }[] }) => {
    const session = await createLanguageModel(global, options, [{ role: 'system', content: request.system ?? '' }], run);
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

/** The Summarizer when it can answer now in the text's language, else the Prompt API; why neither can, in plain words. */
export async function chooseSummaryEngine(input: SummaryInput, run: OnDeviceRun): Promise<SummaryEngine> {
  const { ai, signal } = run;
  const { lang, style } = input;
  const inEnglish = usesOtherThanEnglish([lang]);
  const [summarizer, languageModel] = await Promise.all([
    probe(ai.Summarizer, summarizerOptions(style, lang), inEnglish ? summarizerOptions(style, 'en') : undefined),
    probe(ai.LanguageModel, languageModelOptions([lang], lang), inEnglish ? englishLanguageModelOptions() : undefined),
  ]);
  throwIfAborted(signal);
  if (summarizer === 'available' && ai.Summarizer) return summarizerEngine(input, ai.Summarizer, run);
  if (languageModel === 'available' && ai.LanguageModel) return languageModelSummaryEngine(input, ai.LanguageModel, run);
  throw blockedFailure(blockersOf([summarizer, languageModel]), [lang]);
}
