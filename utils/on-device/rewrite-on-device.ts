// On-device rewrites: the Rewriter API for the styles it covers, else the Prompt API with the cloud's rewrite prompt.
import type { RewriteStyle, TaskRequest } from '../jobs/task';
import type { RouterStreamPart } from '../llm/types';
import { buildRewriteSelectionRequest } from '../prompts/rewrite-selection';
import type { LanguageModelMessage, RewriterOptions } from './built-in-ai';
import { failure, throwIfAborted } from './on-device-errors';
import { baseLanguage, blockedFailure, blockersOf, englishLanguageModelOptions, languageModelOptions, probe, usesOtherThanEnglish } from './on-device-languages';
import { createLanguageModel, measureLm, readDeltas, textDeltas, usedBy, windowOf, type OnDeviceRun } from './on-device-sessions';

type RewriteTask = Extract<TaskRequest, { kind: 'rewrite-selection' }>;

/** The rewrite styles the Rewriter API covers with its own options; the others go to the Prompt API. */
const REWRITER_STYLES: Partial<Record<RewriteStyle, Pick<RewriterOptions, 'tone' | 'length'>>> = {
  shorter: { length: 'shorter' },
  longer: { length: 'longer' },
  formal: { tone: 'more-formal' },
  casual: { tone: 'more-casual' },
};

export async function* rewriteOnDevice(task: RewriteTask, run: OnDeviceRun): AsyncGenerator<RouterStreamPart> {
  const { ai, signal, sessions, uiLanguage } = run;
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
    yield* textDeltas(readDeltas(session.rewriteStreaming(task.selection, { signal }), signal));
    return;
  }
  if (languageModel !== 'available' || !ai.LanguageModel) throw blockedFailure(blockersOf([rewriter, languageModel]), languages);
  const request = buildRewriteSelectionRequest(task);
  const initialPrompts: LanguageModelMessage[] = [{ role: 'system', content: request.system ?? '' }];
  const session = await createLanguageModel(ai.LanguageModel, languageModelOptions(inputs, output), initialPrompts, run);
  const prompt = request.messages.at(-1)?.content ?? '';
  const room = windowOf(session) - (await usedBy(session, initialPrompts));
  // The rewrite is about as long as the text: both must fit the context.
  if ((await measureLm(session, prompt)) * 2 > room) throw failure('context-too-long', 'The selection is too long for on-device AI.');
  yield* textDeltas(readDeltas(session.promptStreaming(prompt, { signal }), signal));
}
