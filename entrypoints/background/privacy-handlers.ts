// Privacy messages: the never-send list, and recording the consent a user gives to send page text to providers.
import { toSiteHost } from '@/utils/privacy/never-send';
import { settingsItem } from '@/utils/storage/settings';
import { settingsStore, withConsent } from '@/utils/storage/settings-store';
import type { EffectiveSettings } from './effective-settings';
import { serve } from './serve';

/** Adds providers the user agreed to send page text to; ids that are not configured are ignored. */
export async function recordConsent(providerIds: readonly string[]): Promise<void> {
  await settingsStore.update(withConsent(providerIds));
}

export function registerPrivacyHandlers(effective: EffectiveSettings): void {
  serve('getPrivacy', async () => {
    const [settings, policy, locked] = await Promise.all([settingsItem.getValue(), effective.policy(), effective.isLocked('neverSendSites')]);
    return { neverSendSites: settings.neverSendSites, managedSites: policy.neverSendSites, ...(locked ? { locked: true } : {}) };
  });

  serve('savePrivacy', async (data) => {
    const [policy, locked] = await Promise.all([effective.policy(), effective.isLocked('neverSendSites')]);
    const sites = [...new Set(data.neverSendSites.map(toSiteHost).filter((site): site is string => Boolean(site)))].sort();
    const saved = await settingsStore.update((current) => (locked ? current : { ...current, neverSendSites: sites }));
    return { neverSendSites: saved.neverSendSites, managedSites: policy.neverSendSites, ...(locked ? { locked: true } : {}) };
  });
}
