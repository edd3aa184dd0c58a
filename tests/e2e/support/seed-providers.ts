// Configures providers by seeding the extension's storage from its service worker (the options UI has its own tests).
import type { Worker } from 'playwright-core';

export interface SeededProvider {
  id: string;
  name: string;
  baseURL: string;
  model: string;
  apiKey: string;
  /** Context window in tokens, when the test needs one (long pages are read in parts that fit it). */
  contextWindow?: number;
}

/** `consented: false` leaves the consent question to the test (by default the user has agreed already). */
export async function seedProviders(worker: Worker, providers: SeededProvider[], options: { hedging?: boolean; consented?: boolean } = {}): Promise<void> {
  await worker.evaluate(
    async ({ list, hedging, consented }) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
      await chrome.storage.local.set({
        settings: {
          providers: list.map(({ apiKey: _key, ...provider }) => ({ ...provider, preset: 'custom', enabled: true, kind: 'openai-compatible' })),
          hedging,
          neverSendSites: [],
          // The user has already agreed to send page text to these providers (the consent prompt has its own test).
          consentedProviderIds: consented ? list.map((provider) => provider.id) : [],
        },
        settings$: { v: 3 },
        providerKeys: Object.fromEntries(list.map((provider) => [provider.id, provider.apiKey])),
      });
    },
    { list: providers, hedging: options.hedging ?? true, consented: options.consented ?? true },
  );
}
