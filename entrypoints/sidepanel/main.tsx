// Side panel (Chrome) and sidebar (Firefox) entry: the same chat, following the window's active tab. Wiring only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/theme.css';
import '../../assets/controls.css';
import '../../components/chat/chat.css';
import { ChatApp } from '@/components/chat/ChatApp';

const root = document.getElementById('root');
if (!root) throw new Error('Lifeline side panel: #root is missing from index.html.');
createRoot(root).render(
  <StrictMode>
    <ChatApp surface="sidepanel" />
  </StrictMode>,
);
