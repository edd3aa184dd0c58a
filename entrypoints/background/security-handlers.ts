// Passphrase lock and settings file messages: the lock state for any Lifeline surface, the rest for its own pages only.
import type { KeyAccess } from '@/utils/security/key-access';
import { exportSettingsFile } from '@/utils/settings-transfer/export-settings';
import { importSettingsFile, mergeImportedSettings } from '@/utils/settings-transfer/import-settings';
import { changedProviderIds } from '@/utils/storage/provider-settings';
import { settingsItem } from '@/utils/storage/settings';
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

  serve('importSettings', async (data) => {
    const imported = await importSettingsFile(textOf(data?.json), { passphrase: textOf(data?.passphrase) });
    if (!imported.ok) return imported;
    // Which stored keys may stay depends on the stored keys: while they are locked the import cannot decide safely.
    const stored = await keyAccess.read();
    if (stored.status === 'locked') return { ok: false, problems: ['Unlock Lifeline first to import settings.'] };
    const before = await settingsItem.getValue();
    const merged = mergeImportedSettings({ settings: before, keys: stored.keys }, imported);
    // Keys first: if they cannot be written, nothing has changed.
    const written = await keyAccess.write(merged.keys);
    if (!written.ok) return { ok: false, problems: [written.message] };
    await settingsItem.setValue(merged.settings);
    await options.onProvidersChanged?.(changedProviderIds(before, stored.keys, merged.settings.providers, merged.keys));
    return { ok: true, summary: imported.summary };
  });
}
