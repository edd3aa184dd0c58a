import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createIndexedDbKeyVault, providerKeysItem, storageKeyVault } from '@/utils/storage/key-vault';
import { settingsItem } from '@/utils/storage/settings';

describe('key vaults', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should keep keys in their own storage item, apart from settings', async () => {
    await storageKeyVault.writeAll({ p1: 'sk-one' });

    expect(await providerKeysItem.getValue()).toEqual({ p1: 'sk-one' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get('settings'))).not.toContain('sk-one');
  });

  it('should round-trip keys through IndexedDB for Firefox', async () => {
    const vault = createIndexedDbKeyVault(new IDBFactory());

    await vault.writeAll({ p1: 'sk-one', p2: 'sk-two' });

    expect(await vault.readAll()).toEqual({ p1: 'sk-one', p2: 'sk-two' });
  });

  it('should read an empty key set from a fresh IndexedDB', async () => {
    expect(await createIndexedDbKeyVault(new IDBFactory()).readAll()).toEqual({});
  });

  it('should migrate version 1 settings through every version without losing providers', async () => {
    const provider = { id: 'a', kind: 'anthropic' as const, name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'm' };
    await fakeBrowser.storage.local.set({ settings: { providers: [provider] }, settings$: { v: 1 } });

    await settingsItem.migrate();

    expect(await settingsItem.getValue()).toEqual({
      providers: [{ ...provider, preset: 'anthropic', enabled: true }],
      hedging: true,
      neverSendSites: [],
      consentedProviderIds: ['a'],
    });
  });

  it('should give empty settings on first run', async () => {
    expect(await settingsItem.getValue()).toEqual({ providers: [], hedging: true, neverSendSites: [], consentedProviderIds: [] });
  });

  it('should store settings under local:settings without any key field', async () => {
    const provider = { id: 'a', preset: 'anthropic' as const, enabled: true, kind: 'anthropic' as const, name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'm' };

    await settingsItem.setValue({ providers: [provider], hedging: true, neverSendSites: [], consentedProviderIds: [] });

    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { providers: [provider], hedging: true, neverSendSites: [], consentedProviderIds: [] } });
  });
});
