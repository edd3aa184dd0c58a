// The browser's built-in AI (Chrome's Summarizer, Prompt (LanguageModel) and Rewriter APIs) as Lifeline uses it:
// only the slice of each global we call, so tests can hand in a fake that models availability, downloads and quotas.

export type BuiltInAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}

interface CreateCommon {
  signal?: AbortSignal;
  monitor?: (monitor: DownloadMonitor) => void;
}

export interface SummarizerOptions {
  type?: 'key-points' | 'tldr' | 'teaser' | 'headline';
  format?: 'markdown' | 'plain-text';
  length?: 'short' | 'medium' | 'long';
  sharedContext?: string;
  expectedInputLanguages?: string[];
  outputLanguage?: string;
}

export interface BuiltInSummarizer {
  readonly inputQuota: number;
  measureInputUsage(text: string, options?: { context?: string }): Promise<number>;
  summarize(text: string, options?: { context?: string; signal?: AbortSignal }): Promise<string>;
  summarizeStreaming(text: string, options?: { context?: string; signal?: AbortSignal }): ReadableStream<string>;
  destroy(): void;
}

export interface SummarizerGlobal {
  availability(options?: SummarizerOptions): Promise<BuiltInAvailability>;
  create(options?: SummarizerOptions & CreateCommon): Promise<BuiltInSummarizer>;
}

export interface LanguageModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LanguageModelOptions {
  initialPrompts?: LanguageModelMessage[];
  expectedInputs?: { type: 'text'; languages?: string[] }[];
  expectedOutputs?: { type: 'text'; languages?: string[] }[];
}

export interface BuiltInLanguageModel {
  /** Chrome 2026 names; older builds call them inputQuota and measureInputUsage. */
  readonly contextWindow?: number;
  readonly inputQuota?: number;
  measureContextUsage?(input: string): Promise<number>;
  measureInputUsage?(input: string): Promise<number>;
  prompt(input: string, options?: { signal?: AbortSignal }): Promise<string>;
  promptStreaming(input: string, options?: { signal?: AbortSignal }): ReadableStream<string>;
  destroy(): void;
}

export interface LanguageModelGlobal {
  availability(options?: LanguageModelOptions): Promise<BuiltInAvailability>;
  create(options?: LanguageModelOptions & CreateCommon): Promise<BuiltInLanguageModel>;
}

export interface RewriterOptions {
  tone?: 'more-formal' | 'as-is' | 'more-casual';
  format?: 'as-is' | 'markdown' | 'plain-text';
  length?: 'shorter' | 'as-is' | 'longer';
  sharedContext?: string;
  expectedInputLanguages?: string[];
  outputLanguage?: string;
}

export interface BuiltInRewriter {
  readonly inputQuota: number;
  measureInputUsage(text: string, options?: { context?: string }): Promise<number>;
  rewrite(text: string, options?: { context?: string; signal?: AbortSignal }): Promise<string>;
  rewriteStreaming(text: string, options?: { context?: string; signal?: AbortSignal }): ReadableStream<string>;
  destroy(): void;
}

export interface RewriterGlobal {
  availability(options?: RewriterOptions): Promise<BuiltInAvailability>;
  create(options?: RewriterOptions & CreateCommon): Promise<BuiltInRewriter>;
}

/** What this context exposes; any of them may be missing (other browsers, older Chrome, unsupported hardware). */
export interface BuiltInAi {
  Summarizer?: SummarizerGlobal;
  LanguageModel?: LanguageModelGlobal;
  Rewriter?: RewriterGlobal;
}

/** The built-in AI of the context this runs in (extension pages and, in Chrome 138+, the service worker). */
export function builtInAiOfThisContext(scope: object = globalThis): BuiltInAi {
  const globals = scope as Partial<Record<keyof BuiltInAi, unknown>>;
  return {
    ...(globals.Summarizer ? { Summarizer: globals.Summarizer as SummarizerGlobal } : {}),
    ...(globals.LanguageModel ? { LanguageModel: globals.LanguageModel as LanguageModelGlobal } : {}),
    ...(globals.Rewriter ? { Rewriter: globals.Rewriter as RewriterGlobal } : {}),
  };
}
