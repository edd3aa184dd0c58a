// Settings import in two steps: a preview of what would change (nothing written), then the import with the user's choice.
import type { ImportPreviewResult, ImportResult } from '../messaging/protocol';
import type { KeyReadResult, KeyWriteResult } from '../security/key-access';
import type { ProviderKeys } from '../storage/key-vault';
import { changedProviderIds } from '../storage/provider-settings';
import type { SettingsStore } from '../storage/settings-store';
import { importSettingsFile } from './import-settings';
import { applyImport } from './import-plan';
import { previewImport } from './import-preview';

export interface ImportRequest {
  json: string;
  passphrase?: string;
  /** Stored provider ids whose keys the user agreed to lose, as the preview listed them. */
  removeKeysOf?: readonly string[];
}

export interface ImportDependencies {
  store: SettingsStore;
  keys: { read(): Promise<KeyReadResult>; write(keys: ProviderKeys): Promise<KeyWriteResult> };
  /** Called after an import with the providers it added, changed or removed (e.g. to reset their health). */
  onProvidersChanged?: (providerIds: string[]) => Promise<void>;
  /** Ids for providers of old files that had none. */
  newId?: () => string;
}

const LOCKED = 'Unlock Lifeline first to import settings.';

export async function previewSettingsImport(deps: ImportDependencies, request: ImportRequest): Promise<ImportPreviewResult> {
  const imported = await importSettingsFile(request.json, fileOptions(deps, request));
  if (!imported.ok) return imported;
  // Which stored keys would be lost depends on the stored keys: while they are locked the preview cannot tell.
  const [settings, stored] = await Promise.all([deps.store.read(), deps.keys.read()]);
  if (stored.status === 'locked') return { ok: false, problems: [LOCKED] };
  return { ok: true, ...previewImport({ current: { settings, keys: stored.keys }, imported }) };
}

/** Applies the file inside the settings queue, against the settings and keys as they are then; on any problem nothing changes. */
export async function runSettingsImport(deps: ImportDependencies, request: ImportRequest): Promise<ImportResult> {
  const imported = await importSettingsFile(request.json, fileOptions(deps, request));
  if (!imported.ok) return imported;
  let outcome: ImportResult = { ok: false, problems: [LOCKED] };
  let changed: string[] = [];
  await deps.store.update(async (before) => {
    const stored = await deps.keys.read();
    if (stored.status === 'locked') return before;
    const applied = applyImport({ current: { settings: before, keys: stored.keys }, imported }, request.removeKeysOf ?? []);
    if (!applied.ok) {
      outcome = applied;
      return before;
    }
    // Keys first: if they cannot be written, nothing has changed.
    const written = await deps.keys.write(applied.keys);
    if (!written.ok) {
      outcome = { ok: false, problems: [written.message] };
      return before;
    }
    changed = changedProviderIds(before, stored.keys, applied.settings.providers, applied.keys);
    outcome = { ok: true, summary: imported.summary, done: applied.done };
    return applied.settings;
  });
  if (outcome.ok) await deps.onProvidersChanged?.(changed);
  return outcome;
}

function fileOptions(deps: ImportDependencies, request: ImportRequest): { passphrase?: string; newId?: () => string } {
  return { ...(request.passphrase ? { passphrase: request.passphrase } : {}), ...(deps.newId ? { newId: deps.newId } : {}) };
}
