// Options page: the providers, their fail-over order and health, and the router's preferences. Everything is saved through
// the background; keys never come back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';
import type { EntryHealthView } from '@/utils/llm/health/health-view';
import { sendMessage } from '@/utils/messaging/protocol';
import {
  DEFAULT_NEW_PRESET,
  errorText,
  formFromDraft,
  formFromPreset,
  originOf,
  reorderByDrag,
} from '@/utils/providers/provider-form';
import {
  draftsFromViews,
  managedCount,
  managedFirst,
  moveItem,
  problemsForDraft,
  withDraftAt,
  withEnabledAt,
  withoutItemAt,
} from '@/utils/storage/provider-drafts';
import {
  validateDrafts,
  type DraftProblem,
  type ProviderDraft,
  type ProviderView,
} from '@/utils/storage/provider-settings';
import { HistorySection } from './HistorySection';
import { KeyLockSection } from './KeyLockSection';
import { LocalServersSection } from './LocalServersSection';
import { LongPagesSection } from './LongPagesSection';
import { OnDeviceSection } from './OnDeviceSection';
import { PrivacySection } from './PrivacySection';
import { ProviderEditor } from './ProviderEditor';
import { SettingsTransferSection } from './SettingsTransferSection';
import { TaskChainsSection } from './TaskChainsSection';
import { ProviderList } from './ProviderList';
import { Welcome } from './providers/Welcome';

type LoadState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready' };

/** Health is optional: when it cannot be read, the list shows without it. */
type HealthState =
  | { phase: 'loading' }
  | { phase: 'failed' }
  | { phase: 'ready'; views: ReadonlyMap<string, EntryHealthView>; at: number };

type PreferencesState = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; hedging: boolean; locked?: boolean };

const HEALTH_REFRESH_MS = 5_000;

/** Which provider the editor is open for: an index into the list, or 'new'. */
type Editing = number | 'new' | null;

