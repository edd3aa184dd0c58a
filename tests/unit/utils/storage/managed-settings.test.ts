import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  EMPTY_POLICY,
  normalizeHostName,
  parseManagedPolicy,
  readManagedPolicy,
} from '../../../../utils/storage/managed-settings';
import { gateway, orgClaude } from './managed-fixtures';

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
      '"bad-kind"): kind: choose "anthropic" or "openai-compatible"; the provider is ignored.',
      '"bad-url"): baseURL: enter a URL starting with https:// (or http:// for a local server); the provider is ignored.',
      '"no-model"): model: enter a model name; the provider is ignored.',
      '"mismatch"): the preset "anthropic" speaks "anthropic"',
      'the id "org-gateway" is used twice',
      '"odd-fields"): unknown field "color"',
      '"odd-fields"): "apiKey" is a number',
      '"odd-fields"): contextWindow: enter a whole number of tokens above zero; this value is ignored.',
      '"odd-fields"): timeouts.stallMs: enter a whole number of milliseconds from 500 to 600000; this value is ignored.',
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
