// The user's provider configuration and router preferences (no keys): one typed, versioned storage item.
import { storage } from 'wxt/utils/storage';
import { SETTINGS_VERSION, settingsMigrations, type Settings } from './settings-schema';

export type { ProviderConfig, Settings } from './settings-schema';

export const EMPTY_SETTINGS: Settings = { providers: [], hedging: true, neverSendSites: [], consentedProviderIds: [] };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: EMPTY_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
});
