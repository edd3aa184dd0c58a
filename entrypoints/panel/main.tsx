// The in-page panel's frame (panel.html, shown by the panel loader inside a closed shadow root in the page's tab):
// the same chat app as the popup and the side panel. Wiring only.
import '../../assets/theme.css';
import '../../assets/controls.css';
import '../../components/chat/chat.css';
import { mountChatApp } from '@/components/chat/mount-chat-app';

mountChatApp('panel');
