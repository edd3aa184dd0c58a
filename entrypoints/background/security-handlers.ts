// Passphrase lock and settings file messages: the lock state for any Lifeline surface, the rest for its own pages only.
import { browser } from 'wxt/browser';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtension, isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import type { KeyAccess } from '@/utils/security/key-access';
import { exportSettingsFile } from '@/utils/settings-transfer/export-settings';
import { importSettingsFile, mergeImportedSettings } from '@/utils/settings-transfer/import-settings';
import { changedProviderIds } from '@/utils/storage/provider-settings';
import { settingsItem } from '@/utils/storage/settings';
import { settingsStore } from '@/utils/storage/settings-store';

export interface SecurityHandlerOptions {
  /** Called after an import with the providers it added, changed or removed (e.g. to reset their health). */
  onProvidersChanged?: (providerIds: string[]) => Promise<void>;
}

export function registerSecurityHandlers(keyAccess: KeyAccess, options: SecurityHandlerOptions = {}): void {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const assertOwnPage = (sender: { id?: string; url?: string }): void => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      throw new Error('Only Lifeline settings may manage the passphrase or settings files.');
    }
  };
  const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

  onMessage('getLockState', async ({ sender }) => {
    if (!isOwnExtension(sender, browser.runtime.id)) throw new Error('Only Lifeline may ask for its lock state.');
    return keyAccess.status();
  });

  onMessage('enableLock', async ({ sender, data }) => {
    assertOwnPage(sender);
    return keyAccess.enable(textOf(data?.passphrase));
  });

  onMessage('unlock', async ({ sender, data }) => {
    assertOwnPage(sender);
    return keyAccess.unlock(textOf(data?.passphrase));
  });

  onMessage('lockNow', async ({ sender }) => {
    assertOwnPage(sender);
    return keyAccess.lock();
  });

  onMessage('disableLock', async ({ sender, data }) => {
    assertOwnPage(sender);
    return keyAccess.disable(textOf(data?.passphrase));
  });

  onMessage('exportSettings', async ({ sender, data }) => {
    assertOwnPage(sender);
    const includeKeys = data?.includeKeys === true;
    const settings = await settingsItem.getValue();
    if (!includeKeys) return exportSettingsFile({ settings, includeKeys });
    const stored = await keyAccess.read();
    if (stored.status === 'locked') return { ok: false, message: 'Unlock Lifeline first to export keys.' };
    return exportSettingsFile({ settings, keys: stored.keys, includeKeys, passphrase: textOf(data?.passphrase) });
  });

  onMessage('importSettings', async ({ sender, data }) => {
    assertOwnPage(sender);
    const imported = await importSettingsFile(textOf(data?.json), { passphrase: textOf(data?.passphrase) });
    if (!imported.ok) return imported;
    let failure: string | undefined;
    let changed: string[] = [];
    await settingsStore.update(async (before) => {
      // Which stored keys may stay depends on the stored keys: while they are locked the import cannot decide safely.
      const stored = await keyAccess.read();
      if (stored.status === 'locked') {
        failure = 'Unlock Lifeline first to import settings.';
        return before;
      }
      const merged = mergeImportedSettings({ settings: before, keys: stored.keys }, imported);
      // Keys first: if they cannot be written, nothing has changed.
      const written = await keyAccess.write(merged.keys);
      if (!written.ok) {
        failure = written.message;
        return before;
      }
      changed = changedProviderIds(before, stored.keys, merged.settings.providers, merged.keys);
      return merged.settings;
    });
    if (failure) return { ok: false, problems: [failure] };
    await options.onProvidersChanged?.(changed);
    return { ok: true, summary: imported.summary };
  });
}
