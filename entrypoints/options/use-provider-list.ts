// The page's provider list: loaded before the page shows, shared by the sections that show or change it, saved one save at a time.
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText } from '@/utils/providers/provider-form';
import { managedFirst } from '@/utils/storage/provider-drafts';
import type { ProviderDraft, ProviderView, SaveProvidersResult } from '@/utils/storage/provider-settings';

export type ProviderListLoad = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready' };

export interface ProviderListState {
  load: ProviderListLoad;
  /** Reads everything again: the page shows "Loading" and every section mounts afresh with what is stored now. */
  reload(): void;
  /** Managed providers first, as the background orders them. */
  providers: ProviderView[];
  setProviders: Dispatch<SetStateAction<ProviderView[]>>;
  /** A save is running: another one now could overwrite it. */
  saving: boolean;
  /** Sends the full ordered list; shows it once saved. */
  save(drafts: ProviderDraft[]): Promise<SaveProvidersResult>;
}

export function useProviderList(): ProviderListState {
  const [load, setLoad] = useState<ProviderListLoad>({ phase: 'loading' });
  const [providers, setProviders] = useState<ProviderView[]>([]);
  const [saving, setSaving] = useState(false);
  const [loadAttempt, setLoadAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ phase: 'loading' });
    sendMessage('getProviders').then(
      (loaded) => {
        if (!current) return;
        setProviders(managedFirst(loaded));
        setLoad({ phase: 'ready' });
      },
      (cause: unknown) => current && setLoad({ phase: 'failed', message: errorText(cause) }),
    );
    return () => {
      current = false;
    };
  }, [loadAttempt]);

  const reload = useCallback((): void => setLoadAttempt((attempt) => attempt + 1), []);

  const save = useCallback(async (drafts: ProviderDraft[]): Promise<SaveProvidersResult> => {
    setSaving(true);
    try {
      const result = await sendMessage('saveProviders', drafts);
      if (!result.ok) return result;
      const saved = managedFirst(result.providers);
      setProviders(saved);
      return { ok: true, providers: saved };
    } finally {
      setSaving(false);
    }
  }, []);

  return { load, reload, providers, setProviders, saving, save };
}
