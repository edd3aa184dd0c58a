// Providers: the fail-over order with each provider's health and controls, the editor, and the welcome for a first provider.
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';
import { DEFAULT_NEW_PRESET, errorText, formFromDraft, formFromPreset, reorderByDrag } from '@/utils/providers/provider-form';
import { draftsFromViews, managedCount, moveItem, problemsForDraft, withDraftAt, withEnabledAt, withoutItemAt } from '@/utils/storage/provider-drafts';
import { validateDrafts, type DraftProblem, type ProviderDraft, type ProviderView } from '@/utils/storage/provider-settings';
import { ProviderEditor } from './ProviderEditor';
import { ProviderList } from './ProviderList';
import { useFocusKey } from './providers/use-focus-key';
import { useProviderFixes } from './providers/use-provider-fixes';
import { useProviderHealth } from './providers/use-provider-health';
import { Welcome } from './providers/Welcome';
import type { ProviderListState } from './use-provider-list';

/** Which provider the editor is open for: an index into the list, or 'new'. */
type Editing = number | 'new' | null;

export function ProvidersSection({ list }: { list: ProviderListState }) {
  const { providers, setProviders, saving } = list;
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const { health, refreshHealth } = useProviderHealth();
  const setFocusKey = useFocusKey(saving);
  const { grantAccess, tryAgain, accessMessages, retryingId } = useProviderFixes({
    providers,
    setProviders,
    refreshHealth,
    setStatus,
    setError,
    focus: setFocusKey,
  });

  /** Saves the full ordered list; returns the saved providers, or null after showing what went wrong. */
  const save = async (drafts: ProviderDraft[], savedStatus: string): Promise<ProviderView[] | null> => {
    setError('');
    setStatus('Saving…');
    try {
      const result = await list.save(drafts);
      if (!result.ok) {
        setProblems(result.problems);
        setStatus('Not saved: see the problems below.');
        return null;
      }
      setProblems([]);
      setStatus(savedStatus);
      void refreshHealth();
      return result.providers;
    } catch (cause) {
      setError(`Lifeline could not save your providers: ${errorText(cause)} Nothing was changed; try again.`);
      setStatus('');
      return null;
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
    <>
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
    </>
  );
}
