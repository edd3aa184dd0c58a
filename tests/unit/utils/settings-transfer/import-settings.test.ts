import { describe, expect, it } from 'vitest';
import { exportSettingsFile } from '@/utils/settings-transfer/export-settings';
import { importSettingsFile, mergeImportedSettings } from '@/utils/settings-transfer/import-settings';
import type { ProviderConfig, Settings } from '@/utils/storage/settings';

const CLAUDE: ProviderConfig = { id: 'a', preset: 'anthropic', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5', enabled: true };
const LOCAL: ProviderConfig = { id: 'b', preset: 'ollama', kind: 'openai-compatible', name: 'Local', baseURL: 'http://localhost:11434/v1', model: 'llama3.2', enabled: false, contextWindow: 8192, timeouts: { headersMs: 30_000, firstTokenMs: 60_000 } };
const SETTINGS: Settings = { providers: [CLAUDE, LOCAL], hedging: false, neverSendSites: ['bank.example'], consentedProviderIds: ['a', 'b'] };
const KEYS = { a: 'sk-ant-secret-key-1234', b: 'ollama-one\nollama-two' };
const PASSPHRASE = 'file passphrase';

async function exported(includeKeys: boolean): Promise<string> {
  const result = await exportSettingsFile({ settings: SETTINGS, keys: KEYS, includeKeys, ...(includeKeys ? { passphrase: PASSPHRASE } : {}) });
  if (!result.ok) throw new Error(result.message);
  return result.json;
}

function fileWith(settings: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'lifeline-settings', version: 3, exportedAt: '2025-03-07T09:30:00.000Z', settings, ...extra });
}

