// Privacy messages: the never-send list, consent given in the panel, and opening settings from the panel.
import { browser } from 'wxt/browser';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtension, isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import { toSiteHost } from '@/utils/privacy/never-send';
import { settingsItem } from '@/utils/storage/settings';
import { settingsStore, withConsent } from '@/utils/storage/settings-store';
import type { EffectiveSettings } from './effective-settings';

/** Adds providers the user agreed to send page text to; ids that are not configured are ignored. */
export async function recordConsent(providerIds: readonly string[]): Promise<void> {
  await settingsStore.update(withConsent(providerIds));
}

export function registerPrivacyHandlers(effective: EffectiveSettings): void {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');

  onMessage('getPrivacy', async ({ sender }) => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) throw new Error('Only Lifeline settings may read this.');
    const [settings, policy, locked] = await Promise.all([settingsItem.getValue(), effective.policy(), effective.isLocked('neverSendSites')]);
    return { neverSendSites: settings.neverSendSites, managedSites: policy.neverSendSites, ...(locked ? { locked: true } : {}) };
  });

  onMessage('savePrivacy', async ({ sender, data }) => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) throw new Error('Only Lifeline settings may change this.');
    const [policy, locked] = await Promise.all([effective.policy(), effective.isLocked('neverSendSites')]);
    const sites = [...new Set(data.neverSendSites.map(toSiteHost).filter((site): site is string => Boolean(site)))].sort();
    const saved = await settingsStore.update((current) => (locked ? current : { ...current, neverSendSites: sites }));
    return { neverSendSites: saved.neverSendSites, managedSites: policy.neverSendSites, ...(locked ? { locked: true } : {}) };
  });

  onMessage('openSettings', async ({ sender }) => {
    if (!isOwnExtension(sender, browser.runtime.id)) return;
    await browser.runtime.openOptionsPage();
  });
}
