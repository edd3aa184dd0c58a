// On-device chat: the Prompt API with the cloud's chat prompt; older turns and then page text give way until the model's own count fits.
import type { TaskRequest } from '../jobs/task';
import type { RouterStreamPart } from '../llm/types';
import { estimateTokens } from '../page/chunk-plan';
import { buildChatRequestWithin, CHAT_MAX_OUTPUT_TOKENS } from '../prompts/chat-about-page';
import type { BuiltInLanguageModel, LanguageModelMessage } from './built-in-ai';
import { failure, nameOf, throwIfAborted } from './on-device-errors';
import { baseLanguage, blockedFailure, englishLanguageModelOptions, languageModelOptions, probe, usesOtherThanEnglish } from './on-device-languages';
import { createLanguageModel, measureLm, readDeltas, textDeltas, usedBy, windowOf, type OnDeviceRun } from './on-device-sessions';

type ChatTask = Extract<TaskRequest, { kind: 'chat' }>;

/** Less of the page than this says nothing useful: the question goes without it. */
const MIN_PAGE_TOKENS = 50;
/** The model's count is asked at most this many times for a smaller share of the page. */
const MAX_PAGE_TRIES = 8;

/** The newest half of the turns, starting with a question. */
function newerHalf(turns: readonly LanguageModelMessage[]): LanguageModelMessage[] {
  const kept = turns.slice(Math.ceil(turns.length / 2));
  while (kept[0]?.role === 'assistant') kept.shift();
  return kept;
}

const questionOf = (turn: ReturnType<typeof buildChatRequestWithin>): string => turn.request.messages.at(-1)?.content ?? '';

export async function* chatOnDevice(task: ChatTask, run: OnDeviceRun): AsyncGenerator<RouterStreamPart> {
  const { ai, signal, sessions } = run;
  const pageLanguage = baseLanguage(task.pageContent?.lang ?? task.page.lang);
  const output = baseLanguage(run.uiLanguage) ?? 'en';
  const inputs = pageLanguage ? [pageLanguage] : [];
  const options = languageModelOptions(inputs, output);
  const languages = [...inputs, output];
  const state = await probe(ai.LanguageModel, options, usesOtherThanEnglish(languages) ? englishLanguageModelOptions() : undefined);
  throwIfAborted(signal);
  if (state !== 'available' || !ai.LanguageModel) throw blockedFailure([state === 'available' ? 'missing' : state], languages);
  const global = ai.LanguageModel;

  const build = (pageTokens: number) => buildChatRequestWithin(task, pageTokens);
  const wholePageTokens = estimateTokens(task.pageContent?.text ?? '');
  const full = build(wholePageTokens);
  const system = full.request.system ?? '';
  let earlier: LanguageModelMessage[] = full.request.messages.slice(0, -1).map(({ role, content }) => ({ role, content }));

  // The session holds the system prompt and the earlier turns; older turns go first when they leave too little room.
  let session: BuiltInLanguageModel | undefined;
  let room = 0;
  let bare = 0;
  for (;;) {
    const initialPrompts: LanguageModelMessage[] = [{ role: 'system', content: system }, ...earlier];
    try {
      session = await createLanguageModel(global, options, initialPrompts, run);
    } catch (cause) {
      if (nameOf(cause) === 'QuotaExceededError' && earlier.length > 0 && !signal.aborted) {
        earlier = newerHalf(earlier);
        continue;
      }
      throw cause;
    }
    const window = windowOf(session);
    room = window - (await usedBy(session, initialPrompts)) - Math.min(CHAT_MAX_OUTPUT_TOKENS, Math.floor(window / 4));
    bare = await measureLm(session, questionOf(build(0)));
    if (bare <= room) break;
    sessions.close(session);
    if (earlier.length === 0) throw failure('context-too-long', 'The question is too long for on-device AI.');
    earlier = newerHalf(earlier);
  }

  // As much of the page as the room leaves, measured by the model; each try keeps the share of the page that fitted the last.
  let turn = full;
  if (wholePageTokens > 0) {
    let pageTokens = wholePageTokens;
    for (let tries = 0; ; tries++) {
      throwIfAborted(signal);
      turn = build(pageTokens);
      const used = await measureLm(session, questionOf(turn));
      if (used <= room) break;
      const share = Math.min(0.9, (room - bare) / Math.max(1, used - bare));
      pageTokens = tries >= MAX_PAGE_TRIES || share <= 0 ? 0 : Math.floor(pageTokens * share);
      if (pageTokens < MIN_PAGE_TOKENS) {
        turn = build(0);
        break;
      }
    }
    if (turn.pageFraction < 1) yield { type: 'coverage', parts: 1, fraction: turn.pageFraction, complete: false };
  }
  yield* textDeltas(readDeltas(session.promptStreaming(questionOf(turn), { signal }), signal));
}
