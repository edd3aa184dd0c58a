import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProviderKeys } from '../../../../utils/storage/key-vault';
import {
  EMPTY_POLICY,
  isPolicyActive,
  mergeManaged,
  normalizeHostName,
  parseManagedPolicy,
  readManagedPolicy,
  unmergeManaged,
  type ManagedPolicy,
} from '../../../../utils/storage/managed-settings';
import { buildChain, toProviderViews } from '../../../../utils/storage/provider-settings';
import type { Settings } from '../../../../utils/storage/settings';

const userSettings: Settings = {
  providers: [
    { id: 'mine-1', preset: 'anthropic', enabled: true, kind: 'anthropic', name: 'My Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5' },
    { id: 'mine-2', preset: 'groq', enabled: false, kind: 'openai-compatible', name: 'My Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama' },
  ],
  hedging: false,
  neverSendSites: ['bank.example'],
  consentedProviderIds: ['mine-1'],
};
const userKeys: ProviderKeys = { 'mine-1': 'sk-ant-user-1111aaaa', 'mine-2': 'gsk-user-2222bbbb' };

const gateway = {
  id: 'org-gateway',
  preset: 'custom',
  kind: 'openai-compatible',
  name: 'Company gateway',
  baseURL: 'https://ai.example.com/v1/',
  model: 'org-model',
  apiKey: 'sk-org-managed-0001',
};
const orgClaude = { id: 'org-claude', preset: 'anthropic', model: 'claude-haiku-4-5' };

describe('parseManagedPolicy', () => {
  it('should read a complete policy and fill the gaps from the preset', () => {
    const policy = parseManagedPolicy({
      providers: [gateway, { ...orgClaude, timeouts: { headersMs: 20_000 }, contextWindow: 200_000 }],
      allowUserProviders: false,
      hedging: true,
      lockedSettings: ['neverSendSites'],
      neverSendSites: ['Intranet.Example.com', 'https://hr.example.com/path', '*.payroll.example'],
    });

    expect(policy.problems).toEqual([]);
    expect(policy.providers).toEqual([
      { id: 'org-gateway', preset: 'custom', kind: 'openai-compatible', name: 'Company gateway', baseURL: 'https://ai.example.com/v1', model: 'org-model', apiKey: 'sk-org-managed-0001' },
      { id: 'org-claude', preset: 'anthropic', kind: 'anthropic', name: 'Anthropic', baseURL: 'https://api.anthropic.com', model: 'claude-haiku-4-5', contextWindow: 200_000, timeouts: { headersMs: 20_000 } },
    ]);
    expect(policy.allowUserProviders).toBe(false);
    expect(policy.hedging).toBe(true);
    expect(policy.lockedSettings).toEqual(['neverSendSites']);
    expect(policy.neverSendSites).toEqual(['intranet.example.com', 'hr.example.com', 'payroll.example']);
  });

  it('should treat no policy as the empty policy, without problems', () => {
    expect(parseManagedPolicy(undefined)).toEqual(EMPTY_POLICY);
    expect(parseManagedPolicy({})).toEqual(EMPTY_POLICY);
    expect(isPolicyActive(parseManagedPolicy({}))).toBe(false);
    expect(isPolicyActive(parseManagedPolicy({ allowUserProviders: false }))).toBe(true);
  });

  it('should ignore and report invalid entries while keeping the valid ones', () => {
    const policy = parseManagedPolicy({
      providers: [
        'not an object',
        { preset: 'openai', model: 'gpt' },
        { id: 'bad-kind', kind: 'gemini-native', baseURL: 'https://x.example', model: 'm' },
        { id: 'bad-url', kind: 'openai-compatible', baseURL: 'ftp://files.example', model: 'm' },
        { id: 'no-model', preset: 'custom', baseURL: 'https://x.example/v1' },
        { id: 'mismatch', preset: 'anthropic', kind: 'openai-compatible', model: 'm' },
        gateway,
        { ...gateway, name: 'Duplicate' },
        { id: 'odd-fields', kind: 'openai-compatible', baseURL: 'https://odd.example/v1', model: 'm', apiKey: 42, contextWindow: -1, timeouts: { stallMs: 10, warp: 1 }, color: 'red' },
      ],
      allowUserProviders: 'no',
      hedging: 'yes',
      lockedSettings: ['hedging', 'providers', 7],
      neverSendSites: ['ok.example', 'not a host', 3],
      theme: 'dark',
    });

    expect(policy.providers.map((provider) => provider.id)).toEqual(['org-gateway', 'odd-fields']);
    expect(policy.providers[0]?.name).toBe('Company gateway');
    expect(policy.providers[1]).toEqual({ id: 'odd-fields', preset: 'custom', kind: 'openai-compatible', name: 'odd-fields', baseURL: 'https://odd.example/v1', model: 'm' });
    expect(policy.allowUserProviders).toBe(true);
    expect(policy.hedging).toBeUndefined();
    expect(policy.lockedSettings).toEqual(['hedging']);
    expect(policy.neverSendSites).toEqual(['ok.example']);
    const report = policy.problems.join('\n');
    for (const expected of [
      'Unknown policy "theme"',
      'providers[0] is a string, not an object',
      'providers[1] has no "id"',
      '"bad-kind"): "kind" must be "anthropic" or "openai-compatible"',
      '"bad-url"): "baseURL" must be an http:// or https:// address',
      '"no-model"): no "model"',
      '"mismatch"): the preset "anthropic" speaks "anthropic"',
      'the id "org-gateway" is used twice',
      '"odd-fields"): unknown field "color"',
      '"odd-fields"): "apiKey" is a number',
      '"odd-fields"): "contextWindow" must be a whole number',
      '"odd-fields"): timeouts.stallMs must be between 500 and 600000',
      '"odd-fields"): unknown timeout "warp"',
      '"allowUserProviders" is a string',
      '"hedging" is a string',
      'lockedSettings: "providers" is not a setting that can be locked',
      'lockedSettings[2] is a number',
      'neverSendSites: "not a host" is not a host name',
      'neverSendSites[2] is a number',
    ]) {
      expect(report).toContain(expected);
    }
  });

  it('should never throw and never echo a key in its report', () => {
    for (const raw of [null, 42, 'text', [], [gateway], { providers: {} }, { providers: [null] }, { lockedSettings: 'hedging' }]) {
      expect(() => parseManagedPolicy(raw)).not.toThrow();
    }
    expect(parseManagedPolicy([gateway]).problems).toEqual(['The policy is a list, not an object: ignored.']);
    const withBadEntry = parseManagedPolicy({ providers: [{ ...gateway, baseURL: 'nope' }] });
    expect(withBadEntry.problems.join('\n')).not.toContain('sk-org-managed-0001');
  });
});

