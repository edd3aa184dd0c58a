// Options-page tools for one provider: Test (a one-token chat), Load models, Reveal a saved key; and finding local servers.
import { browser } from 'wxt/browser';
import { createProviderAdapter } from '@/utils/llm/providers/create-provider-adapter';
import { onMessage } from '@/utils/messaging/protocol';
import { isOwnExtensionPage } from '@/utils/messaging/trusted-sender';
import { detectLocalServers } from '@/utils/providers/detect-local-servers';
import { listModels } from '@/utils/providers/list-models';
import { testProvider } from '@/utils/providers/test-provider';
import { entryFromDraft, splitKeyPool } from '@/utils/storage/provider-settings';
import type { KeySource } from './router-context';

export function registerProviderTools(keys: KeySource): void {
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const assertOwnPage = (sender: { id?: string; url?: string }): void => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, extensionOrigin)) throw new Error('Only Lifeline settings may use provider tools.');
  };
  const storedKeys = async (): Promise<Record<string, string>> => {
    const stored = await keys.read();
    return stored.status === 'ok' ? stored.keys : {};
  };

  onMessage('testProvider', async ({ sender, data }) => {
    assertOwnPage(sender);
    const entry = entryFromDraft(data, await storedKeys());
    return testProvider(entry, { createAdapter: (candidate) => createProviderAdapter(candidate, {}), extensionOrigin });
  });

  onMessage('listModels', async ({ sender, data }) => {
    assertOwnPage(sender);
    return listModels(entryFromDraft(data, await storedKeys()));
  });

  onMessage('detectLocalServers', async ({ sender }) => {
    assertOwnPage(sender);
    return detectLocalServers({ fetch: globalThis.fetch.bind(globalThis), extensionOrigin });
  });

  onMessage('revealKey', async ({ sender, data }) => {
    assertOwnPage(sender);
    const stored = await keys.read();
    if (stored.status === 'locked') throw new Error('Unlock Lifeline to see saved keys.');
    const key = splitKeyPool(stored.keys[data.providerId])[data.index];
    if (key === undefined) throw new Error('No such key.');
    return key;
  });
}
