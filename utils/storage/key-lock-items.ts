// Where passphrase-protected keys live: the sealed box on disk, the unlocked copy in memory for this browser session.
import { storage } from 'wxt/utils/storage';
import type { SealedBox, SealingKey } from '../security/passphrase-crypto';
import type { ProviderKeys } from './key-vault';

/** Present only while a passphrase protects the keys; then the plain key vault is empty. */
export const sealedKeysItem = storage.defineItem<SealedBox | null>('local:sealedKeys', {
  fallback: null,
  version: 1,
});

/**
 * The keys after unlocking, with the derived AES key that sealed them, so a saved change can be sealed again without
 * asking for the passphrase (and without keeping the passphrase itself). `storage.session` lives in memory only, is
 * dropped when the browser closes, and the background restricts it to trusted contexts (restrict-storage.ts).
 */
export interface UnlockedKeys {
  keys: ProviderKeys;
  sealingKey: SealingKey;
}

export const unlockedKeysItem = storage.defineItem<UnlockedKeys | null>('session:unlockedKeys', {
  fallback: null,
  version: 1,
});
