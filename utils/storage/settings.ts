// The user's provider configuration and router preferences (no keys): one typed, versioned storage item.
import { storage } from 'wxt/utils/storage';
import type { EntryTimeouts, ProviderKind } from '../llm/types';
import { inferPreset, type PresetId } from '../providers/presets';
import type { TaskChains } from './task-chains';

export interface ProviderConfig {
  id: string;
  preset: PresetId;
  kind: ProviderKind;
  name: string;
  baseURL: string;
  model: string;
  /** Switched off by the user: kept in the list, never called. */
  enabled: boolean;
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
  /** Host names whose pages are never sent to any provider (a name also covers its subdomains). */
  neverSendSites: string[];
  /** Providers the user agreed to send page text to, after being told which provider gets what. */
  consentedProviderIds: string[];
  /** Optional: which providers each task may use (e.g. a cheaper model for rewriting). */
  taskChains?: TaskChains;
  /** Optional: ask before summarizing a page estimated above this many input tokens (50,000 when absent). */
  confirmAboveTokens?: number;
}

type ProviderConfigV2 = Omit<ProviderConfig, 'preset' | 'enabled'>;

/** Version 1 had no router preferences. */
export interface SettingsV1 {
  providers: ProviderConfigV2[];
}

/** Version 2 had no presets, no enabled switch and no privacy settings. */
export interface SettingsV2 {
  providers: ProviderConfigV2[];
  hedging: boolean;
}

export const EMPTY_SETTINGS: Settings = { providers: [], hedging: true, neverSendSites: [], consentedProviderIds: [] };

export function migrateSettingsV1(old: SettingsV1): SettingsV2 {
  return { providers: old.providers ?? [], hedging: true };
}

export function migrateSettingsV2(old: SettingsV2): Settings {
  return {
    providers: (old.providers ?? []).map((provider) => ({ ...provider, preset: inferPreset(provider.kind, provider.baseURL), enabled: true })),
    hedging: old.hedging !== false,
    neverSendSites: [],
    // Providers set up before consent existed were chosen by the user for this purpose already.
    consentedProviderIds: (old.providers ?? []).map((provider) => provider.id),
  };
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: EMPTY_SETTINGS,
  version: 3,
  migrations: { 2: migrateSettingsV1, 3: migrateSettingsV2 },
});
