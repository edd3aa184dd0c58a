// Reads a settings file into Settings (and keys), reporting every problem; touches no storage.
import * as v from 'valibot';
import { parseProviderKeys } from '../security/key-access';
import { openWithPassphrase } from '../security/passphrase-crypto';
import type { ProviderKeys } from '../storage/key-vault';
import { describeIssue, migrateToCurrent, type ProviderConfig, type Settings } from '../storage/settings-schema';
import {
  SETTINGS_FILE_FORMAT,
  SETTINGS_FILE_VERSION,
  sealedBoxSchema,
  settingsFileSchemas,
} from './settings-file-schema';

/** Settings files are a few kilobytes: anything far larger is not one, and parsing it would only stall the worker. */
export const MAX_SETTINGS_FILE_CHARS = 1_000_000;

export type ImportedSettings =
  | { ok: true; settings: Settings; keys?: ProviderKeys; summary: string }
  | { ok: false; problems: string[] };

export interface ImportOptions {
  passphrase?: string;
  /** Ids for providers of version 1 or 2 files that had none. */
  newId?: () => string;
}

/** Consent is given per browser: imported settings arrive with none (see `mergeImportedSettings`). */
export async function importSettingsFile(json: string, options: ImportOptions = {}): Promise<ImportedSettings> {
  if (json.length > MAX_SETTINGS_FILE_CHARS) return refused('This file is too large to be a Lifeline settings file.');
  let file: unknown;
  try {
    file = JSON.parse(json);
  } catch {
    return refused('This file is not a Lifeline settings file: it is not JSON.');
  }
  if (!isRecord(file) || file.format !== SETTINGS_FILE_FORMAT) {
    return refused(`This is not a Lifeline settings file: its "format" should be "${SETTINGS_FILE_FORMAT}".`);
  }
  const version = file.version;
  if (version !== 1 && version !== 2 && version !== 3) {
    return refused(
      typeof version === 'number' && version > SETTINGS_FILE_VERSION
        ? `version: this file comes from a newer Lifeline (version ${version}); update Lifeline to import it.`
        : 'version: Lifeline does not know this version of the settings file.',
    );
  }

  const problems = duplicateIdProblems(file);
  const parsed = v.safeParse(settingsFileSchemas[version], file);
  if (!parsed.success) problems.push(...parsed.issues.map(describeFileIssue));
  const keys = await openKeys(file.keys, options.passphrase, problems);
  if (!parsed.success || problems.length > 0) return { ok: false, problems };

  const settings = toCurrentSettings(parsed.output, options.newId ?? (() => crypto.randomUUID()));
  const ids = new Set(settings.providers.map((provider) => provider.id));
  const providerKeys = keys && Object.fromEntries(Object.entries(keys).filter(([id, key]) => ids.has(id) && key));
  return {
    ok: true,
    settings,
    ...(providerKeys ? { keys: providerKeys } : {}),
    summary: summarize(settings, providerKeys),
  };
}

/**
 * Applies imported settings over the current ones. A provider counts as the same only when its id, kind and base URL
 * are unchanged: only then does it keep its consent and its stored keys, so a file cannot redirect a key (or page
 * text) to another endpoint under a known id. Keys in the file win over stored ones.
 */
export function mergeImportedSettings(
  current: { settings: Settings; keys: ProviderKeys },
  imported: { settings: Settings; keys?: ProviderKeys },
): { settings: Settings; keys: ProviderKeys } {
  const unchangedIds = new Set(
    imported.settings.providers
      .filter((provider) => current.settings.providers.some((known) => sameEndpoint(known, provider)))
      .map((provider) => provider.id),
  );
  const keptKeys = Object.fromEntries(Object.entries(current.keys).filter(([id]) => unchangedIds.has(id)));
  return {
    settings: {
      ...imported.settings,
      consentedProviderIds: current.settings.consentedProviderIds.filter((id) => unchangedIds.has(id)),
    },
    keys: { ...keptKeys, ...imported.keys },
  };
}

function sameEndpoint(a: ProviderConfig, b: ProviderConfig): boolean {
  return a.id === b.id && a.kind === b.kind && a.baseURL.replace(/\/+$/, '') === b.baseURL.replace(/\/+$/, '');
}

type ParsedFile = v.InferOutput<(typeof settingsFileSchemas)[keyof typeof settingsFileSchemas]>;

/** Through the migration chain storage uses; consent in a file is never trusted (it is given per browser). */
function toCurrentSettings(file: ParsedFile, newId: () => string): Settings {
  return { ...migrateToCurrent(file, newId), consentedProviderIds: [] };
}

/** Decrypts the file's keys, adding a problem when that is not possible. */
async function openKeys(sealed: unknown, passphrase: string | undefined, problems: string[]): Promise<ProviderKeys | undefined> {
  if (sealed === undefined) return undefined;
  // A malformed box is already reported by the file's schema.
  const box = v.safeParse(sealedBoxSchema, sealed);
  if (!box.success) return undefined;
  if (!passphrase) {
    problems.push('keys: this file holds encrypted API keys; enter the file passphrase to import them.');
    return undefined;
  }
  const opened = await openWithPassphrase(box.output, passphrase);
  if (!opened.ok) {
    problems.push(
      opened.reason === 'wrong-passphrase'
        ? 'keys: that passphrase does not open the keys in this file.'
        : 'keys: the encrypted keys in this file are damaged.',
    );
    return undefined;
  }
  const keys = parseProviderKeys(opened.plaintext);
  if (!keys) problems.push('keys: the encrypted keys in this file are damaged.');
  return keys;
}

/** Ids must be unique: a second provider with the same id would share the first one's keys and health. */
function duplicateIdProblems(file: Record<string, unknown>): string[] {
  const providers = isRecord(file.settings) && Array.isArray(file.settings.providers) ? file.settings.providers : [];
  const seen = new Set<unknown>();
  const problems: string[] = [];
  providers.forEach((provider: unknown, index) => {
    const id = isRecord(provider) && typeof provider.id === 'string' ? provider.id.trim() : undefined;
    if (!id) return;
    if (seen.has(id)) problems.push(`providers[${index}].id: another provider already uses the id "${id}"`);
    seen.add(id);
  });
  return problems;
}

/** The path inside `settings` ("providers[1].baseURL: …"), or from the top of the file for other fields. */
function describeFileIssue(issue: v.BaseIssue<unknown>): string {
  return describeIssue(issue).replace(/^settings\./, '');
}

function summarize(settings: Settings, keys: ProviderKeys | undefined): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const parts = [
    count(settings.providers.length, 'provider', 'providers'),
    `hedged requests ${settings.hedging ? 'on' : 'off'}`,
    count(settings.neverSendSites.length, 'never-send site', 'never-send sites'),
  ];
  if (keys) parts.push(`keys for ${count(Object.keys(keys).length, 'provider', 'providers')}`);
  return `Imported ${parts.join(', ')}.`;
}

function refused(problem: string): ImportedSettings {
  return { ok: false, problems: [problem] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
