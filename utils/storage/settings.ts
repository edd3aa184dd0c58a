// The user's provider configuration and router preferences (no keys): one typed, versioned storage item.
import { storage } from 'wxt/utils/storage';
import type { EntryTimeouts, ProviderKind } from '../llm/types';

export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  name: string;
  baseURL: string;
  model: string;
  /** Context window in tokens, when known. */
  contextWindow?: number;
  /** Overrides of the default timeouts, e.g. longer for reasoning or local models. */
  timeouts?: Partial<EntryTimeouts>;
}

export interface Settings {
  /** Providers in fail-over order: the first healthy one answers. */
  providers: ProviderConfig[];
  /** Race the next provider when one stays silent longer than usual (costs an extra prompt, rarely). */
  hedging: boolean;
}

/** Version 1 had no router preferences. */
export interface SettingsV1 {
  providers: ProviderConfig[];
}

export const EMPTY_SETTINGS: Settings = { providers: [], hedging: true };

export function migrateSettingsV1(old: SettingsV1): Settings {
  return { providers: old.providers ?? [], hedging: true };
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: EMPTY_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsV1 },
});