describe('mergeManaged', () => {
  const policyOf = (raw: unknown): ManagedPolicy => parseManagedPolicy(raw);

  it('should put managed providers first, in policy order, marked as managed, then the user providers', () => {
    const merged = mergeManaged(userSettings, userKeys, policyOf({ providers: [orgClaude, gateway] }));

    expect(merged.settings.providers.map((provider) => [provider.id, provider.managed ?? false, provider.enabled])).toEqual([
      ['org-claude', true, true],
      ['org-gateway', true, true],
      ['mine-1', false, true],
      ['mine-2', false, false],
    ]);
    expect(merged.managedIds).toEqual(new Set(['org-claude', 'org-gateway']));
    expect(merged.settings.consentedProviderIds).toEqual(['mine-1']);
    // The flag flows into what the options page sees, and the router runs managed providers first.
    expect(toProviderViews(merged.settings, merged.keys).map((view) => view.managed ?? false)).toEqual([true, true, false, false]);
    expect(buildChain(merged.settings, merged.keys).map((entry) => entry.id)).toEqual(['org-claude', 'org-gateway', 'mine-1']);
  });

  it('should give managed providers the policy keys, and never put a key into the settings', () => {
    const merged = mergeManaged(userSettings, { ...userKeys, 'org-claude': 'sk-ant-users-own-3333cccc' }, policyOf({ providers: [orgClaude, gateway] }));

    expect(merged.keys).toEqual({
      'org-gateway': 'sk-org-managed-0001',
      // No key in the policy: the user's own key for that id is used.
      'org-claude': 'sk-ant-users-own-3333cccc',
      'mine-1': 'sk-ant-user-1111aaaa',
      'mine-2': 'gsk-user-2222bbbb',
    });
    expect(JSON.stringify(merged.settings)).not.toContain('sk-org-managed-0001');
    expect(buildChain(merged.settings, merged.keys)[1]).toMatchObject({ id: 'org-gateway', apiKey: 'sk-org-managed-0001', baseURL: 'https://ai.example.com/v1' });
  });

  it('should let a managed provider replace a user provider with the same id, policy key first', () => {
    const policy = policyOf({ providers: [{ ...gateway, id: 'mine-1' }] });
    const merged = mergeManaged(userSettings, userKeys, policy);

    expect(merged.settings.providers.map((provider) => [provider.id, provider.name])).toEqual([
      ['mine-1', 'Company gateway'],
      ['mine-2', 'My Groq'],
    ]);
    expect(merged.keys['mine-1']).toBe('sk-org-managed-0001');
  });

  it('should hide and not use the user providers when allowUserProviders is false', () => {
    const merged = mergeManaged(userSettings, userKeys, policyOf({ providers: [gateway], allowUserProviders: false }));

    expect(merged.settings.providers.map((provider) => provider.id)).toEqual(['org-gateway']);
    expect(merged.keys).toEqual({ 'org-gateway': 'sk-org-managed-0001' });
    expect(buildChain(merged.settings, merged.keys).map((entry) => entry.id)).toEqual(['org-gateway']);
  });

  it('should lock the listed settings, enforce a policy hedging value and add the policy sites', () => {
    const lockedOnly = mergeManaged(userSettings, userKeys, policyOf({ lockedSettings: ['hedging'] }));
    expect(lockedOnly.locked).toEqual(new Set(['hedging']));
    expect(lockedOnly.settings.hedging).toBe(false);

    const enforced = mergeManaged(userSettings, userKeys, policyOf({ hedging: true, lockedSettings: ['neverSendSites'], neverSendSites: ['intranet.example', 'bank.example'] }));
    expect(enforced.locked).toEqual(new Set(['hedging', 'neverSendSites']));
    expect(enforced.settings.hedging).toBe(true);
    expect(enforced.settings.neverSendSites).toEqual(['bank.example', 'intranet.example']);
  });

  it('should leave the settings as they are under an empty policy', () => {
    const merged = mergeManaged(userSettings, userKeys, EMPTY_POLICY);

    expect(merged.settings).toEqual(userSettings);
    expect(merged.keys).toEqual(userKeys);
    expect(merged.locked.size).toBe(0);
    expect(merged.managedIds.size).toBe(0);
  });
});

