// What answers after the user's providers, so "Summarize" always returns something and every surface says what:
// the browser's built-in model, then (summaries only) the kept summary of the same page, then the offline summary.
import { createLlmError, type LlmError } from '../llm/errors';
import type { EntryFailure, EntryLabel, RouterStreamPart } from '../llm/types';
import { extractiveSummary, offlineSummaryMarkdown } from '../offline/extractive-summary';
import type { BuiltInAi } from '../on-device/built-in-ai';
import { onDeviceStatus } from '../on-device/on-device-status';
import { ON_DEVICE_LABEL, runOnDevice } from '../on-device/run-on-device';
import type { SummaryCache } from './summary-cache';
import type { TaskRequest } from './task';

export const OFFLINE_LABEL: EntryLabel = { id: 'offline', name: 'Offline summary', model: 'extractive', tier: 'offline' };

export interface FallbackDeps {
  builtInAi?: () => BuiltInAi;
  summaryCache?: SummaryCache;
  uiLanguage?: () => string;
}

export interface FallbackContext {
  /** What failed before: the user's providers. */
  failures: EntryFailure[];
  /** No provider is set up at all. */
  noProvider: boolean;
}

/** Failures that another tier can make up for; the others (the user stopped, locked keys, a never-send site) end the job. */
export function fallsThrough(error: LlmError): boolean {
  return !['aborted', 'locked', 'site-blocked'].includes(error.kind);
}

/** The built-in API this task would use is ready (present, its model downloaded). */
async function onDeviceReady(ai: BuiltInAi, task: TaskRequest): Promise<boolean> {
  if (!ai.Summarizer && !ai.LanguageModel && !ai.Rewriter) return false;
  const status = await onDeviceStatus(ai).catch(() => undefined);
  if (!status) return false;
  const ready = (api: keyof typeof status): boolean => status[api] === 'available';
  switch (task.kind) {
    case 'summarize-page':
    case 'summarize-selection':
      return ready('summarizer') || ready('languageModel');
    case 'rewrite-selection':
      return ready('rewriter') || ready('languageModel');
    case 'chat':
      return ready('languageModel');
  }
}

/** The text a summary is made from: the page's, or the selection's. */
const sourceText = (task: TaskRequest): { text: string; lang?: string } | undefined => {
  if (task.kind === 'summarize-page') return { text: task.page.text, ...(task.page.lang ? { lang: task.page.lang } : {}) };
  if (task.kind === 'summarize-selection') return { text: task.selection, ...(task.page.lang ? { lang: task.page.lang } : {}) };
  return undefined;
};

export async function* fallbackTiers(task: TaskRequest, signal: AbortSignal, deps: FallbackDeps, context: FallbackContext): AsyncGenerator<RouterStreamPart> {
  let failures = context.failures;
  const flags = context.noProvider ? { noProviderConfigured: true } : {};

  const ai = deps.builtInAi?.() ?? {};
  if (await onDeviceReady(ai, task)) {
    let wrote = false;
    let failed: LlmError | undefined;
    for await (const part of runOnDevice(task, ai, signal, { uiLanguage: deps.uiLanguage?.() ?? 'en' })) {
      if (part.type === 'error') {
        failed = part.error;
        break;
      }
      if (part.type === 'finish') {
        yield { ...part, failures: [...failures, ...part.failures], ...flags };
        return;
      }
      if (part.type === 'text-delta') wrote = true;
      yield part;
    }
    if (signal.aborted || failed?.kind === 'aborted') {
      yield { type: 'error', error: createLlmError('aborted', 'Lifeline'), failures };
      return;
    }
    const failure: EntryFailure = { entry: ON_DEVICE_LABEL, error: failed ?? createLlmError('unknown', ON_DEVICE_LABEL.name) };
    failures = [...failures, failure];
    if (wrote) yield { type: 'restart', failure };
  }

  // Nothing more can answer: with no provider set up, say how to add one; else that no AI was reached.
  const nothingAnswered = (): RouterStreamPart => ({
    type: 'error',
    error: context.noProvider && failures.length === 0 ? createLlmError('no-provider', 'Lifeline') : createLlmError('unreachable', 'Lifeline'),
    failures,
  });
  const source = sourceText(task);
  if (!source) {
    yield nothingAnswered();
    return;
  }

  // The same page, unchanged since an AI summarized it: that summary, with its age and author.
  const cached = task.kind === 'summarize-page' ? await deps.summaryCache?.get(task.page.url, task.page.text).catch(() => undefined) : undefined;
  if (cached) {
    yield { type: 'attempt', entry: { ...cached.answeredBy, tier: 'cache' }, attempt: 1 };
    yield { type: 'text-delta', text: cached.text };
    yield { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: { ...cached.answeredBy, tier: 'cache' }, failures, cachedAt: cached.at, ...flags };
    return;
  }

  const summary = extractiveSummary(source.text, source.lang ? { lang: source.lang } : {});
  if (summary.sentences.length === 0) {
    yield nothingAnswered();
    return;
  }
  yield { type: 'attempt', entry: OFFLINE_LABEL, attempt: 1 };
  yield { type: 'text-delta', text: offlineSummaryMarkdown(summary) };
  yield { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: OFFLINE_LABEL, failures, ...flags };
}
