// What a chat surface shows of a tab: its page and the page's latest conversation, with answers brought up to date.
// Starting work is the job API's (utils/jobs/job-service.ts); this only reads and opens conversations.
import { normalizePageUrl } from '../history/normalize-page-url';
import type { Conversation, ConversationStore } from '../history/conversation';
import type { JobRecord } from '../jobs/job-record';
import type { JobRunner } from '../jobs/job-runner';
import type { TabFacts } from '../jobs/job-service';
import type { PageInfo } from '../jobs/task';
import type { ChatView } from './chat-view';

export interface ChatServiceDeps {
  runner: Pick<JobRunner, 'current'>;
  tabFacts: (tabId: number) => Promise<TabFacts | undefined>;
  /** Where conversations go: history (or the session when history is off) for normal windows, memory for private ones. */
  storeFor: (incognito: boolean) => Promise<ConversationStore>;
  noAccessMessage: string;
  now?: () => number;
  newId?: () => string;
}

export interface ChatService {
  view(tabId: number): Promise<ChatView>;
  newConversation(tabId: number): Promise<ChatView>;
}

export function createChatService(deps: ChatServiceDeps): ChatService {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());

  /** Answers the store still shows as running are brought up to date (finished, or interrupted with their worker). */
  async function reconcile(store: ConversationStore, conversation: Conversation): Promise<Conversation> {
    const ended = (
      await Promise.all(
        conversation.messages.map(async (message) =>
          message.role === 'assistant' && message.job.status === 'running' ? deps.runner.current(message.job.id) : undefined,
        ),
      )
    ).filter((job): job is JobRecord => job !== undefined && job.status !== 'running');
    if (ended.length === 0) return conversation;
    // Each through the store's queue, so a turn filed meanwhile is kept.
    for (const job of ended) await store.updateJob(job);
    return (await store.get(conversation.id)) ?? conversation;
  }

  async function pageOf(tabId: number): Promise<{ facts: TabFacts; page?: PageInfo } | undefined> {
    const facts = await deps.tabFacts(tabId);
    if (!facts) return undefined;
    return { facts, ...(facts.url ? { page: { url: facts.url, title: facts.title ?? '' } } : {}) };
  }

  async function view(tabId: number): Promise<ChatView> {
    const found = await pageOf(tabId);
    if (!found) return { tabId, access: 'no-access', incognito: false, message: 'This tab is gone.' };
    const { facts, page } = found;
    if (!page) return { tabId, access: 'no-access', incognito: facts.incognito, message: deps.noAccessMessage };
    const store = await deps.storeFor(facts.incognito);
    const saved = await store.forPage(normalizePageUrl(page.url));
    const conversation = saved ? await reconcile(store, saved) : undefined;
    return { tabId, access: 'ok', page, incognito: facts.incognito, ...(conversation ? { conversation } : {}) };
  }

  async function newConversation(tabId: number): Promise<ChatView> {
    const current = await view(tabId);
    if (current.access !== 'ok' || !current.page) return current;
    const store = await deps.storeFor(current.incognito);
    const at = now();
    const conversation: Conversation = {
      id: newId(),
      pageKey: normalizePageUrl(current.page.url),
      url: current.page.url,
      title: current.page.title || current.page.url,
      createdAt: at,
      updatedAt: at,
      messages: [],
    };
    await store.put(conversation);
    return { ...current, conversation };
  }

  return { view, newConversation };
}

/** Files a job's state in whichever conversation holds it. */
export async function fileJobResult(stores: readonly ConversationStore[], job: JobRecord): Promise<void> {
  await Promise.all(stores.map((store) => store.updateJob(job)));
}
