// Options section: whether chats are kept, how many conversations at most, and deleting the whole history.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { HistoryPreferences } from '@/utils/history/conversation';
import { sendMessage } from '@/utils/messaging/protocol';
import { SectionStatus } from './SectionStatus';
import './history-section.css';
import './privacy-section.css';
import './settings-sections.css';

const MIN_CAP = 1;
const MAX_CAP = 1000;
const NOT_SAVED = 'Lifeline could not save this setting. Nothing was changed; try again.';

type Loaded = { phase: 'loading' } | { phase: 'failed' } | { phase: 'ready'; preferences: HistoryPreferences };

/** Which control gets the focus after the delete step changes what is shown. */
type FocusTarget = 'cancel-delete' | 'delete-all' | null;

const conversations = (n: number): string => `${n.toLocaleString()} ${n === 1 ? 'conversation' : 'conversations'}`;

const savedText = (saved: HistoryPreferences): string =>
  saved.enabled
    ? `Saved. Lifeline keeps your chats, at most ${conversations(saved.maxConversations)}.`
    : 'Saved. Chats are no longer kept: each lasts until the browser closes.';

/** The cap as typed, when it is a whole number in range. */
function parseCap(typed: string): number | undefined {
  const cap = Number(typed);
  return typed.trim() !== '' && Number.isInteger(cap) && cap >= MIN_CAP && cap <= MAX_CAP ? cap : undefined;
}

/** Deletes every listed conversation, one at a time; returns how many went before any failure. */
/** Conversations (kept and this session's) and the kept page summaries, all at once. */
async function deleteAllConversations(): Promise<{ deleted: number; of: number; failed: boolean }> {
  try {
    const { deleted } = await sendMessage('deleteAllHistory');
    return { deleted, of: deleted, failed: false };
  } catch {
    return { deleted: 0, of: 0, failed: true };
  }
}

function deletedText(result: { deleted: number; of: number; failed: boolean }): string {
  if (result.failed) return 'Lifeline could not delete the history. Try again.';
  return result.of === 0 ? 'There was no history to delete.' : `Deleted ${conversations(result.deleted)}.`;
}

export function HistorySection() {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [cap, setCap] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const section = useRef<HTMLElement>(null);
  const id = useId();

  useEffect(() => {
    let current = true;
    sendMessage('getHistoryPreferences').then(
      (preferences) => {
        if (!current) return;
        setLoaded({ phase: 'ready', preferences });
        setCap(String(preferences.maxConversations));
      },
      () => current && setLoaded({ phase: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!focusTarget || busy) return;
    section.current?.querySelector<HTMLElement>(`[data-history-focus="${focusTarget}"]`)?.focus();
    setFocusTarget(null);
  }, [focusTarget, busy, confirming]);

  const save = (next: HistoryPreferences): void => {
    setBusy(true);
    setProblem('');
    setStatus('Saving…');
    sendMessage('saveHistoryPreferences', next)
      .then(
        (saved) => {
          setLoaded({ phase: 'ready', preferences: saved });
          setCap(String(saved.maxConversations));
          setStatus(savedText(saved));
        },
        () => {
          setProblem(NOT_SAVED);
          setStatus('');
        },
      )
      .finally(() => setBusy(false));
  };

  const saveCap = (event: FormEvent): void => {
    event.preventDefault();
    if (loaded.phase !== 'ready' || busy) return;
    const maxConversations = parseCap(cap);
    if (maxConversations === undefined) {
      setProblem(`Enter a whole number of conversations from ${MIN_CAP} to ${MAX_CAP}.`);
      return;
    }
    save({ ...loaded.preferences, maxConversations });
  };

  const deleteAll = (): void => {
    setBusy(true);
    setProblem('');
    setStatus('Deleting…');
    deleteAllConversations()
      .then(
        (result) => {
          setStatus(result.failed ? '' : deletedText(result));
          if (result.failed) setProblem(deletedText(result));
        },
        () => {
          setStatus('');
          setProblem('Lifeline could not read your history, so nothing was deleted. Try again.');
        },
      )
      .finally(() => {
        setBusy(false);
        setConfirming(false);
        setFocusTarget('delete-all');
      });
  };

  const preferences = loaded.phase === 'ready' ? loaded.preferences : undefined;

  return (
    <section ref={section} aria-labelledby={`${id}-heading`} className="settings-section">
      <h2 id={`${id}-heading`}>Chat history</h2>
      <p className="intro">
        Lifeline files your chats by page, so you can search, reopen and export them from the history. They stay on this
        device; chats in private windows are never kept.
      </p>
      {loaded.phase === 'loading' && <p className="intro">Loading…</p>}
      {loaded.phase === 'failed' && (
        <p className="health-unavailable">These settings are unavailable right now. Reload the page to try again.</p>
      )}
      {preferences && (
        <>
          <div className="checkbox-field">
            <input
              id={`${id}-enabled`}
              type="checkbox"
              checked={preferences.enabled}
              disabled={busy}
              aria-describedby={`${id}-enabled-help`}
              onChange={(event) => save({ ...preferences, enabled: event.target.checked })}
            />
            <label htmlFor={`${id}-enabled`}>Keep chat history</label>
          </div>
          <p id={`${id}-enabled-help`} className="field-help checkbox-help">
            When off, a chat lasts only until the browser closes and nothing is written to disk. To remove what is already
            kept, use Delete all history below.
          </p>
          <form className="site-form history-cap" noValidate onSubmit={saveCap}>
            <label htmlFor={`${id}-cap`}>Keep at most</label>
            <input
              id={`${id}-cap`}
              type="number"
              min={MIN_CAP}
              max={MAX_CAP}
              step={1}
              value={cap}
              aria-describedby={`${id}-cap-unit ${id}-cap-help`}
              onChange={(event) => setCap(event.target.value)}
            />
            <span id={`${id}-cap-unit`}>conversations</span>
            <button type="submit" className="ll-button" disabled={busy}>
              Save limit
            </button>
          </form>
          <p id={`${id}-cap-help`} className="field-help history-help">
            Beyond this number, or when the browser runs short of storage for Lifeline, the conversations you have not used
            for longest are deleted first, and the history tells you.
          </p>
        </>
      )}
      {confirming ? (
        <div className="history-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>Delete every kept conversation? This cannot be undone.</p>
          <div className="section-actions">
            <button type="button" className="ll-button danger" disabled={busy} onClick={deleteAll}>
              Delete everything
            </button>
            <button
              type="button"
              className="ll-button"
              data-history-focus="cancel-delete"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                setFocusTarget('delete-all');
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="section-actions">
          <button
            type="button"
            className="ll-button danger"
            data-history-focus="delete-all"
            disabled={busy}
            onClick={() => {
              setStatus('');
              setConfirming(true);
              setFocusTarget('cancel-delete');
            }}
          >
            Delete all history
          </button>
        </div>
      )}
      <SectionStatus status={status} problem={problem} />
    </section>
  );
}
