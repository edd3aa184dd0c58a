// Pure rules for editing providers: validation, key handling and the chain the router runs on.
import * as v from 'valibot';
import type { ChainEntry, EntryTimeouts, ProviderKind } from '../llm/types';
import { inferPreset, type PresetId } from '../providers/presets';
import type { ProviderKeys } from './key-vault';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, providerConfigSchema, type ProviderConfig, type Settings } from './settings-schema';

/** What the options page sees of a provider: everything but the key. */
export interface ProviderView extends ProviderConfig {
  hasKey: boolean;
  /** Last four characters of the first key, to tell keys apart. */
  keyHint?: string;
  /** One hint per key of the pool ('' for keys too short to hint at). */
  keyHints: string[];
  /** False when the endpoint needs a host permission the browser has not granted (filled in by the background). */
  hasPermission?: boolean;
  /** Set by the administrator's policy: shown, not editable. */
  managed?: boolean;
  /** Keys are sealed with a passphrase and not unlocked: hints are unknown until the user unlocks. */
  keysLocked?: boolean;
}

/** How the options page edits a key pool without ever holding the stored keys: keep one by position, or add one. */
export type KeyChange = { keep: number } | { value: string };

/** What the options page sends: without `keyChanges`, a non-empty `apiKey` replaces the pool and an empty one keeps it. */
export interface ProviderDraft {
  id?: string;
  preset?: PresetId;
  kind: ProviderKind;
  name: string;
  baseURL: string;
  model: string;
  apiKey?: string;
  keyChanges?: KeyChange[];
  enabled?: boolean;
  contextWindow?: number;
  timeouts?: Partial<EntryTimeouts>;
}

export interface DraftProblem {
  index: number;
  field: 'name' | 'baseURL' | 'model' | 'kind' | 'contextWindow' | 'timeouts' | 'keys';
  message: string;
}

export type SaveProvidersResult = { ok: true; providers: ProviderView[] } | { ok: false; problems: DraftProblem[] };

export const DEFAULT_BASE_URLS: Record<ProviderKind, string> = {
  anthropic: 'https://api.anthropic.com',
  'openai-compatible': 'https://api.openai.com/v1',
};

/** The last four characters of a key, to tell keys apart; '' for a key too short to hint at without giving it away. */
export const keyHintOf = (key: string): string => (key.length >= 8 ? key.slice(-4) : '');

export function toProviderViews(settings: Settings, keys: ProviderKeys): ProviderView[] {
  return settings.providers.map((provider) => {
    const pool = splitKeyPool(keys[provider.id]);
    const first = pool[0];
    return {
      ...provider,
      hasKey: pool.length > 0,
      keyHints: pool.map(keyHintOf),
      ...(first && keyHintOf(first) ? { keyHint: keyHintOf(first) } : {}),
    };
  });
}

/** The editor's words for each field (timeouts are typed in seconds there); the rules are the provider schema's. */
const DRAFT_MESSAGES: Record<Exclude<DraftProblem['field'], 'keys'>, string> = {
  kind: 'Choose a provider type.',
  name: 'Give the provider a name.',
  baseURL: 'Enter a base URL starting with https:// (or http:// for a local server).',
  model: 'Enter a model name.',
  contextWindow: 'The context window is a whole number of tokens above zero.',
  timeouts: `Timeouts are between ${MIN_TIMEOUT_MS / 1_000} and ${MAX_TIMEOUT_MS / 1_000} seconds.`,
};

const isDraftField = (key: unknown): key is keyof typeof DRAFT_MESSAGES => typeof key === 'string' && key in DRAFT_MESSAGES;

/** Checks each draft against the provider schema: one problem per field that breaks it, in the schema's field order. */
export function validateDrafts(drafts: readonly ProviderDraft[]): DraftProblem[] {
  return drafts.flatMap((draft, index) => {
    const candidate = { ...draft, id: draft.id ?? 'new', preset: draft.preset ?? 'custom', enabled: draft.enabled !== false };
    const parsed = v.safeParse(providerConfigSchema, candidate);
    if (parsed.success) return [];
    const fields = parsed.issues.map((issue) => issue.path?.[0]?.key).map((key) => (isDraftField(key) ? key : 'kind'));
    return [...new Set(fields)].map((field) => ({ index, field, message: DRAFT_MESSAGES[field] }));
  });
}

