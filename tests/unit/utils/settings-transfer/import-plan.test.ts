import { describe, expect, it } from 'vitest';
import { applyImport, keysAtRisk, type ImportSides } from '@/utils/settings-transfer/import-plan';
import type { ProviderConfig, Settings } from '@/utils/storage/settings';

const GROQ: ProviderConfig = { id: 'groq-1', preset: 'groq', kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama', enabled: true };
const CLAUDE: ProviderConfig = { id: 'claude-1', preset: 'anthropic', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5', enabled: true };
const KEYS = { 'groq-1': 'gsk-stored-key-abcd', 'claude-1': 'sk-ant-stored-key-wxyz' };

const settingsOf = (providers: ProviderConfig[], consentedProviderIds: string[] = []): Settings => ({ providers, hedging: true, neverSendSites: [], consentedProviderIds });
const sidesOf = (imported: ProviderConfig[], fileKeys?: Record<string, string>): ImportSides => ({
  current: { settings: settingsOf([GROQ, CLAUDE], ['groq-1', 'claude-1']), keys: KEYS },
  imported: { settings: settingsOf(imported), ...(fileKeys ? { keys: fileKeys } : {}) },
});

describe('keysAtRisk', () => {
  it('should find no key at risk when every provider keeps its id and endpoint', () => {
    const sides = sidesOf([{ ...GROQ, model: 'llama-2' }, CLAUDE]);

    expect(keysAtRisk(sides)).toEqual([]);
  });

  it('should offer to keep the key of an endpoint the file lists under a new id (an old file without ids)', () => {
    const sides = sidesOf([{ ...GROQ, id: 'from-old-file' }, CLAUDE]);

    expect(keysAtRisk(sides)).toEqual([
      { providerId: 'groq-1', keepable: true, text: '"Groq" (key …abcd): the file lists the same endpoint as "Groq" but without a key; you can keep your key for it.' },
    ]);
  });

  it('should name the keys of removed providers and of an id sent to another address, neither keepable', () => {
    const sides = sidesOf([{ ...GROQ, baseURL: 'https://attacker.example/v1' }]);

    expect(keysAtRisk(sides)).toEqual([
      {
        providerId: 'groq-1',
        keepable: false,
        text: '"Groq" (key …abcd): the file points this provider at https://attacker.example/v1, and a key never follows a provider to a new address.',
      },
      { providerId: 'claude-1', keepable: false, text: '"Claude" (key …wxyz): the file does not list this provider, so it is removed with its key.' },
    ]);
  });

  it('should not count a key the file replaces as lost', () => {
    const sides = sidesOf([{ ...GROQ, id: 'new-id' }, CLAUDE], { 'new-id': 'gsk-from-file-1111' });

    expect(keysAtRisk(sides)).toEqual([]);
  });
});

describe('applyImport', () => {
  it('should keep the key for the same endpoint unless the user agreed to remove it', () => {
    const sides = sidesOf([{ ...GROQ, id: 'from-old-file' }, CLAUDE]);

    const kept = applyImport(sides, []);
    const removed = applyImport(sides, ['groq-1']);

    expect(kept).toMatchObject({ ok: true, keys: { 'from-old-file': KEYS['groq-1'], 'claude-1': KEYS['claude-1'] }, done: ['Kept your key for "Groq".'] });
    expect(removed).toMatchObject({ ok: true, keys: { 'claude-1': KEYS['claude-1'] }, done: ['Removed your key for "Groq".'] });
    expect(removed.ok && Object.keys(removed.keys)).toEqual(['claude-1']);
  });

  it('should refuse to delete a key the user did not agree to lose', () => {
    const sides = sidesOf([GROQ]);

    const result = applyImport(sides, []);

    expect(result).toEqual({
      ok: false,
      problems: [
        'This import would delete a key you did not agree to lose: "Claude" (key …wxyz): the file does not list this provider, so it is removed with its key.',
        'Nothing was changed. Check the file again to see what it would change.',
      ],
    });
  });

  it('should remove a key the user agreed to lose, and say so', () => {
    const sides = sidesOf([GROQ]);

    const result = applyImport(sides, ['claude-1']);

    expect(result).toMatchObject({ ok: true, keys: { 'groq-1': KEYS['groq-1'] }, done: ['Removed your key for "Claude".'] });
  });

  it('should let a key in the file replace the stored one and say so', () => {
    const sides = sidesOf([GROQ, CLAUDE], { 'groq-1': 'gsk-from-file-1111' });

    const result = applyImport(sides, []);

    expect(result).toMatchObject({ ok: true, keys: { 'groq-1': 'gsk-from-file-1111' }, done: ['Replaced your key for "Groq" with the key from the file.'] });
  });

  it('should keep consent only where id and endpoint are unchanged', () => {
    const sides = sidesOf([{ ...GROQ, id: 'from-old-file' }, CLAUDE]);

    const result = applyImport(sides, []);

    expect(result.ok && result.settings.consentedProviderIds).toEqual(['claude-1']);
  });
});
