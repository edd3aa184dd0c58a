// The chat surface shared by the toolbar popup and the side panel: quick actions, the conversation, the message box
// and the history.
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { normalizePageUrl } from '@/utils/history/normalize-page-url';
import { onMessage, sendMessage } from '@/utils/messaging/protocol';
import { ChatMessages } from './ChatMessages';
import { Composer } from './Composer';
import { HistoryView } from './HistoryView';
import { QuickActions } from './QuickActions';
import { useChat } from './use-chat';
import { useSurfaceTab, type ChatSurface } from './use-surface-tab';

interface SidePanelApi {
  sidePanel?: { open(options: { tabId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/** Opening the side panel needs the click's user gesture: called straight from the button's handler. */
function openSidePanel(tabId: number): void {
  const api = browser as unknown as SidePanelApi;
  if (api.sidePanel) void api.sidePanel.open({ tabId }).then(() => window.close());
  else if (api.sidebarAction) void api.sidebarAction.open().then(() => window.close());
}

export const canOpenSidePanel = (): boolean => {
  const api = browser as unknown as SidePanelApi;
  return Boolean(api.sidePanel ?? api.sidebarAction);
};

export function ChatApp({ surface }: { surface: ChatSurface }) {
  const { tabId, revision } = useSurfaceTab(surface);
  const chat = useChat(tabId);
  const [showHistory, setShowHistory] = useState(false);
  const { view } = chat;
  const reload = chat.reload;

  useEffect(() => {
    if (revision > 0) void reload();
  }, [revision, reload]);

  // The side panel learns when Lifeline was let into a tab (toolbar button, menu or shortcut). Only a tab it could not
  // read yet is loaded again: its own loads announce access too, and must not start another.
  const shownAccess = useRef<{ tabId?: number; access?: string }>({});
  shownAccess.current = { ...(view ? { tabId: view.tabId, access: view.access } : {}) };
  useEffect(() => {
    if (surface !== 'sidepanel') return;
    return onMessage('tabAccessChanged', ({ data }) => {
      const shown = shownAccess.current;
      if (shown.tabId === data.tabId && shown.access === 'no-access') void reload();
    });
  }, [surface, reload]);

  const openSettings = (): void => void browser.runtime.openOptionsPage();
  const ready = view?.access === 'ok';
  const otherPage = view?.conversation && view.page && view.conversation.pageKey !== normalizePageUrl(view.page.url);

  return (
    <main className={`ll-chat ll-chat-${surface}`} aria-busy={view === undefined}>
      <header className="ll-chat-header">
        <h1>Lifeline</h1>
        <nav className="ll-chat-nav" aria-label="Lifeline">
          <button type="button" className="ll-button" disabled={!ready} onClick={() => void chat.newChat().then(() => setShowHistory(false))}>
            New chat
          </button>
          <button type="button" className="ll-button" aria-pressed={showHistory} onClick={() => setShowHistory(!showHistory)}>
            History
          </button>
          {surface === 'popup' && tabId !== undefined && canOpenSidePanel() && (
            <button type="button" className="ll-button" onClick={() => openSidePanel(tabId)}>
              Side panel
            </button>
          )}
          <button type="button" className="ll-button" onClick={openSettings}>
            Settings
          </button>
        </nav>
      </header>
      {view?.incognito && <p className="ll-chat-note">Private window: this chat is kept in memory only and never saved.</p>}
      {showHistory ? (
        <HistoryView
          open={(conversation) => {
            chat.show(conversation);
            setShowHistory(false);
          }}
          close={() => {
            // The conversation on screen may have been deleted meanwhile: show the page's as it is now.
            setShowHistory(false);
            void chat.reload();
          }}
        />
      ) : view === undefined ? (
        <p className="ll-chat-note">{chat.problem ?? 'Loading…'}</p>
      ) : view.access === 'no-access' ? (
        <section className="ll-chat-no-access" aria-label="No access to this tab">
          <p className="ll-status ll-status-warning" role="status">
            {view.message}
          </p>
        </section>
      ) : (
        <>
          <p className="ll-chat-page" title={view.page?.url}>
            {view.page?.title || view.page?.url}
          </p>
          <QuickActions disabled={chat.busy || chat.running} send={(action) => chat.send(action)} />
          {otherPage && (
            <p className="ll-chat-note">
              This conversation is about another page: {view.conversation!.title}. New questions start a conversation about this page.
            </p>
          )}
          <ChatMessages
            conversation={chat.conversation}
            busy={chat.busy}
            again={(choices) => void chat.again(choices)}
            stop={chat.stop}
            replace={(text) => sendMessage('replaceInTab', { tabId: view.tabId, text })}
            openSettings={openSettings}
          />
          {chat.problem && (
            <div className="ll-status ll-status-error ll-chat-problem" role="alert">
              {chat.problem}
            </div>
          )}
          <Composer disabled={chat.busy} running={chat.running} send={(action) => chat.send(action)} stop={chat.stop} />
        </>
      )}
    </main>
  );
}
