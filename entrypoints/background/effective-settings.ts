// The settings everything runs on: the user's own, with the administrator's policy (storage.managed) laid over them.
import { browser } from 'wxt/browser';
import type { KeyAccess } from '@/utils/security/key-access';
import { mergeManaged, unmergeManaged, type MergedSettings } from '@/utils/storage/managed-merge';
import { readManagedPolicy, type LockableSetting, type ManagedPolicy } from '@/utils/storage/managed-settings';
import type { ProviderKeys } from '@/utils/storage/key-vault';
import { settingsItem, type Settings } from '@/utils/storage/settings';
import { settingsStore } from '@/utils/storage/settings-store';

export interface EffectiveSettings {
  /** The keys, through which every change also clears the settings kept in memory (use it, not the one given). */
  keyAccess: KeyAccess;
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

/** Stored values the merged settings are made of (the storage keys of settingsItem and the key items). */
const SETTINGS_KEYS = new Set(['settings', 'settings$', 'providerKeys', 'sealedKeys', 'unlockedKeys']);

export function createEffectiveSettings(keyAccess: KeyAccess): EffectiveSettings {
  let cached: Promise<ManagedPolicy> | undefined;
  // Every job reads the settings and keys: kept in memory until any of them changes (a job's path stays free of storage
  // round trips). Firefox keeps keys in IndexedDB, which sends no change events: every key write also writes the settings
  // or goes through save() below, and both clear this.
  let loaded: ReturnType<EffectiveSettings['load']> | undefined;
  const keys = forgetOnKeyChanges(keyAccess, () => {
    loaded = undefined;
  });
  const policy = (): Promise<ManagedPolicy> =>
    (cached ??= readManagedPolicy(browser).then((read) => {
      if (read.problems.length > 0) console.warn('Lifeline: parts of the administrator policy were ignored:', read.problems);
      return read;
    }));
  // Administrators can change the policy while the browser runs.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') cached = loaded = undefined;
    else if (Object.keys(changes).some((key) => SETTINGS_KEYS.has(key))) loaded = undefined;
  });

  const loadSettings = async (): Promise<MergedSettings> => {
    const [settings, current] = await Promise.all([settingsItem.getValue(), policy()]);
    return mergeManaged(settings, {}, current);
  };

  return {
    keyAccess: keys,
    policy,
    load() {
      loaded ??= (async () => {
        const [settings, stored, current] = await Promise.all([settingsItem.getValue(), keys.read(), policy()]);
        const userKeys = stored.status === 'ok' ? stored.keys : {};
        const merged = mergeManaged(settings, userKeys, current);
        return { merged, keys: stored.status === 'ok' ? merged.keys : undefined, keysLocked: stored.status === 'locked' };
      })();
      const reading = loaded;
      reading.catch(() => {
        if (loaded === reading) loaded = undefined;
      });
      return reading;
    },
    loadSettings,
    async save(change, editedKeys) {
      const current = await policy();
      await settingsStore.update(async (storedSettings) => {
        const stored = await keys.read();
        const storedKeys = stored.status === 'ok' ? stored.keys : {};
        const edited = change(mergeManaged(storedSettings, {}, current));
        const next = unmergeManaged({ settings: edited, keys: editedKeys ?? storedKeys }, { settings: storedSettings, keys: storedKeys }, current);
        if (editedKeys && stored.status === 'ok') {
          const written = await keys.write(next.keys);
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

/** `keyAccess` with `forget` called after each change it makes (writes, lock, unlock, passphrase on or off). */
export function forgetOnKeyChanges(keyAccess: KeyAccess, forget: () => void): KeyAccess {
  const after =
    <A extends unknown[], R>(change: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await change(...args);
      } finally {
        forget();
      }
    };
  return {
    status: () => keyAccess.status(),
    read: () => keyAccess.read(),
    write: after((next) => keyAccess.write(next)),
    enable: after((passphrase) => keyAccess.enable(passphrase)),
    unlock: after((passphrase) => keyAccess.unlock(passphrase)),
    lock: after(() => keyAccess.lock()),
    disable: after((passphrase) => keyAccess.disable(passphrase)),
  };
}
