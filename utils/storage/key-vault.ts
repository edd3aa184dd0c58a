// Where API keys live: apart from settings, readable only by the background and the options page.
import { storage } from 'wxt/utils/storage';

export type ProviderKeys = Record<string, string>;

export interface KeyVault {
  readAll(): Promise<ProviderKeys>;
  writeAll(keys: ProviderKeys): Promise<void>;
}

/**
 * Chrome: `storage.local`, which the background restricts to trusted contexts at start-up
 * (`setAccessLevel`), so content scripts cannot read it at all.
 */
export const providerKeysItem = storage.defineItem<ProviderKeys>('local:providerKeys', {
  fallback: {},
  version: 1,
});

export const storageKeyVault: KeyVault = {
  readAll: () => providerKeysItem.getValue(),
  writeAll: (keys) => providerKeysItem.setValue(keys),
};

/**
 * Firefox lets content scripts read `storage.local`, so keys go to the extension origin's IndexedDB,
 * which no content script (running in the page's origin) can open.
 */
export function createIndexedDbKeyVault(idb: IDBFactory = indexedDB): KeyVault {
  const open = (): Promise<IDBDatabase> =>
    new Promise((resolve, reject) => {
      const request = idb.open('lifeline-keys', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('keys');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = action(db.transaction('keys', mode).objectStore('keys'));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  };
  return {
    readAll: async () => ((await run('readonly', (store) => store.get('all'))) as ProviderKeys | undefined) ?? {},
    writeAll: async (keys) => {
      await run('readwrite', (store) => store.put(keys, 'all'));
    },
  };
}

export function keyVaultForThisBrowser(): KeyVault {
  return import.meta.env.FIREFOX ? createIndexedDbKeyVault() : storageKeyVault;
}
