// Shared types of the LLM layer: requests, chain entries, adapter parts and the router's stream.
import type { LlmError } from './errors';

export type ProviderKind = 'anthropic' | 'openai-compatible';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  system?: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
}

/** One link of the fail-over chain: a provider endpoint, a model and a key. */
export interface ChainEntry {
  /** Stable id of the provider configuration this entry comes from. */
  id: string;
  kind: ProviderKind;
  /** Human name shown to the user, e.g. "Claude (work)". */
  name: string;
  baseURL: string;
  model: string;
  apiKey: string;
  /** Response headers must arrive within this time; otherwise the entry counts as silent. */
  headerTimeoutMs?: number;
}

/** What the UI may know about an entry: never the key. */
export interface EntryLabel {
  id: string;
  name: string;
  model: string;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other';

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** What an adapter yields. An adapter never throws: failures end the stream as an `error` part. */
export type ProviderStreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; usage: TokenUsage }
  | { type: 'error'; error: LlmError };

export interface StreamOptions {
  signal: AbortSignal;
}

export interface ProviderAdapter {
  stream(request: LlmRequest, options: StreamOptions): AsyncIterable<ProviderStreamPart>;
}

export interface EntryFailure {
  entry: EntryLabel;
  error: LlmError;
}

/** The one stream the UI receives for a task. */
export type RouterStreamPart =
  | { type: 'attempt'; entry: EntryLabel; attempt: number }
  | { type: 'text-delta'; text: string }
  /** The entry failed after output started: discard what was shown. */
  | { type: 'restart'; failure: EntryFailure }
  | {
      type: 'finish';
      finishReason: FinishReason;
      usage: TokenUsage;
      answeredBy: EntryLabel;
      failures: EntryFailure[];
    }
  | { type: 'error'; error: LlmError; failures: EntryFailure[] };

export function labelOf(entry: ChainEntry): EntryLabel {
  return { id: entry.id, name: entry.name, model: entry.model };
}
