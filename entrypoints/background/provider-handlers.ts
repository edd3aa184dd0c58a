// Privileged settings messages: only the extension's own pages may read or change providers and preferences.
import { browser } from 'wxt/browser';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import type { KeyAccess } from '@/utils/security/key-access';
import { applyDrafts, changedProviderIds, toProviderViews, validateDrafts, type ProviderDraft } from '@/utils/storage/provider-settings';
import { settingsItem } from '@/utils/storage/settings';
import type { RouterContextService } from './router-context';

/** Whether a save would change any key (typed keys, or a pool edited by position). */
const changesKeys = (drafts: readonly ProviderDraft[]): boolean => drafts.some((draft) => Boolean(draft.apiKey?.trim()) || draft.keyChanges !== undefined);

export function registerProviderHandlers(keyAccess: KeyAccess, routerContext: RouterContextService): void {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const assertOwnPage = (sender: { id?: string; url?: string }): void => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      throw new Error('Only Lifeline settings may read or change providers.');
    }
  };

  onMessage('getProviders', async ({ sender }) => {
    assertOwnPage(sender);
    const stored = await keyAccess.read();
    const views = toProviderViews(await settingsItem.getValue(), stored.status === 'ok' ? stored.keys : {});
    return stored.status === 'ok' ? views : views.map((view) => ({ ...view, keysLocked: true }));
  });

  onMessage('saveProviders', async ({ sender, data }) => {
    assertOwnPage(sender);
    const problems = validateDrafts(data);
    if (problems.length > 0) return { ok: false, problems };
    const [before, stored] = await Promise.all([settingsItem.getValue(), keyAccess.read()]);
    if (stored.status === 'locked' && changesKeys(data)) {
      return { ok: false, problems: [{ index: 0, field: 'keys', message: 'Unlock Lifeline (Passphrase for your keys) before changing keys.' }] };
    }
    const beforeKeys = stored.status === 'ok' ? stored.keys : {};
    const { providers, keys } = applyDrafts(data, beforeKeys, () => crypto.randomUUID());
    const settings = { ...before, providers };
    if (stored.status === 'ok') {
      const written = await keyAccess.write(keys);
      if (!written.ok) return { ok: false, problems: [{ index: 0, field: 'keys', message: written.message }] };
    }
    await settingsItem.setValue(settings);
    // The user acted on these providers: a disabled key or model gets a fresh chance.
    await routerContext.resetHealth(changedProviderIds(before, beforeKeys, providers, keys));
    const views = toProviderViews(settings, keys);
    return { ok: true, providers: stored.status === 'ok' ? views : views.map((view) => ({ ...view, keysLocked: true })) };
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
