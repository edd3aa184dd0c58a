// History messages: list, open, delete and export conversations, and the history preferences of the settings page.
import type { ConversationStore } from '@/utils/history/conversation';
import { historyFileName, historyToMarkdown } from '@/utils/history/conversation-markdown';
import { cleanHistoryPreferences, conversationsItem, historyPreferencesItem, sessionConversationsItem } from '@/utils/history/history-items';
import { summaryCacheItem } from '@/utils/jobs/summary-cache';
import { conversationIdSchema, exportConversationsSchema, listConversationsSchema, noPayloadSchema } from '@/utils/messaging/message-schemas';
import type { ConversationStores } from './conversation-stores';
import { serve } from './serve';

export function registerHistoryHandlers(stores: ConversationStores): void {
  // Both normal-window stores: chats kept while history was on stay visible (and deletable) after turning it off.
  const firstFound = async (id: string) => {
    for (const store of stores.browsable) {
      const found = await store.get(id);
      if (found) return found;
    }
    return undefined;
  };
  const everyStore = <T>(work: (store: ConversationStore) => Promise<T>): Promise<T[]> => Promise.all(stores.browsable.map(work));

  serve(
    'listConversations',
    async (data) => {
      const found = (await everyStore((store) => store.list(data.query))).flat();
      return found.filter((conversation) => conversation.messageCount > 0).sort((a, b) => b.updatedAt - a.updatedAt);
    },
    { schema: listConversationsSchema },
  );
  serve('getConversation', async (data) => (await firstFound(data.id)) ?? null, { schema: conversationIdSchema });
  serve(
    'deleteConversation',
    async (data) => {
      await everyStore((store) => store.remove(data.id));
    },
    { schema: conversationIdSchema },
  );
  serve(
    'exportConversations',
    async (data) => {
      const all = (await everyStore((store) => store.all())).flat().sort((a, b) => b.updatedAt - a.updatedAt);
      const chosen = data.ids ? all.filter((conversation) => data.ids!.includes(conversation.id)) : all.filter((conversation) => conversation.messages.length > 0);
      const now = new Date();
      return { markdown: historyToMarkdown(chosen, now), fileName: historyFileName(now) };
    },
    { schema: exportConversationsSchema },
  );
  serve('getHistoryNotice', async () => (await stores.kept.notice()) ?? null, { schema: noPayloadSchema });
  serve('dismissHistoryNotice', () => stores.kept.clearNotice(), { schema: noPayloadSchema });
  serve('deleteAllHistory', async () => {
    const [kept, session] = await Promise.all([conversationsItem.getValue(), sessionConversationsItem.getValue()]);
    await Promise.all([conversationsItem.setValue({}), sessionConversationsItem.setValue({}), summaryCacheItem.setValue({})]);
    return { deleted: Object.values({ ...kept, ...session }).filter((conversation) => conversation.messages.length > 0).length };
  });
  serve('getHistoryPreferences', async () => cleanHistoryPreferences(await historyPreferencesItem.getValue()));
  serve('saveHistoryPreferences', async (data) => {
    const preferences = cleanHistoryPreferences(data);
    await historyPreferencesItem.setValue(preferences);
    return preferences;
  });
}
