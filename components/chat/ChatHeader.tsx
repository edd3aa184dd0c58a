// The chat app's header: its title, New chat, History, the side panel (from the popup), Settings; in the in-page panel
// also the handle that moves it and the button that closes it.
import type { HTMLAttributes } from 'react';
import { browser } from 'wxt/browser';
import { CloseIcon, MoveIcon } from '@/components/icons';
import type { ChatSurface } from './use-surface-tab';

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

interface ChatHeaderProps {
  surface: ChatSurface;
  tabId: number | undefined;
  ready: boolean;
  showingHistory: boolean;
  newChat(): void;
  toggleHistory(): void;
  openSettings(): void;
  /** The in-page panel's move handle and close button. */
  panel?: { headerProps: HTMLAttributes<HTMLElement>; handleProps: HTMLAttributes<HTMLButtonElement>; close(): void };
}

export function ChatHeader({ surface, tabId, ready, showingHistory, newChat, toggleHistory, openSettings, panel }: ChatHeaderProps) {
  return (
    <header className="ll-chat-header" {...(panel?.headerProps ?? {})}>
      {panel && (
        <button type="button" className="ll-icon-button ll-move-handle" aria-label="Move panel" title="Move panel (arrow keys)" {...panel.handleProps}>
          <MoveIcon />
        </button>
      )}
      <h1>Lifeline</h1>
      <nav className="ll-chat-nav" aria-label="Lifeline">
        <button type="button" className="ll-button" disabled={!ready} onClick={newChat}>
          New chat
        </button>
        <button type="button" className="ll-button" aria-pressed={showingHistory} onClick={toggleHistory}>
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
      {panel && (
        <button type="button" className="ll-icon-button" aria-label="Close Lifeline panel" title="Close (Esc)" onClick={panel.close}>
          <CloseIcon />
        </button>
      )}
    </header>
  );
}
