// Keeps keys and settings out of content scripts' reach (Chrome: storage.local and .session to trusted contexts).
import { browser } from 'wxt/browser';

type AreaWithAccessLevel = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

export async function restrictStorageToTrustedContexts(): Promise<void> {
  // Firefox can restrict only storage.session; there keys live in IndexedDB instead (see key-vault.ts).
  for (const area of [browser.storage.local, browser.storage.session] as unknown as AreaWithAccessLevel[]) {
    await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  }
}
