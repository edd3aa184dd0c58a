// Passphrase lock and settings file messages: the lock state for any Lifeline surface, the rest for its own pages only.
import type { KeyAccess } from '@/utils/security/key-access';
import { exportSettingsFile } from '@/utils/settings-transfer/export-settings';
import { previewSettingsImport, runSettingsImport, type ImportDependencies, type ImportRequest } from '@/utils/settings-transfer/run-import';
import { settingsItem } from '@/utils/storage/settings';
import { settingsStore } from '@/utils/storage/settings-store';
import { noPayloadSchema } from '@/utils/messaging/message-schemas';
import { serve } from './serve';

export interface SecurityHandlerOptions {
  /** Called after an import with the providers it added, changed or removed (e.g. to reset their health). */
  onProvidersChanged?: (providerIds: string[]) => Promise<void>;
}

export function registerSecurityHandlers(keyAccess: KeyAccess, options: SecurityHandlerOptions = {}): void {
  const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

  serve('getLockState', () => keyAccess.status(), { schema: noPayloadSchema });

  serve('enableLock', async (data) => {
    return keyAccess.enable(textOf(data?.passphrase));
  });

  serve('unlock', async (data) => {
    return keyAccess.unlock(textOf(data?.passphrase));
  });

  serve('lockNow', async (data) => {
    return keyAccess.lock();
  });

  serve('disableLock', async (data) => {
    return keyAccess.disable(textOf(data?.passphrase));
  });

  serve('exportSettings', async (data) => {
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

  serve('previewSettingsImport', async (data) => {
    return previewSettingsImport(importDependencies, importRequest(data));
  });

  serve('importSettings', async (data) => {
    return runSettingsImport(importDependencies, importRequest(data));
  });
}
