// Past conversations: search, reopen, delete and export as Markdown; says so when old ones were removed to make room.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Conversation, ConversationSummary, HistoryNotice } from '@/utils/history/conversation';
import { formatAbsoluteTime, formatRelativeTime } from '@/utils/history/relative-time';
import { sendMessage } from '@/utils/messaging/protocol';

interface HistoryViewProps {
  open: (conversation: Conversation) => void;
  close: () => void;
}

/** Saves text as a file through a temporary link: no downloads permission needed. */
function download(markdown: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function noticeText(notice: HistoryNotice): string {
  const count = `${notice.removed} older ${notice.removed === 1 ? 'conversation was' : 'conversations were'} removed`;
  return notice.reason === 'cap' ? `${count}: history keeps only the newest (see Settings).` : `${count} because the browser's storage for Lifeline was full.`;
}

export function HistoryView({ open, close }: HistoryViewProps) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ConversationSummary[] | undefined>(undefined);
  const [notice, setNotice] = useState<HistoryNotice | null>(null);
  const [message, setMessage] = useState('');
  const language = browser.i18n.getUILanguage();
  const now = Date.now();

  // Each search's answer is used only while it is still the latest search.
  const latest = useRef(0);
  const load = useCallback(async (search: string) => {
    const asked = ++latest.current;
    try {
      const found = await sendMessage('listConversations', search.trim() ? { query: search } : {});
      if (asked === latest.current) setItems(found);
    } catch {
      if (asked === latest.current) setItems([]);
      setMessage('Lifeline could not read the history. Close this window and open it again.');
    }
  }, []);

  /** Runs one of the view's actions; if the background cannot do it, says so instead of failing silently. */
  const act = (work: () => Promise<void>, failed: string) => (): void => {
    void work().catch(() => setMessage(failed));
  };

  useEffect(() => {
    void load(query);
  }, [query, load]);
  useEffect(() => {
    void sendMessage('getHistoryNotice').then(setNotice, () => setNotice(null));
  }, []);

  const exportSome = async (ids?: string[]): Promise<void> => {
    const { markdown, fileName } = await sendMessage('exportConversations', ids ? { ids } : {});
    download(markdown, fileName);
    setMessage(`Exported ${ids ? 'the conversation' : 'the history'} as ${fileName}.`);
  };

  const remove = async (item: ConversationSummary): Promise<void> => {
    await sendMessage('deleteConversation', { id: item.id });
    setMessage(`Deleted "${item.title}".`);
    await load(query);
  };

  const reopen = async (item: ConversationSummary): Promise<void> => {
    const conversation = await sendMessage('getConversation', { id: item.id });
    if (conversation) open(conversation);
    else setMessage('That conversation is gone.');
  };

  return (
    <section className="ll-history" aria-label="History">
      <div className="ll-history-bar">
        <button type="button" className="ll-button" onClick={close}>
          Back to chat
        </button>
        <input className="ll-input" type="search" aria-label="Search history" placeholder="Search history" value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      {notice && (
        <div className="ll-status ll-status-warning ll-history-notice" role="status">
          {noticeText(notice)}{' '}
          <button
            type="button"
            className="ll-button"
            onClick={() => void sendMessage('dismissHistoryNotice').then(() => setNotice(null))}
          >
            Dismiss
          </button>
        </div>
      )}
      <p className="ll-chat-note" role="status">
        {message}
      </p>
      {items === undefined ? (
        <p className="ll-chat-note">Loading…</p>
      ) : items.length === 0 ? (
        <p className="ll-chat-empty">{query.trim() ? 'No conversation matches.' : 'No conversations yet.'}</p>
      ) : (
        <>
          <ul className="ll-history-list" aria-label="Conversations">
            {items.map((item) => (
              <li key={item.id} className="ll-history-item">
                {/* Only the title is the button's visible text, so its name ("Open …") contains all it shows. */}
                <button type="button" className="ll-history-open" onClick={act(() => reopen(item), 'Lifeline could not open that conversation. Try again.')} aria-label={`Open ${item.title}`}>
                  <span className="ll-history-title">{item.title}</span>
                </button>
                <span className="ll-history-meta">
                  <time dateTime={new Date(item.updatedAt).toISOString()} title={formatAbsoluteTime(item.updatedAt, language)}>
                    {formatRelativeTime(item.updatedAt, now, language)}
                  </time>{' '}
                  · {item.messageCount} {item.messageCount === 1 ? 'message' : 'messages'}
                </span>
                <span className="ll-history-preview">{item.preview}</span>
                <div className="ll-history-actions">
                  <button type="button" className="ll-button" aria-label={`Export ${item.title}`} onClick={act(() => exportSome([item.id]), 'Lifeline could not export that conversation. Try again.')}>
                    Export
                  </button>
                  <button type="button" className="ll-button" aria-label={`Delete ${item.title}`} onClick={act(() => remove(item), `Lifeline could not delete "${item.title}". Try again.`)}>
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <button type="button" className="ll-button" onClick={act(() => exportSome(), 'Lifeline could not export the history. Try again.')}>
            Export all as Markdown
          </button>
        </>
      )}
    </section>
  );
}
