// The settings every job runs on are kept in memory between jobs, and forgotten as soon as anything they are made of
// changes: the settings item, or the keys (also where no storage event tells, as with Firefox's IndexedDB vault).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEffectiveSettings } from '@/entrypoints/background/effective-settings';
import type { KeyAccess, KeyReadResult } from '@/utils/security/key-access';
import type { ProviderKeys } from '@/utils/storage/key-vault';
import { settingsItem, type Settings } from '@/utils/storage/settings';

const PROVIDER = { id: 'a', preset: 'custom', kind: 'openai-compatible', name: 'A', baseURL: 'https://a.example/v1', model: 'a-1', enabled: true } as const;
const SETTINGS: Settings = { providers: [PROVIDER], hedging: true, neverSendSites: [], consentedProviderIds: [] };

/** Keys held in memory, like a vault that sends no change events; counts the reads. */
function memoryKeys(initial: ProviderKeys) {
  let keys = initial;
  const counted = { reads: 0 };
  const access: KeyAccess = {
    status: async () => 'none',
    read: async (): Promise<KeyReadResult> => {
      counted.reads++;
      return { status: 'ok', keys };
    },
    write: async (next) => {
      keys = next;
      return { ok: true };
    },
    enable: async () => ({ ok: true, status: 'unlocked' }),
    unlock: async () => ({ ok: true, status: 'unlocked' }),
    lock: async () => ({ ok: true, status: 'locked' }),
    disable: async () => ({ ok: true, status: 'none' }),
  };
  return { access, counted };
}

/** Lets storage change events (delivered asynchronously by the fake browser) arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('effective settings kept between jobs', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await settingsItem.setValue(SETTINGS);
  });

  it('should read settings and keys once for many jobs while nothing changes', async () => {
    const keys = memoryKeys({ a: 'sk-one' });
    const effective = createEffectiveSettings(keys.access);

    const first = await effective.load();
    const second = await effective.load();

    expect(second).toBe(first);
    expect(keys.counted.reads).toBe(1);
    expect(first.keys).toEqual({ a: 'sk-one' });
  });

  it('should read them again after the settings changed in storage', async () => {
    const effective = createEffectiveSettings(memoryKeys({ a: 'sk-one' }).access);
    await effective.load();

    await settingsItem.setValue({ ...SETTINGS, providers: [{ ...PROVIDER, model: 'a-2' }] });
    await settle();
    const after = await effective.load();

    expect(after.merged.settings.providers[0]?.model).toBe('a-2');
  });

  it('should read the keys again after a key write that no storage event announces', async () => {
    const effective = createEffectiveSettings(memoryKeys({ a: 'sk-one' }).access);
    await effective.load();

    await effective.keyAccess.write({ a: 'sk-two' });
    const after = await effective.load();

    expect(after.keys).toEqual({ a: 'sk-two' });
  });

  it('should keep unrelated storage writes (jobs, health, history) from clearing what it keeps', async () => {
    const keys = memoryKeys({ a: 'sk-one' });
    const effective = createEffectiveSettings(keys.access);
    await effective.load();

    await fakeBrowser.storage.local.set({ conversations: {}, usage: {} });
    await fakeBrowser.storage.session.set({ jobs: {}, health: {} });
    await settle();
    await effective.load();

    expect(keys.counted.reads).toBe(1);
  });
});
