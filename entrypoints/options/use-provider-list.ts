// The page's provider list: loaded before the page shows, shared by the sections that show or change it, saved one save at a time.
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { sendMessage } from '@/utils/messaging/protocol';
import { errorText } from '@/utils/providers/provider-form';
import { managedFirst } from '@/utils/storage/provider-drafts';
import type { ProviderDraft, ProviderView, SaveProvidersResult } from '@/utils/storage/provider-settings';

export type ProviderListLoad = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready' };

export interface ProviderListState {
  load: ProviderListLoad;
  /** Reads the providers again; `revision` then changes, so the sections that show stored settings read them afresh. */
  reload(): void;
  /** Counts the loads: sections keyed by it mount afresh after a reload. */
  revision: number;
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
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let current = true;
    // Only the first load shows "Loading": later ones refresh the page in place (a confirmation stays on screen).
    setLoad((shown) => (shown.phase === 'ready' ? shown : { phase: 'loading' }));
    sendMessage('getProviders').then(
      (loaded) => {
        if (!current) return;
        setProviders(managedFirst(loaded));
        setLoad({ phase: 'ready' });
        setRevision((count) => count + 1);
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

  return { load, reload, revision, providers, setProviders, saving, save };
}
