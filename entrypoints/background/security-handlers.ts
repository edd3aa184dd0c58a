// Passphrase lock and settings file messages: the lock state for any Lifeline surface, the rest for its own pages only.
import { browser } from 'wxt/browser';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtension, isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import type { KeyAccess } from '@/utils/security/key-access';
import { exportSettingsFile } from '@/utils/settings-transfer/export-settings';
import { previewSettingsImport, runSettingsImport, type ImportDependencies, type ImportRequest } from '@/utils/settings-transfer/run-import';
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

  const importDependencies: ImportDependencies = { store: settingsStore, keys: keyAccess, onProvidersChanged: options.onProvidersChanged };
  const importRequest = (data: { json?: unknown; passphrase?: unknown; removeKeysOf?: unknown } | undefined): ImportRequest => ({
    json: textOf(data?.json),
    passphrase: textOf(data?.passphrase),
    removeKeysOf: Array.isArray(data?.removeKeysOf) ? data.removeKeysOf.filter((id): id is string => typeof id === 'string') : [],
  });

  onMessage('previewSettingsImport', async ({ sender, data }) => {
    assertOwnPage(sender);
    return previewSettingsImport(importDependencies, importRequest(data));
  });

  onMessage('importSettings', async ({ sender, data }) => {
    assertOwnPage(sender);
    return runSettingsImport(importDependencies, importRequest(data));
  });
}
