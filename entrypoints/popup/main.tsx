// Toolbar popup entry: the chat about the current tab, with quick actions. Wiring only.
import '../../assets/theme.css';
import '../../assets/controls.css';
import '../../components/chat/chat.css';
import { mountChatApp } from '@/components/chat/mount-chat-app';

mountChatApp('popup');
