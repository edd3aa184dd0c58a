import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem, type ProviderConfig, type Settings } from '@/utils/storage/settings';
import { createSettingsStore, withConsent } from '@/utils/storage/settings-store';

const CLAUDE: ProviderConfig = { id: 'a', preset: 'anthropic', kind: 'anthropic', name: 'Claude', baseURL: 'https://api.anthropic.com', model: 'm', enabled: true };
const GROQ: ProviderConfig = { id: 'b', preset: 'groq', kind: 'openai-compatible', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama', enabled: true };
const STORED: Settings = { providers: [CLAUDE, GROQ], hedging: true, neverSendSites: [], consentedProviderIds: [] };

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('settings store', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await settingsItem.setValue(STORED);
  });

  it('should land both writes when consent is recorded while providers are being saved', async () => {
    const store = createSettingsStore(settingsItem);
    // Saving providers writes the keys before the settings: the consent arrives during that wait.
    const saveProviders = store.update(async (current) => {
      await tick();
      return { ...current, providers: [{ ...CLAUDE, model: 'claude-new' }, GROQ] };
    });

    await Promise.all([saveProviders, store.update(withConsent(['b']))]);

    expect(await settingsItem.getValue()).toEqual({ ...STORED, providers: [{ ...CLAUDE, model: 'claude-new' }, GROQ], consentedProviderIds: ['b'] });
  });

  it('should leave the settings as they were when a change fails, and run the next one', async () => {
    const store = createSettingsStore(settingsItem);

    const failed = store.update(() => Promise.reject(new Error('keys could not be written')));
    const next = store.update(withConsent(['a']));

    await expect(failed).rejects.toThrow('keys could not be written');
    await next;
    expect(await settingsItem.getValue()).toEqual({ ...STORED, consentedProviderIds: ['a'] });
  });
});

describe('withConsent', () => {
  it('should add only configured providers, once each', async () => {
    const change = withConsent(['b', 'unknown', 'b']);

    const next = await change({ ...STORED, consentedProviderIds: ['a'] });

    expect(next.consentedProviderIds).toEqual(['a', 'b']);
  });

  it('should return the same settings when nothing is new, so nothing is written', async () => {
    const settings = { ...STORED, consentedProviderIds: ['a'] };

    expect(await withConsent(['a'])(settings)).toBe(settings);
  });
});
