// The one way to change the stored settings: read-modify-write through one queue, so writers never lose each other's changes.
import { createSerialQueue, type ValueItem } from './serial-writes';
import { settingsItem, type Settings } from './settings';

/** A change to the settings: given them as stored right now, returns the next ones (the same object: nothing to write). */
export type SettingsChange = (current: Settings) => Settings | Promise<Settings>;

export interface SettingsStore {
  read(): Promise<Settings>;
  /**
   * Runs `change` after every change queued before it and writes what it returns. A change may do its own related writes
   * first (keys); when it throws, the settings are left as they were and the error reaches the caller.
   */
  update(change: SettingsChange): Promise<Settings>;
}

export function createSettingsStore(item: ValueItem<Settings>): SettingsStore {
  const serial = createSerialQueue();
  return {
    read: () => item.getValue(),
    update: (change) =>
      serial(async () => {
        const current = await item.getValue();
        const next = await change(current);
        if (next !== current) await item.setValue(next);
        return next;
      }),
  };
}

/** Every writer in the background service worker shares this one store (and so its one queue). */
export const settingsStore = createSettingsStore(settingsItem);

/** Consent added for providers the user agreed to send page text to; ids that are not configured are ignored. */
export function withConsent(providerIds: readonly string[]): SettingsChange {
  return (settings) => {
    const known = new Set(settings.providers.map((provider) => provider.id));
    const added = providerIds.filter((id) => known.has(id) && !settings.consentedProviderIds.includes(id));
    if (added.length === 0) return settings;
    return { ...settings, consentedProviderIds: [...settings.consentedProviderIds, ...new Set(added)] };
  };
}
