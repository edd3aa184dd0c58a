// Privileged settings messages: only the extension's own pages may read or change providers and preferences.
import { browser } from 'wxt/browser';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import type { KeyVault } from '@/utils/storage/key-vault';
import { applyDrafts, changedProviderIds, toProviderViews, validateDrafts } from '@/utils/storage/provider-settings';
import { settingsItem } from '@/utils/storage/settings';
import type { RouterContextService } from './router-context';

export function registerProviderHandlers(keyVault: KeyVault, routerContext: RouterContextService): void {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const assertOwnPage = (sender: { id?: string; url?: string }): void => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      throw new Error('Only Lifeline settings may read or change providers.');
    }
  };

  onMessage('getProviders', async ({ sender }) => {
    assertOwnPage(sender);
    return toProviderViews(await settingsItem.getValue(), await keyVault.readAll());
  });

  onMessage('saveProviders', async ({ sender, data }) => {
    assertOwnPage(sender);
    const problems = validateDrafts(data);
    if (problems.length > 0) return { ok: false, problems };
    const [before, beforeKeys] = await Promise.all([settingsItem.getValue(), keyVault.readAll()]);
    const { providers, keys } = applyDrafts(data, beforeKeys, () => crypto.randomUUID());
    const settings = { ...before, providers };
    await keyVault.writeAll(keys);
    await settingsItem.setValue(settings);
    // The user acted on these providers: a disabled key or model gets a fresh chance.
    await routerContext.resetHealth(changedProviderIds(before, beforeKeys, providers, keys));
    return { ok: true, providers: toProviderViews(settings, keys) };
  });

  onMessage('getHealth', async ({ sender }) => {
    assertOwnPage(sender);
    return routerContext.healthViews();
  });

  onMessage('resetEntryHealth', async ({ sender, data }) => {
    assertOwnPage(sender);
    await routerContext.resetHealth([data]);
  });

  onMessage('getRouterPreferences', async ({ sender }) => {
    assertOwnPage(sender);
    return { hedging: (await settingsItem.getValue()).hedging };
  });

  onMessage('saveRouterPreferences', async ({ sender, data }) => {
    assertOwnPage(sender);
    const settings = { ...(await settingsItem.getValue()), hedging: data.hedging === true };
    await settingsItem.setValue(settings);
    return { hedging: settings.hedging };
  });
}
