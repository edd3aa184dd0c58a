// Options page: the providers and their fail-over order. Everything is saved through the background; keys never come back.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';
import { sendMessage } from '@/utils/messaging/protocol';
import {
  blankDraft,
  draftsFromViews,
  moveItem,
  problemsForDraft,
  withDraftAt,
  withoutItemAt,
} from '@/utils/storage/provider-drafts';
import {
  validateDrafts,
  type DraftProblem,
  type ProviderDraft,
  type ProviderView,
} from '@/utils/storage/provider-settings';
import { ProviderEditor } from './ProviderEditor';
import { ProviderList } from './ProviderList';

type LoadState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready' };

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

  useEffect(() => {
    let current = true;
    setLoad({ phase: 'loading' });
    sendMessage('getProviders').then(
      (loaded) => {
        if (!current) return;
        setProviders(loaded);
        setLoad({ phase: 'ready' });
      },
      (cause: unknown) => {
        if (current) setLoad({ phase: 'failed', message: messageOf(cause) });
      },
    );
    return () => {
      current = false;
    };
  }, [loadAttempt]);

  // Moves focus to a control that re-rendered (or appeared) after an action, once it is enabled again.
  useEffect(() => {
    if (!focusKey || saving) return;
    const target = document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (target && !target.matches(':disabled')) target.focus();
    setFocusKey(null);
  }, [focusKey, saving, providers, editing]);

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
      setProviders(result.providers);
      setProblems([]);
      setStatus(savedStatus);
      return result.providers;
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
      const newIndex = index + direction;
      const canGoFurther = direction === -1 ? newIndex > 0 : newIndex < saved.length - 1;
      const otherWay = direction === -1 ? 'down' : 'up';
      const id = saved[newIndex]?.id ?? moved.id;
      setFocusKey(`${canGoFurther ? where : otherWay}:${id}`);
    });
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

  const editor =
    editing === null ? null : (
      <ProviderEditor
        key={editedView?.id ?? 'new'}
        initial={editedView ? (draftsFromViews([editedView])[0] ?? blankDraft('anthropic')) : blankDraft('anthropic')}
        isNew={editing === 'new'}
        hasKey={editedView?.hasKey ?? false}
        {...(editedView?.keyHint ? { keyHint: editedView.keyHint } : {})}
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
      <section aria-labelledby="providers-heading">
        <h2 id="providers-heading">Providers</h2>
        <p className="intro">
          Lifeline asks your providers in this order. The first one answers; if it fails, the next one takes over, and
          every answer says who answered.
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
        <ProviderList
          providers={providers}
          editingIndex={typeof editing === 'number' ? editing : null}
          editor={editor}
          locked={saving || editing !== null}
          onEdit={openEditor}
          onRemove={remove}
          onMove={move}
        />
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
    </main>
  );
}

function messageOf(cause: unknown): string {
  // Errors that crossed the messaging boundary are rebuilt, so read the message as data.
  const message = typeof cause === 'object' && cause !== null && 'message' in cause ? cause.message : cause;
  const text = typeof message === 'string' && message.trim() ? message.trim() : 'an unknown error';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