/** Applies drafts to the stored keys: new keys replace old ones, removed providers lose theirs. */
export function applyDrafts(
  drafts: readonly ProviderDraft[],
  currentKeys: ProviderKeys,
  newId: () => string,
): { providers: ProviderConfig[]; keys: ProviderKeys } {
  const keys: ProviderKeys = {};
  const providers = drafts.map((draft): ProviderConfig => {
    const id = draft.id ?? newId();
    const pool = nextKeyPool(draft, splitKeyPool(currentKeys[id]));
    if (pool.length > 0) keys[id] = pool.join('\n');
    const baseURL = draft.baseURL.trim().replace(/\/+$/, '');
    return {
      id,
      preset: draft.preset ?? inferPreset(draft.kind, baseURL),
      enabled: draft.enabled !== false,
      kind: draft.kind,
      name: draft.name.trim(),
      baseURL,
      model: draft.model.trim(),
      ...(draft.contextWindow !== undefined ? { contextWindow: draft.contextWindow } : {}),
      ...(draft.timeouts ? { timeouts: draft.timeouts } : {}),
    };
  });
  return { providers, keys };
}

/** The key pool a draft asks for, given the pool stored now. */
export function nextKeyPool(draft: ProviderDraft, current: readonly string[]): string[] {
  if (draft.keyChanges) {
    return draft.keyChanges
      .map((change) => ('keep' in change ? current[change.keep] : change.value.trim()))
      .filter((key): key is string => Boolean(key));
  }
  const typed = splitKeyPool(draft.apiKey);
  return typed.length > 0 ? typed : [...current];
}

/** Key text may hold several keys (a pool), one per line or separated by commas. */
export function splitKeyPool(keyText: string | undefined): string[] {
  return (keyText ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The enabled providers, in order, with their keys: what the router tries. */
export function buildChain(settings: Settings, keys: ProviderKeys): ChainEntry[] {
  return settings.providers.filter((provider) => provider.enabled).map((provider) => {
    const pool = splitKeyPool(keys[provider.id]);
    return {
      id: provider.id,
      kind: provider.kind,
      name: provider.name,
      baseURL: provider.baseURL,
      model: provider.model,
      apiKey: pool[0] ?? '',
      ...(pool.length > 1 ? { apiKeys: pool } : {}),
      ...(provider.contextWindow !== undefined ? { contextWindow: provider.contextWindow } : {}),
      ...(provider.timeouts ? { timeouts: provider.timeouts } : {}),
    };
  });
}

/** Providers the user changed (or removed) in this save: their health starts over. */
export function changedProviderIds(before: Settings, beforeKeys: ProviderKeys, after: readonly ProviderConfig[], afterKeys: ProviderKeys): string[] {
  const fingerprint = (provider: ProviderConfig | undefined, key: string | undefined): string => JSON.stringify([provider, key]);
  const ids = new Set([...before.providers.map((p) => p.id), ...after.map((p) => p.id)]);
  return [...ids].filter(
    (id) => fingerprint(before.providers.find((p) => p.id === id), beforeKeys[id]) !== fingerprint(after.find((p) => p.id === id), afterKeys[id]),
  );
}

/** A chain entry for a draft that may not be saved yet (Test, Load models): typed keys, else the stored ones. */
export function entryFromDraft(draft: ProviderDraft, keys: ProviderKeys): ChainEntry {
  const pool = nextKeyPool(draft, splitKeyPool(draft.id ? keys[draft.id] : undefined));
  return {
    id: draft.id ?? 'draft',
    kind: draft.kind,
    name: draft.name.trim() || 'This provider',
    baseURL: draft.baseURL.trim().replace(/\/+$/, ''),
    model: draft.model.trim(),
    apiKey: pool[0] ?? '',
    ...(draft.timeouts ? { timeouts: draft.timeouts } : {}),
  };
}
