import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { importSettingsFile } from '@/utils/settings-transfer/import-settings';
import { parseManagedPolicy } from '@/utils/storage/managed-settings';
import { validateDrafts } from '@/utils/storage/provider-settings';
import { settingsItem } from '@/utils/storage/settings';
import {
  describeIssue,
  MAX_TIMEOUT_MS,
  migrateToCurrent,
  MIN_TIMEOUT_MS,
  providerConfigSchema,
  type SettingsV1,
} from '@/utils/storage/settings-schema';

const GROQ = { id: 'g', kind: 'openai-compatible' as const, name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama' };

describe('the migration chain', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should bring version 1 settings to the same result in storage and in a settings file', async () => {
    const v1: SettingsV1 = { providers: [{ ...GROQ, timeouts: { stallMs: 20_000 } }] };
    await fakeBrowser.storage.local.set({ settings: v1, settings$: { v: 1 } });

    await settingsItem.migrate();
    const fromFile = migrateToCurrent({ version: 1, settings: v1 }, () => 'unused');

    expect(await settingsItem.getValue()).toEqual(fromFile);
    expect(fromFile).toEqual({
      providers: [{ ...GROQ, preset: 'groq', enabled: true, timeouts: { stallMs: 20_000 } }],
      hedging: true,
      neverSendSites: [],
      consentedProviderIds: ['g'],
    });
  });

  it('should give a provider of an old file without an id a new one', () => {
    const { id: _id, ...withoutId } = GROQ;

    const settings = migrateToCurrent({ version: 2, settings: { providers: [withoutId], hedging: false } }, () => 'new-id');

    expect(settings.providers.map((provider) => provider.id)).toEqual(['new-id']);
    expect(settings.hedging).toBe(false);
  });

  it('should migrate a damaged old store without failing', () => {
    const damaged = { providers: 'not a list' } as unknown as SettingsV1;

    const settings = migrateToCurrent({ version: 1, settings: damaged }, () => 'x');

    expect(settings).toEqual({ providers: [], hedging: true, neverSendSites: [], consentedProviderIds: [] });
  });
});

describe('providerConfigSchema', () => {
  const provider = { ...GROQ, preset: 'groq', enabled: true };

  it('should normalise the base URL and trim the text fields', () => {
    const parsed = v.parse(providerConfigSchema, { ...provider, name: '  Groq ', baseURL: ' https://api.groq.com/openai/v1/ ' });

    expect(parsed).toMatchObject({ name: 'Groq', baseURL: 'https://api.groq.com/openai/v1' });
  });

  it('should report every wrong or missing field as an instruction with its place', () => {
    const { model: _model, ...withoutModel } = provider;

    const result = v.safeParse(providerConfigSchema, { ...withoutModel, kind: 'gemini', contextWindow: 0, timeouts: { headersMs: 2.5 } });

    expect(result.success ? [] : result.issues.map(describeIssue)).toEqual([
      'kind: choose "anthropic" or "openai-compatible"',
      'model: enter a model name',
      'contextWindow: enter a whole number of tokens above zero',
      'timeouts.headersMs: enter a whole number of milliseconds from 500 to 600000',
    ]);
  });
});

describe('one set of timeout bounds for every source of settings', () => {
  const sources: { source: string; accepts: (ms: number) => boolean | Promise<boolean> }[] = [
    {
      source: 'the provider editor',
      accepts: (ms: number) => validateDrafts([{ ...GROQ, timeouts: { headersMs: ms } }]).length === 0,
    },
    {
      source: 'a settings file',
      accepts: async (ms: number) => {
        const file = { format: 'lifeline-settings', version: 3, settings: { providers: [{ ...GROQ, preset: 'groq', enabled: true, timeouts: { headersMs: ms } }], hedging: true, neverSendSites: [] } };
        return (await importSettingsFile(JSON.stringify(file))).ok;
      },
    },
    {
      source: 'the administrator policy',
      accepts: (ms: number) => parseManagedPolicy({ providers: [{ ...GROQ, timeouts: { headersMs: ms } }] }).problems.length === 0,
    },
  ];

  it.each(sources)('should accept exactly the bounds in $source', async ({ accepts }) => {
    const verdicts = await Promise.all([MIN_TIMEOUT_MS - 1, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, MAX_TIMEOUT_MS + 1].map(accepts));

    expect(verdicts).toEqual([false, true, true, false]);
  });
});
