// Mounts the one chat app in a surface's page. Entry points import it; the panel loads it after its first paint.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatApp } from './ChatApp';
import type { ChatSurface } from './use-surface-tab';

export function mountChatApp(surface: ChatSurface): void {
  const root = document.getElementById('root');
  if (!root) throw new Error(`Lifeline ${surface}: #root is missing from its page.`);
  createRoot(root).render(
    <StrictMode>
      <ChatApp surface={surface} />
    </StrictMode>,
  );
}
