// Messages of the popup, the side panel and the history view: the chat about a tab, its turns, and the history.
// Only Lifeline's own pages may ask (the in-page panel may only hand over a finished job with "Ask a follow-up").
import { browser } from 'wxt/browser';
import { createChatService, fileJobResult, type ChatService } from '@/utils/chat/chat-service';
import type { ChatAction, ConversationStore } from '@/utils/history/conversation';
import { historyFileName, historyToMarkdown } from '@/utils/history/conversation-markdown';
import { createConversationStore, createMemoryItem } from '@/utils/history/conversation-store';
import {
  cleanHistoryPreferences,
  conversationsItem,
  historyNoticeItem,
  historyPreferencesItem,
  sessionConversationsItem,
} from '@/utils/history/history-items';
import type { JobRecord } from '@/utils/jobs/job-record';
import { summaryCacheItem } from '@/utils/jobs/summary-cache';
import type { JobRunner } from '@/utils/jobs/job-runner';
import { onMessage, sendMessage } from '@/utils/messaging/protocol';
import { isOwnExtension, isOwnExtensionPage, type SenderLike } from '@/utils/messaging/trusted-sender';
import { readTab, replaceInTab, TAB_MESSAGES } from './tab-reader';

/** Conversations kept while history is off (this browser session only) and in private windows (memory only). */
const UNSAVED_CONVERSATIONS_CAP = 50;

export interface ChatStores {
  /** History, or this session's conversations when history is off. */
  forNormalWindows(): Promise<ConversationStore>;
  /** Private windows: memory only, gone with the worker. */
  incognito: ConversationStore;
  /** What the History view shows and acts on: the kept history and this session's chats (with history off). */
  browsable: ConversationStore[];
  /** The kept history, whose notices the History view shows. */
  kept: ConversationStore;
  /** Every store a job's result may belong to. */
  all: ConversationStore[];
}

export function createChatStores(): ChatStores {
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

export function createBrowserChatService(runner: JobRunner, stores: ChatStores): ChatService {
  return createChatService({
    runner,
    readTab: (tabId, includePage) => readTab(tabId, includePage),
    tabFacts: async (tabId) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (!tab) return undefined;
      return { incognito: tab.incognito, ...(tab.url ? { url: tab.url } : {}), ...(tab.title ? { title: tab.title } : {}) };
    },
    storeFor: async (incognito) => (incognito ? stores.incognito : stores.forNormalWindows()),
    uiLanguage: () => browser.i18n.getUILanguage(),
    noAccessMessage: TAB_MESSAGES.noAccess,
  });
}

/** The job's end is filed in whichever conversation holds it. */
export const fileChatAnswer = (stores: ChatStores) => (job: JobRecord) => fileJobResult(stores.all, job);

/** Tells an open side panel that Lifeline may now read this tab (nobody listening is fine). */
export function announceTabAccess(tabId: number): void {
  void sendMessage('tabAccessChanged', { tabId }).catch(() => undefined);
}

