// Writes the settings file (docs/settings.md): providers and preferences, and the keys only on request, sealed.
import { passphraseProblem, sealWithPassphrase } from '../security/passphrase-crypto';
import type { ProviderKeys } from '../storage/key-vault';
import type { Settings } from '../storage/settings';
import { SETTINGS_FILE_FORMAT, SETTINGS_FILE_VERSION, type SettingsFileV3 } from './settings-file-schema';

export interface ExportRequest {
  settings: Settings;
  /** Read only when `includeKeys` is set. */
  keys?: ProviderKeys;
  includeKeys: boolean;
  /** Seals the keys; required with `includeKeys`. */
  passphrase?: string;
  now?: Date;
}

export type ExportedSettings = { ok: true; json: string; fileName: string } | { ok: false; message: string };

export async function exportSettingsFile({ settings, keys, includeKeys, passphrase, now = new Date() }: ExportRequest): Promise<ExportedSettings> {
  const file: SettingsFileV3 = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    // Consent is not exported: it is given per browser, after seeing which provider gets what.
    settings: {
      providers: settings.providers,
      hedging: settings.hedging,
      neverSendSites: settings.neverSendSites,
      ...(settings.taskChains ? { taskChains: settings.taskChains } : {}),
      ...(settings.confirmAboveTokens !== undefined ? { confirmAboveTokens: settings.confirmAboveTokens } : {}),
    },
  };
  if (includeKeys) {
    if (!passphrase) return { ok: false, message: 'Enter a passphrase for the file: keys are exported only encrypted.' };
    const problem = passphraseProblem(passphrase);
    if (problem) return { ok: false, message: problem };
    const ids = new Set(settings.providers.map((provider) => provider.id));
    const ownKeys = Object.fromEntries(Object.entries(keys ?? {}).filter(([id, key]) => ids.has(id) && key));
    const sealed = await sealWithPassphrase(JSON.stringify(ownKeys), passphrase);
    if (!sealed.ok) return { ok: false, message: sealed.message };
    file.keys = sealed.box;
  }
  return { ok: true, json: `${JSON.stringify(file, null, 2)}\n`, fileName: settingsFileName(now) };
}

/** lifeline-settings-YYYY-MM-DD.json, in the user's own calendar. */
export function settingsFileName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `lifeline-settings-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
