import { describe, expect, it } from 'vitest';
import { exportSettingsFile, settingsFileName } from '@/utils/settings-transfer/export-settings';
import type { Settings } from '@/utils/storage/settings';

const SETTINGS: Settings = {
  providers: [
    { id: 'a', preset: 'anthropic', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5', enabled: true },
    { id: 'b', preset: 'ollama', kind: 'openai-compatible', name: 'Local', baseURL: 'http://localhost:11434/v1', model: 'llama3.2', enabled: false, contextWindow: 8192, timeouts: { headersMs: 30_000 } },
  ],
  hedging: false,
  neverSendSites: ['bank.example'],
  consentedProviderIds: ['a'],
};
const KEYS = { a: 'sk-ant-secret-key-1234', b: 'ollama-secret-5678', gone: 'sk-of-a-removed-provider' };
const NOW = new Date(2025, 2, 7, 9, 30);

describe('exportSettingsFile', () => {
  it('should write the documented format with 2-space indent and no key text when keys are not included', async () => {
    const result = await exportSettingsFile({ settings: SETTINGS, keys: KEYS, includeKeys: false, now: NOW });

    const json = result.ok ? result.json : '';
    expect(JSON.parse(json)).toEqual({
      format: 'lifeline-settings',
      version: 3,
      exportedAt: NOW.toISOString(),
      settings: { providers: SETTINGS.providers, hedging: false, neverSendSites: ['bank.example'] },
    });
    expect(json).toContain('\n  "format"');
    expect(json).not.toMatch(/secret|consented/);
  });

  it('should include the keys only sealed, never as readable text', async () => {
    const result = await exportSettingsFile({ settings: SETTINGS, keys: KEYS, includeKeys: true, passphrase: 'file passphrase', now: NOW });

    const json = result.ok ? result.json : '';
    expect(JSON.parse(json).keys).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA256', iterations: 600_000 });
    expect(json).not.toMatch(/sk-ant|ollama-secret|sk-of-a-removed/);
  });

  it('should refuse to include keys without a passphrase, or with a short one', async () => {
    const without = await exportSettingsFile({ settings: SETTINGS, keys: KEYS, includeKeys: true });
    const short = await exportSettingsFile({ settings: SETTINGS, keys: KEYS, includeKeys: true, passphrase: 'short' });

    expect(without).toEqual({ ok: false, message: 'Enter a passphrase for the file: keys are exported only encrypted.' });
    expect(short).toEqual({ ok: false, message: 'Use a passphrase of at least 8 characters.' });
  });

  it('should name the file after the local date', () => {
    expect(settingsFileName(NOW)).toBe('lifeline-settings-2025-03-07.json');
  });
});
