// One on-device run's sessions and streams: every session destroyed when the run ends, streams cancelled on abort,
// the Prompt API's two naming generations (contextWindow / inputQuota) read alike.
import { estimateTokens } from '../page/chunk-plan';
import type { RouterStreamPart } from '../llm/types';
import type { BuiltInAi, BuiltInLanguageModel, LanguageModelGlobal, LanguageModelMessage, LanguageModelOptions } from './built-in-ai';
import { blockedFailure } from './on-device-languages';
import { throwIfAborted } from './on-device-errors';

interface Destroyable {
  destroy(): void;
}

/** Sessions of one run: every one is destroyed when the run ends, however it ends. */
export class Sessions {
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

/** What every step of one run shares. */
export interface OnDeviceRun {
  ai: BuiltInAi;
  signal: AbortSignal;
  sessions: Sessions;
  /** The browser's language (BCP 47): what a chat answer and a translation are written in. */
  uiLanguage: string;
}

/** Reads a *Streaming() result: each chunk is a delta. Cancels the stream when the signal aborts or the reader stops early. */
export async function* readDeltas(stream: ReadableStream<string>, signal: AbortSignal): AsyncGenerator<string> {
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

/** The deltas of an answer as the router's `text-delta` parts. */
export async function* textDeltas(deltas: AsyncIterable<string>): AsyncGenerator<RouterStreamPart> {
  for await (const delta of deltas) yield { type: 'text-delta', text: delta };
}

type SessionWithUsage = BuiltInLanguageModel & { readonly contextUsage?: number; readonly inputUsage?: number };

/** Tokens `text` takes in this session (the estimate when the browser cannot measure). */
export async function measureLm(session: BuiltInLanguageModel, text: string): Promise<number> {
  const measure = session.measureContextUsage ?? session.measureInputUsage;
  return measure ? measure.call(session, text) : estimateTokens(text);
}

export function windowOf(session: BuiltInLanguageModel): number {
  return session.contextWindow ?? session.inputQuota ?? Number.POSITIVE_INFINITY;
}

/** Tokens the session's initial prompts already take. */
export async function usedBy(session: BuiltInLanguageModel, initialPrompts: readonly LanguageModelMessage[]): Promise<number> {
  const withUsage = session as SessionWithUsage;
  const reported = withUsage.contextUsage ?? withUsage.inputUsage;
  if (typeof reported === 'number') return reported;
  let sum = 0;
  for (const message of initialPrompts) sum += await measureLm(session, message.content);
  return sum;
}

/** Creates a Prompt API session only when the model is there: create() on a 'downloadable' model would start a download. */
export async function createLanguageModel(
  global: LanguageModelGlobal,
  options: LanguageModelOptions,
  initialPrompts: LanguageModelMessage[],
  { signal, sessions }: OnDeviceRun,
): Promise<BuiltInLanguageModel> {
  const availability = await global.availability(options);
  throwIfAborted(signal);
  if (availability !== 'available') throw blockedFailure([availability], []);
  const session = await global.create({ ...options, initialPrompts, signal });
  return sessions.add(session);
}
