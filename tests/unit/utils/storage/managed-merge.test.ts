import { describe, expect, it } from 'vitest';
import { mergeManaged, unmergeManaged } from '../../../../utils/storage/managed-merge';
import { EMPTY_POLICY, parseManagedPolicy, type ManagedPolicy } from '../../../../utils/storage/managed-settings';
import { buildChain, toProviderViews } from '../../../../utils/storage/provider-settings';
import { gateway, orgClaude, userKeys, userSettings } from './managed-fixtures';

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
