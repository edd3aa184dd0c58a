// Side panel (Chrome) and sidebar (Firefox) entry: the same chat, following the window's active tab. Wiring only.
import '../../assets/theme.css';
import '../../assets/controls.css';
import '../../components/chat/chat.css';
import { mountChatApp } from '@/components/chat/mount-chat-app';

mountChatApp('sidepanel');
