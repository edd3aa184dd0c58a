// Privileged provider messages (options page only) and the chain the router runs on.
import { browser } from 'wxt/browser';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import type { KeyVault } from '@/utils/storage/key-vault';
import { applyDrafts, buildChain, toProviderViews, validateDrafts } from '@/utils/storage/provider-settings';
import { settingsItem } from '@/utils/storage/settings';
import type { ChainEntry } from '@/utils/llm/types';

export async function loadChain(keyVault: KeyVault): Promise<ChainEntry[]> {
  return buildChain(await settingsItem.getValue(), await keyVault.readAll());
}

export function registerProviderHandlers(keyVault: KeyVault): void {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const assertOptionsPage = (sender: { id?: string; url?: string }): void => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
      throw new Error('Only Lifeline settings may read or change providers.');
    }
  };

  onMessage('getProviders', async ({ sender }) => {
    assertOptionsPage(sender);
    return toProviderViews(await settingsItem.getValue(), await keyVault.readAll());
  });

  onMessage('saveProviders', async ({ sender, data }) => {
    assertOptionsPage(sender);
    const problems = validateDrafts(data);
    if (problems.length > 0) return { ok: false, problems };
    const { settings, keys } = applyDrafts(data, await keyVault.readAll(), () => crypto.randomUUID());
    await keyVault.writeAll(keys);
    await settingsItem.setValue(settings);
    return { ok: true, providers: toProviderViews(settings, keys) };
  });
}
