// The settings everything runs on: the user's own, with the administrator's policy (storage.managed) laid over them.
import { browser } from 'wxt/browser';
import type { KeyAccess } from '@/utils/security/key-access';
import { mergeManaged, unmergeManaged, type MergedSettings } from '@/utils/storage/managed-merge';
import { readManagedPolicy, type LockableSetting, type ManagedPolicy } from '@/utils/storage/managed-settings';
import type { ProviderKeys } from '@/utils/storage/key-vault';
import { settingsItem, type Settings } from '@/utils/storage/settings';
import { settingsStore } from '@/utils/storage/settings-store';

export interface EffectiveSettings {
  policy(): Promise<ManagedPolicy>;
  /** Merged settings; `keys` is undefined while the keys are locked. */
  load(): Promise<{ merged: MergedSettings; keys: ProviderKeys | undefined; keysLocked: boolean }>;
  /** Merged settings without reading keys, for views that show no key (health, badge, preferences). */
  loadSettings(): Promise<MergedSettings>;
  /**
   * Saves a change made on top of the merge as stored at that moment, through the one settings queue: policy providers,
   * keys and locked settings are never stored.
   */
  save(change: (current: MergedSettings) => Settings, editedKeys: ProviderKeys | undefined): Promise<void>;
  isLocked(setting: LockableSetting): Promise<boolean>;
}

export function createEffectiveSettings(keyAccess: KeyAccess): EffectiveSettings {
  let cached: Promise<ManagedPolicy> | undefined;
  const policy = (): Promise<ManagedPolicy> =>
    (cached ??= readManagedPolicy(browser).then((read) => {
      if (read.problems.length > 0) console.warn('Lifeline: parts of the administrator policy were ignored:', read.problems);
      return read;
    }));
  // Administrators can change the policy while the browser runs.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') cached = undefined;
  });

  const loadSettings = async (): Promise<MergedSettings> => {
    const [settings, current] = await Promise.all([settingsItem.getValue(), policy()]);
    return mergeManaged(settings, {}, current);
  };

  return {
    policy,
    async load() {
      const [settings, stored, current] = await Promise.all([settingsItem.getValue(), keyAccess.read(), policy()]);
      const userKeys = stored.status === 'ok' ? stored.keys : {};
      const merged = mergeManaged(settings, userKeys, current);
      return { merged, keys: stored.status === 'ok' ? merged.keys : undefined, keysLocked: stored.status === 'locked' };
    },
    loadSettings,
    async save(change, editedKeys) {
      const current = await policy();
      await settingsStore.update(async (storedSettings) => {
        const stored = await keyAccess.read();
        const storedKeys = stored.status === 'ok' ? stored.keys : {};
        const edited = change(mergeManaged(storedSettings, {}, current));
        const next = unmergeManaged({ settings: edited, keys: editedKeys ?? storedKeys }, { settings: storedSettings, keys: storedKeys }, current);
        if (editedKeys && stored.status === 'ok') {
          const written = await keyAccess.write(next.keys);
          if (!written.ok) throw new Error(written.message);
        }
        return next.settings;
      });
    },
    async isLocked(setting) {
      return (await loadSettings()).locked.has(setting);
    },
  };
}
