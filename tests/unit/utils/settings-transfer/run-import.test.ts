import { describe, expect, it } from 'vitest';
import type { KeyReadResult, KeyWriteResult } from '@/utils/security/key-access';
import { previewSettingsImport, runSettingsImport, type ImportDependencies } from '@/utils/settings-transfer/run-import';
import type { ProviderKeys } from '@/utils/storage/key-vault';
import type { ProviderConfig, Settings } from '@/utils/storage/settings';
import { createSettingsStore } from '@/utils/storage/settings-store';

const GROQ: ProviderConfig = { id: 'groq-1', preset: 'groq', kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama', enabled: true };
const STORED: Settings = { providers: [GROQ], hedging: true, neverSendSites: [], consentedProviderIds: ['groq-1'] };
const STORED_KEYS = { 'groq-1': 'gsk-stored-key-abcd' };

/** A version 1 file for the same endpoint, without ids and without keys: what used to drop the stored key silently. */
const OLD_FILE = JSON.stringify({
  format: 'lifeline-settings',
  version: 1,
  settings: { providers: [{ kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama' }] },
});

function fakes(options: { locked?: boolean; writeFails?: boolean } = {}) {
  let settings = STORED;
  let keys: ProviderKeys = STORED_KEYS;
  const changed: string[][] = [];
  const deps: ImportDependencies = {
    store: createSettingsStore({
      getValue: async () => settings,
      setValue: async (value) => {
        settings = value;
      },
    }),
    keys: {
      read: async (): Promise<KeyReadResult> => (options.locked ? { status: 'locked' } : { status: 'ok', keys }),
      write: async (next): Promise<KeyWriteResult> => {
        if (options.writeFails) return { ok: false, message: 'The key store is full.' };
        keys = next;
        return { ok: true };
      },
    },
    onProvidersChanged: async (ids) => {
      changed.push(ids);
    },
    newId: () => 'from-old-file',
  };
  return { deps, changed, settings: () => settings, keys: () => keys };
}

describe('previewSettingsImport', () => {
  it('should list the key an old file would lose and write nothing', async () => {
    const { deps, settings, keys } = fakes();

    const preview = await previewSettingsImport(deps, { json: OLD_FILE });

    expect(preview).toMatchObject({ ok: true, keysAtRisk: [{ providerId: 'groq-1', keepable: true }] });
    expect(settings()).toBe(STORED);
    expect(keys()).toBe(STORED_KEYS);
  });

  it('should report the file problems, or locked keys, instead of a preview', async () => {
    const { deps } = fakes({ locked: true });

    const broken = await previewSettingsImport(deps, { json: '{ nope' });
    const locked = await previewSettingsImport(deps, { json: OLD_FILE });

    expect(broken).toEqual({ ok: false, problems: ['This file is not a Lifeline settings file: it is not JSON.'] });
    expect(locked).toEqual({ ok: false, problems: ['Unlock Lifeline first to import settings.'] });
  });
});

describe('runSettingsImport', () => {
  it('should keep the stored key for the same endpoint by default and say so', async () => {
    const { deps, settings, keys, changed } = fakes();

    const result = await runSettingsImport(deps, { json: OLD_FILE });

    expect(result).toEqual({ ok: true, summary: 'Imported 1 provider, hedged requests on, 0 never-send sites.', done: ['Kept your key for "Groq".'] });
    expect(settings().providers.map((provider) => provider.id)).toEqual(['from-old-file']);
    expect(keys()).toEqual({ 'from-old-file': STORED_KEYS['groq-1'] });
    expect(changed).toEqual([['groq-1', 'from-old-file']]);
  });

  it('should remove the key when the user chose to', async () => {
    const { deps, keys } = fakes();

    const result = await runSettingsImport(deps, { json: OLD_FILE, removeKeysOf: ['groq-1'] });

    expect(result).toMatchObject({ ok: true, done: ['Removed your key for "Groq".'] });
    expect(keys()).toEqual({});
  });

  it('should change nothing when the keys cannot be written', async () => {
    const { deps, settings, changed } = fakes({ writeFails: true });

    const result = await runSettingsImport(deps, { json: OLD_FILE });

    expect(result).toEqual({ ok: false, problems: ['The key store is full.'] });
    expect(settings()).toBe(STORED);
    expect(changed).toEqual([]);
  });

  it('should change nothing while the keys are locked', async () => {
    const { deps, settings } = fakes({ locked: true });

    const result = await runSettingsImport(deps, { json: OLD_FILE });

    expect(result).toEqual({ ok: false, problems: ['Unlock Lifeline first to import settings.'] });
    expect(settings()).toBe(STORED);
  });
});