/** "Ask a follow-up" opens the chat: the toolbar popup where the browser allows it, else a small window with it. */
async function openChatFor(tabId: number): Promise<void> {
  const action = (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction) as { openPopup?: () => Promise<void> };
  try {
    await action.openPopup?.();
    if (action.openPopup) return;
  } catch {
    // Needs a focused window in Chrome and a user gesture in Firefox: fall back to a window.
  }
  await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tabId=${tabId}`), type: 'popup', width: 440, height: 620 });
}

export function registerChatHandlers(chat: ChatService, runner: JobRunner, stores: ChatStores, onConsent: (providerIds: string[]) => Promise<void>): void {
  const origin = browser.runtime.getURL('/');
  const assertPage = (sender: SenderLike): void => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, origin)) throw new Error('Only Lifeline\'s own pages may ask this.');
  };
  // Both normal-window stores: chats kept while history was on stay visible (and deletable) after turning it off.
  const firstFound = async (id: string) => {
    for (const store of stores.browsable) {
      const found = await store.get(id);
      if (found) return found;
    }
    return undefined;
  };

  onMessage('getChat', async ({ sender, data }) => {
    assertPage(sender);
    const view = await chat.view(data.tabId);
    if (view.access === 'ok') announceTabAccess(data.tabId);
    return view;
  });
  onMessage('startChatTurn', async ({ sender, data }) => {
    assertPage(sender);
    // Consent is saved before the job reads it.
    if (data.consentTo?.length) await onConsent(data.consentTo);
    return chat.startTurn(data);
  });
  onMessage('newConversation', async ({ sender, data }) => {
    assertPage(sender);
    return chat.newConversation(data.tabId);
  });
  onMessage('replaceInTab', async ({ sender, data }) => {
    assertPage(sender);
    return replaceInTab(data.tabId, data.text);
  });
  onMessage('listConversations', async ({ sender, data }) => {
    assertPage(sender);
    const found = (await Promise.all(stores.browsable.map((store) => store.list(data.query)))).flat();
    return found.filter((conversation) => conversation.messageCount > 0).sort((a, b) => b.updatedAt - a.updatedAt);
  });
  onMessage('getConversation', async ({ sender, data }) => {
    assertPage(sender);
    return (await firstFound(data.id)) ?? null;
  });
  onMessage('deleteConversation', async ({ sender, data }) => {
    assertPage(sender);
    await Promise.all(stores.browsable.map((store) => store.remove(data.id)));
  });
  onMessage('deleteAllHistory', async ({ sender }) => {
    assertPage(sender);
    const [kept, session] = await Promise.all([conversationsItem.getValue(), sessionConversationsItem.getValue()]);
    await Promise.all([conversationsItem.setValue({}), sessionConversationsItem.setValue({}), summaryCacheItem.setValue({})]);
    return { deleted: Object.values({ ...kept, ...session }).filter((conversation) => conversation.messages.length > 0).length };
  });
  onMessage('exportConversations', async ({ sender, data }) => {
    assertPage(sender);
    const all = (await Promise.all(stores.browsable.map((store) => store.all()))).flat().sort((a, b) => b.updatedAt - a.updatedAt);
    const chosen = data.ids ? all.filter((conversation) => data.ids!.includes(conversation.id)) : all.filter((conversation) => conversation.messages.length > 0);
    const now = new Date();
    return { markdown: historyToMarkdown(chosen, now), fileName: historyFileName(now) };
  });
  onMessage('getHistoryNotice', async ({ sender }) => {
    assertPage(sender);
    return (await stores.kept.notice()) ?? null;
  });
  onMessage('dismissHistoryNotice', async ({ sender }) => {
    assertPage(sender);
    await stores.kept.clearNotice();
  });
  onMessage('getHistoryPreferences', async ({ sender }) => {
    assertPage(sender);
    return cleanHistoryPreferences(await historyPreferencesItem.getValue());
  });
  onMessage('saveHistoryPreferences', async ({ sender, data }) => {
    assertPage(sender);
    const preferences = cleanHistoryPreferences(data);
    await historyPreferencesItem.setValue(preferences);
    return preferences;
  });

  // The in-page panel hands over its finished job; the chat continues from it.
  onMessage('askFollowUp', async ({ sender, data }) => {
    const tab = (sender as SenderLike & { tab?: { id?: number; url?: string; title?: string } }).tab;
    if (!isOwnExtension(sender, browser.runtime.id) || tab?.id === undefined || !tab.url) return { ok: false };
    const job = await runner.current(data.jobId);
    if (job?.status === 'done' && job.tabId === tab.id) {
      await chat.adoptJob(tab.id, data.action as ChatAction, job, { url: tab.url, title: tab.title ?? '' });
    }
    await openChatFor(tab.id);
    return { ok: true };
  });
}
