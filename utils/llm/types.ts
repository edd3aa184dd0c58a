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

/** How long an entry may stay silent at each stage of an answer. */
export interface EntryTimeouts {
  /** Response headers must arrive within this time; otherwise the entry counts as silent. */
  headersMs: number;
  /** After the headers, the first text (or reasoning) must arrive within this time. */
  firstTokenMs: number;
  /** Once text flows, the longest silence between signs of life. */
  stallMs: number;
}

export const DEFAULT_TIMEOUTS: EntryTimeouts = { headersMs: 10_000, firstTokenMs: 10_000, stallMs: 10_000 };
/** Reasoning models think before they write, and local models load before they answer. */
export const PATIENT_TIMEOUTS: EntryTimeouts = { headersMs: 30_000, firstTokenMs: 60_000, stallMs: 30_000 };

/** One link of the fail-over chain: a provider endpoint, a model and a key. */
export interface ChainEntry {
  /** Stable id of the provider configuration this entry comes from. */
  id: string;
  kind: ProviderKind;
  /** Human name shown to the user, e.g. "Claude (work)". */
  name: string;
  baseURL: string;
  model: string;
  /** The key this attempt uses (one of `apiKeys` when the entry has a pool). */
  apiKey: string;
  /** Key pool: on a 429 or quota error the next key is tried and the exhausted one rests. */
  apiKeys?: string[];
  timeouts?: Partial<EntryTimeouts>;
  /** Context window in tokens, when known: decides whether a "context too long" failure may move here. */
  contextWindow?: number;
}

/** What the UI may know about an entry: never the key. */
/**
 * Where an answer came from, so every surface can say so: a cloud provider, a server on this computer, the browser's
 * built-in model, Lifeline's model-free summary, or a summary kept from an earlier answer.
 */
export type AnswerTier = 'cloud' | 'local' | 'on-device' | 'offline' | 'cache';

export interface EntryLabel {
  id: string;
  name: string;
  model: string;
  /** Absent means cloud (labels saved before tiers existed). */
  tier?: AnswerTier;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other';

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** What an adapter yields. An adapter never throws: failures end the stream as an `error` part. */
export type ProviderStreamPart =
  /** Response headers arrived: the first-token clock starts. */
  | { type: 'response-started' }
  /** Reasoning or a keep-alive ping: a sign of life, never answer text. */
  | { type: 'alive'; reasoning: boolean }
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
  /** Not tried for this request: resting after earlier failures, or disabled until the user acts. */
  skipped?: boolean;
}

/** The one stream the UI receives for a task. */
export type RouterStreamPart =
  /** An entry is being tried; `hedge` when it races a silent entry before that one failed. */
  | { type: 'attempt'; entry: EntryLabel; attempt: number; hedge?: boolean }
  | { type: 'text-delta'; text: string }
  /** The entry failed after output started: discard what was shown. */
  | { type: 'restart'; failure: EntryFailure }
  | {
      type: 'finish';
      finishReason: FinishReason;
      usage: TokenUsage;
      answeredBy: EntryLabel;
      failures: EntryFailure[];
      /** A kept summary answered (tier 'cache'): when it was made. */
      cachedAt?: number;
      /** No provider is set up: a local tier answered and the user is invited to add one. */
      noProviderConfigured?: boolean;
    }
  | { type: 'error'; error: LlmError; failures: EntryFailure[] }
  /** Nothing was sent: the user must first agree to send page text to these providers. */
  | { type: 'consent-required'; entries: EntryLabel[]; sends: 'page' | 'selection' }
  /** Nothing was sent: the page is long (above the user's threshold) and the user must confirm the job first. */
  | { type: 'confirm-required'; estimatedTokens: number; parts: number }
  /** A long page is read in parts: part `part` of `of` is being summarized (its summary is never answer text). */
  | { type: 'progress'; part: number; of: number }
  /** All parts were read; the combined answer follows. `fraction`: share of the page's characters the parts carried; `complete`: no part was left out. */
  | { type: 'coverage'; parts: number; fraction: number; complete: boolean };

export function resolveTimeouts(entry: Pick<ChainEntry, 'timeouts'>): EntryTimeouts {
  return { ...DEFAULT_TIMEOUTS, ...entry.timeouts };
}

/** A server on this computer (Ollama, LM Studio, a local gateway): its answers say so. */
export function isOnThisComputer(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

export function labelOf(entry: ChainEntry): EntryLabel {
  return { id: entry.id, name: entry.name, model: entry.model, ...(isOnThisComputer(entry.baseURL) ? { tier: 'local' as const } : {}) };
}