describe('importSettingsFile', () => {
  it('should round-trip an export without keys, with no consent carried over', async () => {
    const json = await exported(false);

    const result = await importSettingsFile(json);

    expect(result).toEqual({
      ok: true,
      settings: { ...SETTINGS, consentedProviderIds: [] },
      summary: 'Imported 2 providers, hedged requests off, 1 never-send site.',
    });
  });

  it('should round-trip an export with keys when given the file passphrase', { timeout: 10_000 }, async () => {
    const json = await exported(true);

    const result = await importSettingsFile(json, { passphrase: PASSPHRASE });

    expect(result).toMatchObject({ ok: true, keys: KEYS, summary: expect.stringContaining('keys for 2 providers') });
  });

  it('should refuse a file with keys and a wrong or missing passphrase', { timeout: 10_000 }, async () => {
    const json = await exported(true);

    const wrong = await importSettingsFile(json, { passphrase: 'not the passphrase' });
    const missing = await importSettingsFile(json);

    expect(wrong).toEqual({ ok: false, problems: ['keys: that passphrase does not open the keys in this file.'] });
    expect(missing).toEqual({ ok: false, problems: ['keys: this file holds encrypted API keys; enter the file passphrase to import them.'] });
  });

  it('should report every problem with its path', async () => {
    const json = fileWith({
      providers: [
        { ...CLAUDE, kind: 'gemini' },
        { ...LOCAL, id: 'a', baseURL: 'ftp://files.example', name: ' ', contextWindow: 0, timeouts: { stallMs: 100 } },
      ],
      hedging: 'yes',
      neverSendSites: ['bank.example', 'not a host'],
    });

    const result = await importSettingsFile(json);

    expect(result).toEqual({
      ok: false,
      problems: [
        'providers[1].id: another provider already uses the id "a"',
        'providers[0].kind: choose "anthropic" or "openai-compatible"',
        'providers[1].name: give the provider a name',
        'providers[1].baseURL: enter a URL starting with https:// (or http:// for a local server)',
        'providers[1].contextWindow: enter a whole number of tokens above zero',
        'providers[1].timeouts.stallMs: enter a whole number of milliseconds from 500 to 600000',
        'hedging: enter true or false',
        'neverSendSites[1]: enter a host name such as example.com',
      ],
    });
  });

  it('should refuse text that is not JSON, another format or an unknown version', async () => {
    const notJson = await importSettingsFile('{ nope');
    const otherFormat = await importSettingsFile(JSON.stringify({ format: 'something-else', version: 3 }));
    const newer = await importSettingsFile(JSON.stringify({ format: 'lifeline-settings', version: 9 }));

    expect(notJson).toEqual({ ok: false, problems: ['This file is not a Lifeline settings file: it is not JSON.'] });
    expect(otherFormat).toEqual({ ok: false, problems: ['This is not a Lifeline settings file: its "format" should be "lifeline-settings".'] });
    expect(newer).toEqual({ ok: false, problems: ['version: this file comes from a newer Lifeline (version 9); update Lifeline to import it.'] });
  });

  it('should migrate a version 1 file, giving ids to providers without one', async () => {
    const json = JSON.stringify({
      format: 'lifeline-settings',
      version: 1,
      settings: { providers: [{ kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1/', model: 'llama' }] },
    });

    const result = await importSettingsFile(json, { newId: () => 'new-id' });

    expect(result).toMatchObject({
      ok: true,
      settings: {
        providers: [{ id: 'new-id', preset: 'groq', kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama', enabled: true }],
        hedging: true,
        neverSendSites: [],
        consentedProviderIds: [],
      },
    });
  });

  it('should migrate a version 2 file, keeping its hedging choice', async () => {
    const json = JSON.stringify({
      format: 'lifeline-settings',
      version: 2,
      settings: { providers: [{ id: 'a', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'm' }], hedging: false },
    });

    const result = await importSettingsFile(json);

    expect(result).toEqual({
      ok: true,
      settings: {
        providers: [{ id: 'a', preset: 'anthropic', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'm', enabled: true }],
        hedging: false,
        neverSendSites: [],
        consentedProviderIds: [],
      },
      summary: 'Imported 1 provider, hedged requests off, 0 never-send sites.',
    });
  });

  it('should report problems of an old version with the same paths', async () => {
    const json = JSON.stringify({ format: 'lifeline-settings', version: 1, settings: { providers: [{ kind: 'anthropic', name: 'Claude', baseURL: 'api.anthropic.com' }] } });

    const result = await importSettingsFile(json);

    expect(result).toEqual({
      ok: false,
      problems: [
        'providers[0].baseURL: enter a URL starting with https:// (or http:// for a local server)',
        'providers[0].model: enter a model name',
      ],
    });
  });
});

describe('mergeImportedSettings', () => {
  it('should keep consent and stored keys only for providers whose id, kind and endpoint are unchanged', () => {
    const redirected: ProviderConfig = { ...LOCAL, baseURL: 'https://attacker.example/v1' };
    const imported = { settings: { ...SETTINGS, providers: [CLAUDE, redirected], consentedProviderIds: [] } };

    const merged = mergeImportedSettings({ settings: SETTINGS, keys: KEYS }, imported);

    expect(merged.settings.consentedProviderIds).toEqual(['a']);
    expect(merged.keys).toEqual({ a: KEYS.a });
  });

  it('should let keys from the file replace stored ones', () => {
    const imported = { settings: { ...SETTINGS, consentedProviderIds: [] }, keys: { b: 'from-file' } };

    const merged = mergeImportedSettings({ settings: SETTINGS, keys: KEYS }, imported);

    expect(merged.keys).toEqual({ a: KEYS.a, b: 'from-file' });
    expect(merged.settings.consentedProviderIds).toEqual(['a', 'b']);
  });
});

describe('per-task choices and the long-page threshold in settings files', () => {
  it('should carry them through an export and an import', async () => {
    const settings = {
      providers: [{ id: 'a', preset: 'openai' as const, enabled: true, kind: 'openai-compatible' as const, name: 'A', baseURL: 'https://api.openai.com/v1', model: 'm' }],
      hedging: true,
      neverSendSites: [],
      consentedProviderIds: ['a'],
      taskChains: { rewrite: ['a'] },
      confirmAboveTokens: 80_000,
    };

    const exported = await exportSettingsFile({ settings, includeKeys: false });
    if (!exported.ok) throw new Error(exported.message);
    const imported = await importSettingsFile(exported.json);

    expect(imported).toMatchObject({ ok: true, settings: { taskChains: { rewrite: ['a'] }, confirmAboveTokens: 80_000 } });
  });
});
