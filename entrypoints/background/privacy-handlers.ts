// Privacy messages: the never-send list, and recording the consent a user gives to send page text to providers.
import { toSiteHost } from '@/utils/privacy/never-send';
import { settingsItem } from '@/utils/storage/settings';
import type { EffectiveSettings } from './effective-settings';
import { serve } from './serve';

/** Adds providers the user agreed to send page text to; ids that are not configured are ignored. */
export async function recordConsent(providerIds: readonly string[]): Promise<void> {
  const settings = await settingsItem.getValue();
  const known = new Set(settings.providers.map((provider) => provider.id));
  const consented = new Set([...settings.consentedProviderIds, ...providerIds.filter((id) => known.has(id))]);
  await settingsItem.setValue({ ...settings, consentedProviderIds: [...consented] });
}

export function registerPrivacyHandlers(effective: EffectiveSettings): void {
  serve('getPrivacy', async () => {
    const [settings, policy, locked] = await Promise.all([settingsItem.getValue(), effective.policy(), effective.isLocked('neverSendSites')]);
    return { neverSendSites: settings.neverSendSites, managedSites: policy.neverSendSites, ...(locked ? { locked: true } : {}) };
  });

  serve('savePrivacy', async (data) => {
    const [policy, locked] = await Promise.all([effective.policy(), effective.isLocked('neverSendSites')]);
    const current = await settingsItem.getValue();
    const sites = locked ? current.neverSendSites : [...new Set(data.neverSendSites.map(toSiteHost).filter((site): site is string => Boolean(site)))].sort();
    await settingsItem.setValue({ ...current, neverSendSites: sites });
    return { neverSendSites: sites, managedSites: policy.neverSendSites, ...(locked ? { locked: true } : {}) };
  });
}
