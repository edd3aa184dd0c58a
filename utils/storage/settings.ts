// The user's provider configuration (no keys): one typed, versioned storage item.
import { storage } from 'wxt/utils/storage';
import type { ProviderKind } from '../llm/types';

export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  name: string;
  baseURL: string;
  model: string;
}

export interface Settings {
  /** Providers in fail-over order: the first healthy one answers. */
  providers: ProviderConfig[];
}

export const EMPTY_SETTINGS: Settings = { providers: [] };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: EMPTY_SETTINGS,
  version: 1,
});
