// Where conversations live: the kept history (or this session's chats when history is off), and memory for private windows.
import type { ConversationStore } from '@/utils/history/conversation';
import { createConversationStore, createMemoryItem } from '@/utils/history/conversation-store';
import { cleanHistoryPreferences, conversationsItem, historyNoticeItem, historyPreferencesItem, sessionConversationsItem } from '@/utils/history/history-items';

/** Conversations kept while history is off (this browser session only) and in private windows (memory only). */
const UNSAVED_CONVERSATIONS_CAP = 50;

export interface ConversationStores {
  /** History, or this session's conversations when history is off. */
  forNormalWindows(): Promise<ConversationStore>;
  /** Private windows: memory only, gone with the worker. */
  incognito: ConversationStore;
  /** What the History view shows and acts on: the kept history and this session's chats (with history off). */
  browsable: ConversationStore[];
  /** The kept history, whose notices the History view shows. */
  kept: ConversationStore;
  /** Every store a job's conversation may belong to. */
  all: ConversationStore[];
}

export function createConversationStores(): ConversationStores {
  const preferences = async () => cleanHistoryPreferences(await historyPreferencesItem.getValue());
  const history = createConversationStore({
    item: conversationsItem,
    noticeItem: historyNoticeItem,
    maxConversations: async () => (await preferences()).maxConversations,
  });
  const session = createConversationStore({ item: sessionConversationsItem, maxConversations: () => UNSAVED_CONVERSATIONS_CAP });
  const incognito = createConversationStore({ item: createMemoryItem(), maxConversations: () => UNSAVED_CONVERSATIONS_CAP });
  return {
    forNormalWindows: async () => ((await preferences()).enabled ? history : session),
    incognito,
    browsable: [history, session],
    kept: history,
    all: [history, session, incognito],
  };
}
