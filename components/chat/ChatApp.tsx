// The one chat app of every surface: the in-page panel (panel.html in the page's tab), the toolbar popup and the side
// panel. Quick actions, the conversation, the message box and the history; all work goes through the job API.
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { preloadAnswerMarkdown } from '@/components/AnswerMarkdown';
import { normalizePageUrl } from '@/utils/history/normalize-page-url';
import { onPageMessage } from '@/utils/messaging/page-events';
import { sendMessage } from '@/utils/messaging/protocol';
import { ChatMessages } from './ChatMessages';
import { Composer } from './Composer';
import { HistoryView } from './HistoryView';
import { QuickActions } from './QuickActions';
import { useChat } from './use-chat';
import { intentFromAddress, usePanelFrame } from './use-panel-frame';
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
  const [openingIntent] = useState(() => (surface === 'panel' ? intentFromAddress(location.search) : undefined));
  const chat = useChat(tabId, openingIntent);
  const panel = usePanelFrame(tabId, chat, surface === 'panel', openingIntent);
  const [showHistory, setShowHistory] = useState(false);
  const { view } = chat;
  const reload = chat.reload;

  useEffect(() => {
    if (revision > 0) void reload();
  }, [revision, reload]);

  // After the first paint: the answers' Markdown renderer, so the first answer need not wait for it.
  useEffect(() => {
    const idle = setTimeout(preloadAnswerMarkdown, 0);
    return () => clearTimeout(idle);
  }, []);

  // The side panel learns when Lifeline was let into a tab (toolbar button, menu or shortcut). Only a tab it could not
  // read yet is loaded again: its own loads announce access too, and must not start another.
  const shownAccess = useRef<{ tabId?: number; access?: string }>({});
  shownAccess.current = { ...(view ? { tabId: view.tabId, access: view.access } : {}) };
  useEffect(() => {
    if (surface !== 'sidepanel') return;
    return onPageMessage('tabAccessChanged', (data) => {
      const shown = shownAccess.current;
      if (shown.tabId === data.tabId && shown.access === 'no-access') void reload();
    });
  }, [surface, reload]);

  const openSettings = (): void => void browser.runtime.openOptionsPage();
  const ready = view?.access === 'ok';
  const otherPage = view?.conversation && view.page && view.conversation.pageKey !== normalizePageUrl(view.page.url);
  const inPanel = surface === 'panel';

  return (
    <main className={`ll-chat ll-chat-${surface}`} aria-busy={view === undefined}>
      <header className="ll-chat-header" {...(inPanel ? panel.headerProps : {})}>
        {inPanel && (
          <button type="button" className="ll-icon-button ll-move-handle" aria-label="Move panel" title="Move panel (arrow keys)" {...panel.handleProps}>
            ✥
          </button>
        )}
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
        {inPanel && (
          <button type="button" className="ll-icon-button" aria-label="Close Lifeline panel" title="Close (Esc)" onClick={panel.close}>
            ×
          </button>
        )}
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
      ) : view === undefined && !chat.pending ? (
        <p className="ll-chat-note">{chat.problem ?? 'Loading…'}</p>
      ) : view?.access === 'no-access' ? (
        <section className="ll-chat-no-access" aria-label="No access to this tab">
          <p className="ll-status ll-status-warning" role="status">
            {view.message}
          </p>
        </section>
      ) : (
        <>
          <p className="ll-chat-page" title={view?.page?.url}>
            {view?.page?.title || view?.page?.url}
          </p>
          <QuickActions disabled={chat.busy || chat.running} send={(intent) => chat.start(intent)} />
          {otherPage && (
            <p className="ll-chat-note">
              This conversation is about another page: {view.conversation!.title}. New questions start a conversation about this page.
            </p>
          )}
          <ChatMessages
            conversation={chat.conversation}
            pending={chat.pending}
            busy={chat.busy}
            decide={chat.decide}
            replace={(text) => sendMessage('replaceInTab', { tabId: tabId ?? -1, text })}
            openSettings={openSettings}
            cancel={inPanel ? panel.close : () => undefined}
          />
          {chat.problem && (
            <div className="ll-status ll-status-error ll-chat-problem" role="alert">
              {chat.problem}
            </div>
          )}
          <Composer disabled={chat.busy} running={chat.running} send={(intent) => chat.start(intent)} stop={chat.stop} escapeStops={!inPanel} />
        </>
      )}
    </main>
  );
}