describe('unmergeManaged', () => {
  const stored = { settings: userSettings, keys: userKeys };

  it('should store only what belongs to the user', () => {
    const policy = parseManagedPolicy({ providers: [gateway, orgClaude], hedging: true, neverSendSites: ['intranet.example'] });
    const merged = mergeManaged(userSettings, { ...userKeys, 'org-claude': 'sk-ant-users-own-3333cccc' }, policy);
    const edited = {
      settings: { ...merged.settings, hedging: false, neverSendSites: [...merged.settings.neverSendSites, 'new.example'] },
      keys: merged.keys,
    };

    const result = unmergeManaged(edited, stored, policy);

    expect(result.settings.providers).toEqual(userSettings.providers);
    expect(JSON.stringify(result)).not.toContain('managed');
    expect(JSON.stringify(result)).not.toContain('sk-org-managed-0001');
    expect(result.keys).toEqual({ ...userKeys, 'org-claude': 'sk-ant-users-own-3333cccc' });
    // hedging is enforced by the policy: the user's stored choice stays.
    expect(result.settings.hedging).toBe(false);
    expect(result.settings.neverSendSites).toEqual(['bank.example', 'new.example']);
  });

  it('should keep the hidden user providers when the policy forbids them', () => {
    const policy = parseManagedPolicy({ providers: [gateway], allowUserProviders: false, lockedSettings: ['neverSendSites'] });
    const merged = mergeManaged(userSettings, userKeys, policy);

    const result = unmergeManaged({ settings: { ...merged.settings, neverSendSites: [] }, keys: merged.keys }, stored, policy);

    expect(result.settings.providers).toEqual(userSettings.providers);
    expect(result.keys).toEqual(userKeys);
    expect(result.settings.neverSendSites).toEqual(['bank.example']);
  });
});

describe('readManagedPolicy', () => {
  it('should parse what storage.managed holds', async () => {
    const policy = await readManagedPolicy({ storage: { managed: { get: async () => ({ providers: [gateway], lockedSettings: ['hedging'] }) } } });

    expect(policy.providers.map((provider) => provider.id)).toEqual(['org-gateway']);
    expect(policy.lockedSettings).toEqual(['hedging']);
  });

  it('should treat a missing managed area or a missing manifest as no policy', async () => {
    expect(await readManagedPolicy(undefined)).toEqual(EMPTY_POLICY);
    expect(await readManagedPolicy({})).toEqual(EMPTY_POLICY);
    expect(await readManagedPolicy({ storage: {} })).toEqual(EMPTY_POLICY);
    const firefox = { storage: { managed: { get: () => Promise.reject(new Error('Managed storage manifest not found')) } } };
    expect(await readManagedPolicy(firefox)).toEqual(EMPTY_POLICY);
    await expect(readManagedPolicy(fakeBrowser)).resolves.toMatchObject({ providers: [], allowUserProviders: true });
  });

  it('should report other failures as a problem, with an empty policy', async () => {
    const broken = { storage: { managed: { get: () => Promise.reject(new Error('IO error')) } } };

    const policy = await readManagedPolicy(broken);

    expect(policy.providers).toEqual([]);
    expect(policy.problems).toEqual(['The policy could not be read: IO error']);
  });
});

describe('normalizeHostName', () => {
  it('should keep host names and refuse anything else', () => {
    expect(normalizeHostName(' Example.COM. ')).toBe('example.com');
    expect(normalizeHostName('http://localhost:8080/x')).toBe('localhost');
    expect(normalizeHostName('*.corp.example')).toBe('corp.example');
    expect(normalizeHostName('')).toBeUndefined();
    expect(normalizeHostName('a b')).toBeUndefined();
    expect(normalizeHostName('example.com/path')).toBeUndefined();
  });
});
