// The in-page panel's frame (panel.html, shown by the panel loader inside a closed shadow root in the page's tab):
// the same chat app as the popup and the side panel. Wiring only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/theme.css';
import '../../assets/controls.css';
import '../../components/chat/chat.css';
import { ChatApp } from '@/components/chat/ChatApp';

const root = document.getElementById('root');
if (!root) throw new Error('Lifeline panel: #root is missing from index.html.');
createRoot(root).render(
  <StrictMode>
    <ChatApp surface="panel" />
  </StrictMode>,
);
