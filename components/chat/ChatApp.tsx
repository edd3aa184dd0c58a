// The one chat app of every surface: the in-page panel (panel.html in the page's tab), the toolbar popup and the side
// panel. Quick actions, the conversation, the message box and the history; all work goes through the job API.
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { preloadAnswerMarkdown } from '@/components/AnswerMarkdown';
import { normalizePageUrl } from '@/utils/history/normalize-page-url';
import { onPageMessage } from '@/utils/messaging/page-events';
import { sendMessage } from '@/utils/messaging/protocol';
import { JobStatusChip, StatusChip } from '@/components/StatusChip';
import { ChatHeader } from './ChatHeader';
import { ChatMessages, pendingText } from './ChatMessages';
import { Composer } from './Composer';
import { HistoryView } from './HistoryView';
import { OnboardingCard } from './OnboardingCard';
import { QuickActions } from './QuickActions';
import { ReplacedNote, RewritePopover } from './RewritePopover';
import { useChat } from './use-chat';
import { intentFromAddress, usePanelFrame } from './use-panel-frame';
import { useSurfaceTab, type ChatSurface } from './use-surface-tab';
import { useTabSelection } from './use-tab-selection';

export function ChatApp({ surface }: { surface: ChatSurface }) {
  const { tabId, revision } = useSurfaceTab(surface);
  const [openingIntent] = useState(() => (surface === 'panel' ? intentFromAddress(location.search) : undefined));
  const chat = useChat(tabId, openingIntent);
  const panel = usePanelFrame(tabId, chat, surface === 'panel', openingIntent);
  const [showHistory, setShowHistory] = useState(false);
  const [replacedOriginal, setReplacedOriginal] = useState('');
  const { view } = chat;
  const selection = useTabSelection(view?.access === 'ok' ? tabId : undefined, revision);
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

  const conversation = chat.conversation;
  const lastAnswer = conversation?.messages.at(-1);
  const replaceInTab = (text: string, placement: 'replace' | 'below' = 'replace') =>
    sendMessage('replaceInTab', { tabId: tabId ?? -1, text, ...(placement === 'below' ? { placement } : {}) });

  // The in-page panel opened for a rewrite shows it next to the selection; after Replace, a note with Undo.
  if (inPanel && panel.shape === 'toast') return <ReplacedNote panel={panel} original={replacedOriginal} replace={replaceInTab} />;
  if (inPanel && panel.shape === 'popover') {
    return (
      <RewritePopover
        chat={chat}
        panel={panel}
        intent={openingIntent}
        replace={replaceInTab}
        onPut={(original) => {
          setReplacedOriginal(original);
          panel.reshape('toast');
        }}
      />
    );
  }

  return (
    <main className={`ll-chat ll-chat-${surface}`} aria-busy={view === undefined}>
      <ChatHeader
        surface={surface}
        tabId={tabId}
        ready={ready}
        showingHistory={showHistory}
        newChat={() => void chat.newChat().then(() => setShowHistory(false))}
        toggleHistory={() => setShowHistory(!showHistory)}
        openSettings={openSettings}
        {...(inPanel ? { panel } : {})}
      />
      {surface === 'popup' && view && !showHistory && (
        <OnboardingCard tryIt={ready ? () => void chat.start({ kind: 'summarize-page' }) : undefined} busy={chat.busy || chat.running} />
      )}
      {view?.incognito && <p className="ll-chat-note ll-chat-notice">Private window: this chat is kept in memory only and never saved.</p>}
      {showHistory ? (
        <HistoryView
          open={(shown) => {
            chat.show(shown);
            setShowHistory(false);
          }}
          close={() => {
            // The conversation on screen may have been deleted meanwhile: show the page's as it is now.
            setShowHistory(false);
            void chat.reload();
          }}
        />
      ) : view === undefined && !chat.pending ? (
        <p className="ll-chat-note ll-chat-notice">{chat.problem ?? 'Loading…'}</p>
      ) : view?.access === 'no-access' ? (
        <section className="ll-chat-no-access" aria-label="No access to this tab">
          <p className="ll-status ll-status-warning" role="status">
            {view.message}
          </p>
        </section>
      ) : (
        <>
          <div className="ll-chat-context">
            <p className="ll-chat-page" title={view?.page?.url}>
              {view?.page?.title || view?.page?.url}
            </p>
            <QuickActions disabled={chat.busy || chat.running} selection={selection} send={(intent) => chat.start(intent)} />
            {otherPage && (
              <p className="ll-chat-note">
                This conversation is about another page: {view.conversation!.title}. New questions start a conversation about this page.
              </p>
            )}
          </div>
          <ChatMessages
            conversation={conversation}
            pending={chat.pending}
            busy={chat.busy}
            decide={chat.decide}
            replace={(text) => replaceInTab(text)}
            openSettings={openSettings}
            cancel={inPanel ? panel.close : () => undefined}
          />
          <footer className="ll-chat-footer">
            {chat.pending ? (
              <StatusChip status={{ label: pendingText(chat.pending), tone: 'working', story: [] }} />
            ) : (
              lastAnswer?.role === 'assistant' && <JobStatusChip job={lastAnswer.job} />
            )}
            {chat.problem && (
              <p className="ll-chat-problem" role="alert">
                {chat.problem}
              </p>
            )}
            <Composer disabled={chat.busy} running={chat.running} send={(intent) => chat.start(intent)} stop={chat.stop} escapeStops={!inPanel} />
          </footer>
        </>
      )}
    </main>
  );
}
