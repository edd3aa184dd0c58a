import { describe, expect, it } from 'vitest';
import { previewImport } from '@/utils/settings-transfer/import-preview';
import type { ProviderConfig, Settings } from '@/utils/storage/settings';

const GROQ: ProviderConfig = { id: 'groq-1', preset: 'groq', kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama', enabled: true };
const CLAUDE: ProviderConfig = { id: 'claude-1', preset: 'anthropic', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5', enabled: true };
const MISTRAL: ProviderConfig = { id: 'mistral-1', preset: 'mistral', kind: 'openai-compatible', name: 'Mistral', baseURL: 'https://api.mistral.ai/v1', model: 'mistral-small-latest', enabled: true };
const STORED: Settings = { providers: [GROQ, CLAUDE], hedging: true, neverSendSites: ['bank.example'], consentedProviderIds: ['groq-1', 'claude-1'] };

describe('previewImport', () => {
  it('should say nothing changes when the file holds the stored settings', () => {
    const preview = previewImport({ current: { settings: STORED, keys: {} }, imported: { settings: { ...STORED, consentedProviderIds: [] } } });

    expect(preview).toEqual({ added: [], changed: [], removed: [], preferences: [], keys: [], keysAtRisk: [] });
  });

  it('should list the providers added, changed and removed in plain words', () => {
    const imported = { ...STORED, providers: [{ ...GROQ, name: 'Groq (work)', model: 'llama-3.3', enabled: false, contextWindow: 128_000 }, MISTRAL] };

    const preview = previewImport({ current: { settings: STORED, keys: {} }, imported: { settings: imported } });

    expect(preview.added).toEqual(['Adds "Mistral" (mistral-small-latest, https://api.mistral.ai/v1).']);
    expect(preview.changed).toEqual(['Changes "Groq": renamed to "Groq (work)"; model from llama to llama-3.3; switched off; context window set to 128,000.']);
    expect(preview.removed).toEqual(['Removes "Claude" (claude-sonnet-4-5, https://api.anthropic.com).']);
  });

  it('should describe the preferences an old file resets', () => {
    const oldFile = { providers: [CLAUDE, { ...GROQ, id: 'new-id' }], hedging: false, neverSendSites: [], consentedProviderIds: [] };

    const preview = previewImport({ current: { settings: STORED, keys: {} }, imported: { settings: oldFile } });

    expect(preview.preferences).toEqual([
      'Changes the order in which your providers are tried.',
      'Turns hedged requests off.',
      'Removes the site bank.example from the never-send list.',
      'Asks again before sending a page to "Groq".',
    ]);
  });

  it('should list the keys the file brings and the stored keys it would delete', () => {
    const keys = { 'groq-1': 'gsk-stored-key-abcd', 'claude-1': 'short' };

    const preview = previewImport({ current: { settings: STORED, keys }, imported: { settings: { ...STORED, providers: [MISTRAL] }, keys: { 'mistral-1': 'mk-from-file-2222' } } });

    expect(preview.keys).toEqual(['Adds the key in the file for "Mistral".']);
    expect(preview.keysAtRisk.map((risk) => risk.text)).toEqual([
      '"Groq" (key …abcd): the file does not list this provider, so it is removed with its key.',
      '"Claude" (key): the file does not list this provider, so it is removed with its key.',
    ]);
  });
});
