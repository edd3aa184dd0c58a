// The administrator's policy laid over the user's own settings (for the router and the options page), and taken off again for saving.
import type { ProviderKeys } from './key-vault';
import type { LockableSetting, ManagedPolicy } from './managed-settings';
import type { ProviderConfig, Settings } from './settings-schema';

/** A provider as the rest of the extension sees it, flagged when it comes from the policy (flows into ProviderView.managed). */
export type MergedProviderConfig = ProviderConfig & { managed?: true };

export interface MergedSettings {
  /** Managed providers first (policy order, `managed: true`), then the user's (unless the policy forbids them). */
  settings: Omit<Settings, 'providers'> & { providers: MergedProviderConfig[] };
  /** Keys for every listed provider: the policy's for managed ids that have one, the user's otherwise. */
  keys: ProviderKeys;
  /** Settings the user cannot change. */
  locked: Set<LockableSetting>;
  managedIds: Set<string>;
}

/** What the router and the options page work with: the policy laid over the user's settings. Pure. */
export function mergeManaged(settings: Settings, userKeys: ProviderKeys, policy: ManagedPolicy): MergedSettings {
  const managedIds = new Set(policy.providers.map((provider) => provider.id));
  const managed: MergedProviderConfig[] = policy.providers.map(({ apiKey: _key, ...provider }) => ({
    ...provider,
    enabled: true,
    managed: true,
  }));
  // A user provider whose id the policy took is replaced by the managed one.
  const own = policy.allowUserProviders ? settings.providers.filter((provider) => !managedIds.has(provider.id)) : [];
  const providers = [...managed, ...own];

  const keys: ProviderKeys = {};
  for (const provider of providers) {
    const key = policy.providers.find((entry) => entry.id === provider.id)?.apiKey ?? userKeys[provider.id];
    if (key) keys[provider.id] = key;
  }

  const locked = new Set<LockableSetting>(policy.lockedSettings);
  if (policy.hedging !== undefined) locked.add('hedging');

  return {
    settings: {
      ...settings,
      providers,
      hedging: policy.hedging ?? settings.hedging,
      neverSendSites: [...new Set([...settings.neverSendSites, ...policy.neverSendSites])],
    },
    keys,
    locked,
    managedIds,
  };
}

/**
 * The inverse for saving: from settings and keys edited on top of a merge, what belongs in the user's storage.
 * Managed providers and policy keys are never stored; locked settings keep their stored value; policy sites are
 * not copied into the user's list; providers hidden by `allowUserProviders: false` are kept as they were.
 */
export function unmergeManaged(
  edited: { settings: Settings; keys: ProviderKeys },
  stored: { settings: Settings; keys: ProviderKeys },
  policy: ManagedPolicy,
): { settings: Settings; keys: ProviderKeys } {
  const managedIds = new Set(policy.providers.map((provider) => provider.id));
  const policyKeyIds = new Set(policy.providers.filter((provider) => provider.apiKey).map((provider) => provider.id));
  const locked = mergeManaged(stored.settings, {}, policy).locked;

  const providers: ProviderConfig[] = policy.allowUserProviders
    ? edited.settings.providers
        .filter((provider) => !managedIds.has(provider.id))
        .map(({ managed: _managed, ...provider }: MergedProviderConfig) => provider)
    : stored.settings.providers;

  const keys: ProviderKeys = {};
  const keep = (source: ProviderKeys, id: string): void => {
    if (source[id] && !policyKeyIds.has(id)) keys[id] = source[id];
  };
  for (const provider of providers) keep(policy.allowUserProviders ? edited.keys : stored.keys, provider.id);
  // A managed provider without a policy key runs on the user's own key.
  for (const id of managedIds) keep(edited.keys, id);

  const storedSites = new Set(stored.settings.neverSendSites);
  const policySites = new Set(policy.neverSendSites);
  return {
    settings: {
      ...edited.settings,
      providers,
      hedging: locked.has('hedging') ? stored.settings.hedging : edited.settings.hedging,
      neverSendSites: locked.has('neverSendSites')
        ? stored.settings.neverSendSites
        : edited.settings.neverSendSites.filter((site) => storedSites.has(site) || !policySites.has(site)),
    },
    keys,
  };
}
