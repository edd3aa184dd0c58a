// Options-page tools for one provider: Test (a one-token chat), Load models, Reveal a saved key; and finding local servers.
import { createProviderAdapter } from '@/utils/llm/providers/create-provider-adapter';
import { UserFacingError } from '@/utils/messaging/serve-messages';
import { detectLocalServers } from '@/utils/providers/detect-local-servers';
import { listModels } from '@/utils/providers/list-models';
import { testProvider } from '@/utils/providers/test-provider';
import { entryFromDraft, splitKeyPool } from '@/utils/storage/provider-settings';
import type { KeySource } from './router-context';
import { extensionOrigin, serve } from './serve';

export function registerProviderTools(keys: KeySource): void {
  const origin = extensionOrigin();
  const storedKeys = async (): Promise<Record<string, string>> => {
    const stored = await keys.read();
    return stored.status === 'ok' ? stored.keys : {};
  };

  serve('testProvider', async (data) => {
    const entry = entryFromDraft(data, await storedKeys());
    return testProvider(entry, { createAdapter: (candidate) => createProviderAdapter(candidate, {}), extensionOrigin: origin });
  });

  serve('listModels', async (data) => {
    return listModels(entryFromDraft(data, await storedKeys()));
  });

  serve('detectLocalServers', async () => {
    return detectLocalServers({ fetch: globalThis.fetch.bind(globalThis), extensionOrigin: origin });
  });

  serve('revealKey', async (data) => {
    const stored = await keys.read();
    if (stored.status === 'locked') throw new UserFacingError('Unlock Lifeline to see saved keys.');
    const key = splitKeyPool(stored.keys[data.providerId])[data.index];
    if (key === undefined) throw new UserFacingError('No such key.');
    return key;
  });
}
