import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createKeyAccess, type KeyAccess } from '@/utils/security/key-access';
import { providerKeysItem, storageKeyVault } from '@/utils/storage/key-vault';
import { sealedKeysItem, unlockedKeysItem } from '@/utils/storage/key-lock-items';

// Key access always derives with the production count (600,000): each enable, unlock or disable costs ~0.2-1 s.
const PASSPHRASE = 'correct horse battery';
const KEYS = { p1: 'sk-ant-first-key', p2: 'sk-one\nsk-two' };

describe('key access', { timeout: 20_000 }, () => {
  let access: KeyAccess;

  beforeEach(async () => {
    fakeBrowser.reset();
    access = createKeyAccess({ vault: storageKeyVault, sealedItem: sealedKeysItem, unlockedItem: unlockedKeysItem });
    await storageKeyVault.writeAll(KEYS);
  });

  it('should read and write plain keys when no passphrase is set', async () => {
    await access.write({ p1: 'sk-new' });

    expect(await access.status()).toBe('none');
    expect(await access.read()).toEqual({ status: 'ok', keys: { p1: 'sk-new' } });
  });

  it('should seal the keys, empty the plain vault and stay unlocked when enabled', async () => {
    const result = await access.enable(PASSPHRASE);

    expect(result).toEqual({ ok: true, status: 'unlocked' });
    expect(await providerKeysItem.getValue()).toEqual({});
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('sk-ant-first-key');
    expect(await access.read()).toEqual({ status: 'ok', keys: KEYS });
  });

  it('should refuse a passphrase shorter than 8 characters and change nothing', async () => {
    const result = await access.enable('short');

    expect(result).toEqual({ ok: false, message: 'Use a passphrase of at least 8 characters.' });
    expect(await access.status()).toBe('none');
    expect(await providerKeysItem.getValue()).toEqual(KEYS);
  });

  it('should answer locked after lock, and give the keys back after unlocking', async () => {
    await access.enable(PASSPHRASE);

    const locked = await access.lock();
    const whileLocked = await access.read();
    const unlocked = await access.unlock(PASSPHRASE);

    expect(locked).toEqual({ ok: true, status: 'locked' });
    expect(whileLocked).toEqual({ status: 'locked' });
    expect(unlocked).toEqual({ ok: true, status: 'unlocked' });
    expect(await access.read()).toEqual({ status: 'ok', keys: KEYS });
  });

  it('should say so in plain words when the passphrase is wrong', async () => {
    await access.enable(PASSPHRASE);
    await access.lock();

    const result = await access.unlock('not the passphrase');

    expect(result).toEqual({ ok: false, message: 'That passphrase does not unlock your keys.' });
    expect(await access.status()).toBe('locked');
  });

  it('should refuse to write while locked, and re-seal writes while unlocked', async () => {
    await access.enable(PASSPHRASE);
    await access.write({ p1: 'sk-changed' });
    await access.lock();

    const refused = await access.write({ p1: 'sk-while-locked' });
    await access.unlock(PASSPHRASE);

    expect(refused).toEqual({ ok: false, message: 'Unlock Lifeline first: your keys are locked by a passphrase.' });
    expect(await access.read()).toEqual({ status: 'ok', keys: { p1: 'sk-changed' } });
    expect(await providerKeysItem.getValue()).toEqual({});
  });

  it('should put the keys back in the plain vault and remove the sealed box when disabled', async () => {
    await access.enable(PASSPHRASE);

    const result = await access.disable(PASSPHRASE);

    expect(result).toEqual({ ok: true, status: 'none' });
    expect(await providerKeysItem.getValue()).toEqual(KEYS);
    expect(await sealedKeysItem.getValue()).toBeNull();
    expect(await unlockedKeysItem.getValue()).toBeNull();
  });

  it('should keep the lock when disabling with a wrong passphrase', async () => {
    await access.enable(PASSPHRASE);

    const result = await access.disable('not the passphrase');

    expect(result).toEqual({ ok: false, message: 'That passphrase does not unlock your keys.' });
    expect(await access.status()).toBe('unlocked');
    expect(await providerKeysItem.getValue()).toEqual({});
  });

  it('should be locked in a new browser session, when the session copy is gone', async () => {
    await access.enable(PASSPHRASE);

    await fakeBrowser.storage.session.clear();

    expect(await access.status()).toBe('locked');
  });

  it('should refuse to set a second passphrase or to lock without one', async () => {
    const lockWithout = await access.lock();
    await access.enable(PASSPHRASE);

    const second = await access.enable('another passphrase');

    expect(lockWithout).toEqual({ ok: false, message: 'Your keys are not protected by a passphrase.' });
    expect(second).toMatchObject({ ok: false });
  });
});
