// The one way to API keys: plain in the key vault, or sealed with the user's passphrase and unlocked per browser session.
import type { LockResult, LockStatus } from '../messaging/protocol';
import type { KeyVault, ProviderKeys } from '../storage/key-vault';
import type { UnlockedKeys } from '../storage/key-lock-items';
import { openWithPassphrase, passphraseProblem, sealWithKey, sealWithPassphrase, type SealedBox } from './passphrase-crypto';

/** The parts of a WXT storage item that key access uses (a fake in tests would do too). */
export interface StoredValue<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
}

export type KeyReadResult = { status: 'ok'; keys: ProviderKeys } | { status: 'locked' };
export type KeyWriteResult = { ok: true } | { ok: false; message: string };

export interface KeyAccess {
  /** none: no passphrase; locked: sealed and not unlocked in this session; unlocked: sealed and usable. */
  status(): Promise<LockStatus>;
  read(): Promise<KeyReadResult>;
  /** Replaces every key; with a passphrase set, only while unlocked (sealed again with the same passphrase). */
  write(keys: ProviderKeys): Promise<KeyWriteResult>;
  /** Seals the plain keys with the passphrase and empties the plain vault; the session stays unlocked. */
  enable(passphrase: string): Promise<LockResult>;
  unlock(passphrase: string): Promise<LockResult>;
  /** Forgets the unlocked copy: keys are unusable until the passphrase is entered again. */
  lock(): Promise<LockResult>;
  /** Checks the passphrase, puts the keys back in the plain vault and removes the sealed box. */
  disable(passphrase: string): Promise<LockResult>;
}

export interface KeyAccessDependencies {
  vault: KeyVault;
  sealedItem: StoredValue<SealedBox | null>;
  unlockedItem: StoredValue<UnlockedKeys | null>;
}

const WRONG_PASSPHRASE = 'That passphrase does not unlock your keys.';
const NO_PASSPHRASE = 'Your keys are not protected by a passphrase.';
const LOCKED = 'Unlock Lifeline first: your keys are locked by a passphrase.';

export function createKeyAccess({ vault, sealedItem, unlockedItem }: KeyAccessDependencies): KeyAccess {
  // One operation at a time: an unlock racing a write must not seal stale keys or leave the vault half-emptied.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const statusNow = async (): Promise<LockStatus> => {
    if ((await sealedItem.getValue()) === null) return 'none';
    return (await unlockedItem.getValue()) === null ? 'locked' : 'unlocked';
  };

  /** Opens the sealed box; the keys and the key that sealed them, or the reason it failed. */
  const openSealed = async (
    passphrase: string,
  ): Promise<{ ok: true; unlocked: UnlockedKeys } | { ok: false; message: string }> => {
    const box = await sealedItem.getValue();
    if (box === null) return { ok: false, message: NO_PASSPHRASE };
    const opened = await openWithPassphrase(box, passphrase);
    if (!opened.ok) return { ok: false, message: opened.reason === 'wrong-passphrase' ? WRONG_PASSPHRASE : opened.message };
    const keys = parseProviderKeys(opened.plaintext);
    if (!keys) return { ok: false, message: 'The encrypted keys are damaged and cannot be opened.' };
    return { ok: true, unlocked: { keys, sealingKey: opened.sealingKey } };
  };

  return {
    status: () => serialized(statusNow),

    read: () =>
      serialized(async (): Promise<KeyReadResult> => {
        // Read together: this runs before every request, and each storage read is a round trip.
        const [sealed, plain, unlocked] = await Promise.all([sealedItem.getValue(), vault.readAll(), unlockedItem.getValue()]);
        if (sealed === null) return { status: 'ok', keys: plain };
        return unlocked === null ? { status: 'locked' } : { status: 'ok', keys: unlocked.keys };
      }),

    write: (keys) =>
      serialized(async (): Promise<KeyWriteResult> => {
        if ((await sealedItem.getValue()) === null) {
          await vault.writeAll(keys);
          return { ok: true };
        }
        const unlocked = await unlockedItem.getValue();
        if (unlocked === null) return { ok: false, message: LOCKED };
        await sealedItem.setValue(await sealWithKey(JSON.stringify(keys), unlocked.sealingKey));
        await unlockedItem.setValue({ ...unlocked, keys });
        return { ok: true };
      }),

    enable: (passphrase) =>
      serialized(async (): Promise<LockResult> => {
        if ((await sealedItem.getValue()) !== null) {
          return { ok: false, message: 'Your keys already have a passphrase. Remove it first to choose another.' };
        }
        const problem = passphraseProblem(passphrase);
        if (problem) return { ok: false, message: problem };
        const keys = await vault.readAll();
        const sealed = await sealWithPassphrase(JSON.stringify(keys), passphrase);
        if (!sealed.ok) return { ok: false, message: sealed.message };
        // Sealed copy first, plain copy last: an interruption leaves the keys readable, never lost.
        await sealedItem.setValue(sealed.box);
        await unlockedItem.setValue({ keys, sealingKey: sealed.sealingKey });
        await vault.writeAll({});
        return { ok: true, status: 'unlocked' };
      }),

    unlock: (passphrase) =>
      serialized(async (): Promise<LockResult> => {
        const opened = await openSealed(passphrase);
        if (!opened.ok) return opened;
        await unlockedItem.setValue(opened.unlocked);
        return { ok: true, status: 'unlocked' };
      }),

    lock: () =>
      serialized(async (): Promise<LockResult> => {
        if ((await sealedItem.getValue()) === null) return { ok: false, message: NO_PASSPHRASE };
        await unlockedItem.removeValue();
        return { ok: true, status: 'locked' };
      }),

    disable: (passphrase) =>
      serialized(async (): Promise<LockResult> => {
        const opened = await openSealed(passphrase);
        if (!opened.ok) return opened;
        // Plain copy first, sealed copy last: an interruption leaves the keys readable, never lost.
        await vault.writeAll(opened.unlocked.keys);
        await sealedItem.removeValue();
        await unlockedItem.removeValue();
        return { ok: true, status: 'none' };
      }),
  };
}

/** Keys as decrypted text: an object of strings, or undefined when the text is anything else. */
export function parseProviderKeys(text: string): ProviderKeys | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value);
    return entries.every(([, key]) => typeof key === 'string') ? (Object.fromEntries(entries) as ProviderKeys) : undefined;
  } catch {
    return undefined;
  }
}