export function App() {
  const [load, setLoad] = useState<LoadState>({ phase: 'loading' });
  const [providers, setProviders] = useState<ProviderView[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  const [loadAttempt, setLoadAttempt] = useState(0);
  const [health, setHealth] = useState<HealthState>({ phase: 'loading' });
  const [retryingId, setRetryingId] = useState<string | null>(null);
  const [preferences, setPreferences] = useState<PreferencesState>({ phase: 'loading' });
  const [savingPreferences, setSavingPreferences] = useState(false);
  const [preferencesError, setPreferencesError] = useState('');
  /** Per provider id: what happened when the user was asked to grant access. */
  const [accessMessages, setAccessMessages] = useState<Readonly<Record<string, string>>>({});
  /** Counts health reads: only the newest answer is shown, whatever order they arrive in. */
  const healthRead = useRef(0);

  useEffect(() => {
    let current = true;
    setLoad({ phase: 'loading' });
    const read = ++healthRead.current;
    // Health and preferences load with the providers, but only the providers are required to show the page.
    void Promise.allSettled([
      sendMessage('getProviders'),
      sendMessage('getHealth'),
      sendMessage('getRouterPreferences'),
    ]).then(([loaded, loadedHealth, loadedPreferences]) => {
      if (!current) return;
      if (read === healthRead.current) setHealth(healthStateOf(loadedHealth));
      setPreferences(
        loadedPreferences.status === 'fulfilled'
          ? { phase: 'ready', hedging: loadedPreferences.value.hedging, ...(loadedPreferences.value.locked ? { locked: true } : {}) }
          : { phase: 'failed' },
      );
      if (loaded.status === 'fulfilled') {
        setProviders(managedFirst(loaded.value));
        setLoad({ phase: 'ready' });
      } else {
        setLoad({ phase: 'failed', message: messageOf(loaded.reason) });
      }
    });
    return () => {
      current = false;
    };
  }, [loadAttempt]);

  const refreshHealth = useCallback(async (): Promise<void> => {
    const read = ++healthRead.current;
    const result = await sendMessage('getHealth').then(
      (value): PromiseSettledResult<EntryHealthView[]> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<EntryHealthView[]> => ({ status: 'rejected', reason }),
    );
    if (read === healthRead.current) setHealth(healthStateOf(result));
  }, []);

  // Health changes as requests run: refresh it while the page is visible, and at once when it becomes visible again.
  useEffect(() => {
    if (load.phase !== 'ready') return;
    const refreshIfVisible = (): void => {
      if (document.visibilityState === 'visible') void refreshHealth();
    };
    const timer = window.setInterval(refreshIfVisible, HEALTH_REFRESH_MS);
    document.addEventListener('visibilitychange', refreshIfVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    };
  }, [load.phase, refreshHealth]);

  // Moves focus to a control that re-rendered (or appeared) after an action, once it is enabled again. The key may list
  // several controls separated by spaces: the first one present and enabled gets the focus.
  useEffect(() => {
    if (!focusKey || saving) return;
    const target = focusKey
      .split(' ')
      .map((key) => document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`))
      .find((candidate) => candidate !== null && !candidate.matches(':disabled'));
    target?.focus();
    setFocusKey(null);
  }, [focusKey, saving, providers, editing, health]);

  /** Sends the full ordered list; returns the saved providers, or null after showing what went wrong. */
  const save = async (drafts: ProviderDraft[], savedStatus: string): Promise<ProviderView[] | null> => {
    setSaving(true);
    setError('');
    setStatus('Saving…');
    try {
      const result = await sendMessage('saveProviders', drafts);
      if (!result.ok) {
        setProblems(result.problems);
        setStatus('Not saved: see the problems below.');
        return null;
      }
      const saved = managedFirst(result.providers);
      setProviders(saved);
      setProblems([]);
      setStatus(savedStatus);
      void refreshHealth();
      return saved;
    } catch (cause) {
      setError(`Lifeline could not save your providers: ${messageOf(cause)} Nothing was changed; try again.`);
      setStatus('');
      return null;
    } finally {
      setSaving(false);
    }
  };

  const openEditor = (target: number | 'new'): void => {
    setProblems([]);
    setError('');
    setEditing(target);
  };

  const closeEditor = (focusAfter: string): void => {
    setEditing(null);
    setProblems([]);
    setError('');
    setFocusKey(focusAfter);
  };

  const editingIndex = editing === 'new' ? providers.length : editing;
  const editedView = typeof editing === 'number' ? providers[editing] : undefined;

  // Runs inside the submit event: the permission request must come before any await (it needs the user's gesture).
  const saveEdited = (draft: ProviderDraft): void => {
    if (editing === null) return;
    const drafts = withDraftAt(draftsFromViews(providers), editing === 'new' ? null : editing, draft);
    const localProblems = validateDrafts(drafts);
    setProblems(localProblems);
    if (localProblems.length > 0) {
      setError('');
      setStatus('Not saved: see the problems below.');
      return;
    }
    const baseURL = draft.baseURL.trim();
    const permission = isOriginCovered(baseURL)
      ? Promise.resolve(true)
      : browser.permissions.request({ origins: [originPatternFor(baseURL)] });
    const index = editing === 'new' ? drafts.length - 1 : editing;
    void (async () => {
      const granted = await permission.catch(() => false);
      if (!granted) {
        setError(`Lifeline needs permission to reach ${new URL(baseURL).origin}; the provider was not saved.`);
        setStatus('');
        return;
      }
      const saved = await save(drafts, `Saved. ${editing === 'new' ? 'Added' : 'Updated'} ${draft.name.trim()}.`);
      const savedId = saved?.[index]?.id;
      if (saved) closeEditor(savedId ? `edit:${savedId}` : 'add');
    })();
  };

  const remove = (index: number): void => {
    const removed = providers[index];
    if (!removed) return;
    void save(withoutItemAt(draftsFromViews(providers), index), `Saved. Removed ${removed.name}.`).then((saved) => {
      if (saved) setFocusKey('add');
    });
  };

  const move = (index: number, direction: -1 | 1): void => {
    const moved = providers[index];
    if (!moved) return;
    const drafts = moveItem(draftsFromViews(providers), index, direction);
    const where = direction === -1 ? 'up' : 'down';
    void save(drafts, `Saved. Moved ${moved.name} ${where}.`).then((saved) => {
      if (!saved) return;
      const otherWay = direction === -1 ? 'down' : 'up';
      const id = saved[index + direction]?.id ?? moved.id;
      // Keep moving the same way while that button is enabled, else the other way.
      setFocusKey(`${where}:${id} ${otherWay}:${id}`);
    });
  };

  // A provider dragged by its handle and dropped before the provider at `to`: saved like a move.
  const reorder = (from: number, to: number): void => {
    const moved = providers[from];
    if (!moved || saving || editing !== null) return;
    const order = reorderByDrag(providers, from, to);
    const position = order.indexOf(moved) + 1;
    if (position - 1 === from || position - 1 < managedCount(providers)) return;
    const drafts = reorderByDrag(draftsFromViews(providers), from, to);
    void save(drafts, `Saved. Moved ${moved.name} to position ${position}.`).then((saved) => {
      if (saved) setFocusKey(`edit:${moved.id}`);
    });
  };

  const toggleEnabled = (index: number, enabled: boolean): void => {
    const provider = providers[index];
    if (!provider || saving) return;
    // Show the switch's new state at once; the save puts it back if it fails.
    setProviders((current) => current.map((view, i) => (i === index ? { ...view, enabled } : view)));
    const drafts = withEnabledAt(draftsFromViews(providers), index, enabled);
    void save(drafts, `Saved. ${provider.name} is switched ${enabled ? 'on' : 'off'}.`).then((saved) => {
      if (!saved) setProviders((current) => current.map((view, i) => (i === index ? { ...view, enabled: !enabled } : view)));
      setFocusKey(`use:${provider.id}`);
    });
  };

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
        setFocusKey(`test:${provider.id} edit:${provider.id}`);
      } catch (cause) {
        setError(`Access granted, but Lifeline could not reload your providers: ${messageOf(cause)} Reload the page.`);
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
        setError(`Lifeline could not reset ${provider.name}: ${messageOf(cause)} Try again in a moment.`);
      }
      await refreshHealth();
      setRetryingId(null);
      // The button goes away once the provider is no longer disabled: keep the focus on this provider.
      setFocusKey(`retry:${provider.id} edit:${provider.id}`);
    })();
  };

  const changeHedging = (hedging: boolean): void => {
    if (savingPreferences) return;
    setPreferences({ phase: 'ready', hedging });
    setSavingPreferences(true);
    setPreferencesError('');
    setStatus('Saving…');
    sendMessage('saveRouterPreferences', { hedging })
      .then(
        (saved) => {
          setPreferences({ phase: 'ready', hedging: saved.hedging });
          setStatus(`Saved. Hedged requests are ${saved.hedging ? 'on' : 'off'}.`);
        },
        (cause: unknown) => {
          setPreferences({ phase: 'ready', hedging: !hedging });
          setPreferencesError(`Lifeline could not save this setting: ${messageOf(cause)} Nothing was changed; try again.`);
          setStatus('');
        },
      )
      .finally(() => setSavingPreferences(false));
  };

  if (load.phase === 'loading') {
    return (
      <main className="page">
        <h1>Lifeline settings</h1>
        <p role="status">Loading providers…</p>
      </main>
    );
  }

  if (load.phase === 'failed') {
    return (
      <main className="page">
        <h1>Lifeline settings</h1>
        <div className="load-error" role="alert">
          <p>Lifeline could not load your providers: {load.message}</p>
          <p>Your settings are unchanged. Reload to try again.</p>
        </div>
        <button type="button" className="ll-button primary" onClick={() => setLoadAttempt((attempt) => attempt + 1)}>
          Reload
        </button>
      </main>
    );
  }

  const editedDraft = editedView ? draftsFromViews([editedView])[0] : undefined;
  const editor =
    editing === null ? null : (
      <ProviderEditor
        key={editedView?.id ?? 'new'}
        initial={editedView && editedDraft ? formFromDraft(editedDraft, editedView.keyHints) : formFromPreset(DEFAULT_NEW_PRESET)}
        {...(editedView ? { providerId: editedView.id, storedName: editedView.name } : {})}
        problems={editingIndex === null ? {} : problemsForDraft(problems, editingIndex)}
        formError={error}
        saving={saving}
        onSave={saveEdited}
        onCancel={() => closeEditor(editedView ? `edit:${editedView.id}` : 'add')}
      />
    );
  const otherProblems = problems.filter((problem) => problem.index !== editingIndex);

  return (
    <main className="page">
      <h1>Lifeline settings</h1>
      {providers.length === 0 ? (
        <Welcome
          onAddFirst={() => {
            if (editing === null) openEditor('new');
            setFocusKey('preset');
          }}
        />
      ) : null}
      <section aria-labelledby="providers-heading">
        <h2 id="providers-heading">Providers</h2>
        <p className="intro">
          Lifeline asks your providers in this order. The first one answers; if it fails, the next one takes over, and
          every answer says who answered. To change the order, drag a provider by its handle or use its Up and Down buttons.
        </p>
        <p className="status" role="status">
          {status}
        </p>
        {editing === null && error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {otherProblems.length > 0 ? (
          <ul className="form-error" role="alert">
            {otherProblems.map((problem) => (
              <li key={`${problem.index}-${problem.field}`}>
                {providers[problem.index]?.name ?? `Provider ${problem.index + 1}`}: {problem.message}
              </li>
            ))}
          </ul>
        ) : null}
        {health.phase === 'failed' && providers.length > 0 ? (
          <p className="health-unavailable">Health is unavailable right now.</p>
        ) : null}
        {providers.length === 0 ? null : (
          <ProviderList
            providers={providers}
            editingIndex={typeof editing === 'number' ? editing : null}
            editor={editor}
            locked={saving || editing !== null}
            onEdit={openEditor}
            onRemove={remove}
            onMove={move}
            onReorder={reorder}
            onToggleEnabled={toggleEnabled}
            onGrantAccess={grantAccess}
            accessMessages={accessMessages}
            health={health.phase === 'ready' ? health.views : null}
            healthAt={health.phase === 'ready' ? health.at : 0}
            retryingId={retryingId}
            onTryAgain={tryAgain}
          />
        )}
        {editing === 'new' ? <div className="provider provider-editing">{editor}</div> : null}
        {editing === null ? (
          <button
            type="button"
            className="ll-button primary add-provider"
            data-focus-key="add"
            disabled={saving}
            onClick={() => openEditor('new')}
          >
            Add provider
          </button>
        ) : null}
      </section>
      <LocalServersSection providers={providers} busy={saving} onSaved={(saved) => setProviders(managedFirst(saved))} />
      <section aria-labelledby="speed-heading" className="settings-section">
        <h2 id="speed-heading">When a provider is slow</h2>
        {preferences.phase === 'ready' ? (
          <div className="checkbox-field">
            <input
              id="hedging"
              type="checkbox"
              checked={preferences.hedging}
              disabled={preferences.locked === true}
              aria-describedby="hedging-help"
              onChange={(event) => changeHedging(event.target.checked)}
            />
            <label htmlFor="hedging">Race the next provider when one is slow (hedged requests)</label>
            {preferences.locked ? <span className="field-help"> Set by your organization.</span> : null}
          </div>
        ) : (
          <p className="health-unavailable">This setting is unavailable right now. Reload the page to try again.</p>
        )}
        <p id="hedging-help" className="field-help checkbox-help">
          When the provider that should answer stays silent for longer than it usually takes (at least 2 s), Lifeline
          also asks the next provider, keeps whichever answers first and cancels the other. A silent provider then costs
          you about 3 s instead of 10–20 s; in those rare cases it uses one extra prompt. On by default.
        </p>
        {preferencesError ? (
          <p className="form-error" role="alert">
            {preferencesError}
          </p>
        ) : null}
      </section>
      <TaskChainsSection providers={providers} />
      <LongPagesSection />
      <OnDeviceSection />
      <PrivacySection />
      <HistorySection />
      <KeyLockSection onChanged={() => setLoadAttempt((attempt) => attempt + 1)} />
      <SettingsTransferSection onChanged={() => setLoadAttempt((attempt) => attempt + 1)} />
    </main>
  );
}

function healthStateOf(result: PromiseSettledResult<EntryHealthView[]>): HealthState {
  if (result.status === 'rejected' || !Array.isArray(result.value)) return { phase: 'failed' };
  return { phase: 'ready', views: new Map(result.value.map((view) => [view.id, view])), at: Date.now() };
}

const messageOf = errorText;
