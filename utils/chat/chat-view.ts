// What a chat surface shows of a tab: its page and the page's latest conversation, or why Lifeline cannot read it.
import type { Conversation } from '../history/conversation';
import type { PageInfo } from '../jobs/task';

export interface ChatView {
  tabId: number;
  /** `no-access`: the browser has not let Lifeline into this tab (see `message` for the one-click way in). */
  access: 'ok' | 'no-access';
  page?: PageInfo;
  conversation?: Conversation;
  /** Chats of private windows are kept in memory only, never written anywhere. */
  incognito: boolean;
  message?: string;
}
