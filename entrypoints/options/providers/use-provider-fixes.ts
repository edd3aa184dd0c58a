// The two ways to get a provider answering again from the list: grant the browser's access to its origin, or try it again after a fix.
import { useState, type Dispatch, type SetStateAction } from 'react';
import { browser } from 'wxt/browser';
import { originPatternFor } from '@/utils/llm/provider-origins';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText, originOf } from '@/utils/providers/provider-form';
import { managedFirst } from '@/utils/storage/provider-drafts';
import type { ProviderView } from '@/utils/storage/provider-settings';

interface ProviderFixesDeps {
  providers: readonly ProviderView[];
  setProviders: Dispatch<SetStateAction<ProviderView[]>>;
  refreshHealth(): Promise<void>;
  /** The section's status line, its error, and where the focus goes after. */
  setStatus(status: string): void;
  setError(error: string): void;
  focus(key: string): void;
}

export function useProviderFixes({ providers, setProviders, refreshHealth, setStatus, setError, focus }: ProviderFixesDeps) {
  const [retryingId, setRetryingId] = useState<string | null>(null);
  /** Per provider id: what happened when the user was asked to grant access. */
  const [accessMessages, setAccessMessages] = useState<Readonly<Record<string, string>>>({});

  // Runs inside the click: the permission request must come before any await (it needs the user's gesture).
  const grantAccess = (index: number): void => {
    const provider = providers[index];
    if (!provider) return;
    const origin = originOf(provider.baseURL);
    let request: Promise<boolean>;
    try {
      request = browser.permissions.request({ origins: [originPatternFor(provider.baseURL)] });
    } catch {
      request = Promise.resolve(false);
    }
    const refused = `Lifeline cannot reach ${origin} until you allow it.`;
    setStatus(`Answer the browser's question to let Lifeline reach ${origin}.`);
    void (async () => {
      const granted = await request.catch(() => false);
      if (!granted) {
        setStatus('');
        setAccessMessages((current) => ({ ...current, [provider.id]: refused }));
        return;
      }
      setAccessMessages(({ [provider.id]: _done, ...rest }) => rest);
      try {
        const reloaded = await sendMessage('getProviders');
        setProviders(managedFirst(reloaded));
        setStatus(`Lifeline can now reach ${origin}.`);
        void refreshHealth();
        focus(`test:${provider.id} edit:${provider.id}`);
      } catch (cause) {
        setError(`Access granted, but Lifeline could not reload your providers: ${errorText(cause)} Reload the page.`);
      }
    })();
  };

  // The user fixed what disabled a provider (or wants to check): the background forgets its health and tries it again.
  const tryAgain = (index: number): void => {
    const provider = providers[index];
    if (!provider || retryingId !== null) return;
    setRetryingId(provider.id);
    setError('');
    void (async () => {
      try {
        await sendMessage('resetEntryHealth', provider.id);
        setStatus(`Lifeline will try ${provider.name} again with the next request.`);
      } catch (cause) {
        setError(`Lifeline could not reset ${provider.name}: ${errorText(cause)} Try again in a moment.`);
      }
      await refreshHealth();
      setRetryingId(null);
      // The button goes away once the provider is no longer disabled: keep the focus on this provider.
      focus(`retry:${provider.id} edit:${provider.id}`);
    })();
  };

  return { grantAccess, tryAgain, accessMessages, retryingId };
}
