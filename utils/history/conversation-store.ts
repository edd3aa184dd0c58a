// Conversations kept per page: one write queue, the oldest dropped first when over the cap or short of storage.
import { createSerialQueue, type ValueItem } from '../storage/serial-writes';
import type { JobRecord } from '../jobs/job-record';
import type {
  AssistantMessage,
  Conversation,
  ConversationMessage,
  ConversationStore,
  ConversationSummary,
  HistoryNotice,
} from './conversation';
import type { ConversationMap } from './history-items';

export type { ValueItem };

export interface ConversationStoreDeps {
  item: ValueItem<ConversationMap>;
  /** Where to record that conversations were dropped; kept in memory when absent. */
  noticeItem?: ValueItem<HistoryNotice | null>;
  maxConversations: () => Promise<number> | number;
  now?: () => number;
}

/** A conversation that alone does not fit is trimmed to no fewer than its last question and answer. */
const MIN_KEPT_MESSAGES = 2;
const PREVIEW_LENGTH = 140;

/** Chrome: "QUOTA_BYTES quota exceeded" or "Resource::kQuotaBytes quota exceeded"; Firefox and the web: QuotaExceededError. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error === 'string') return /quota_?bytes/i.test(error);
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota_?bytes/i.test(message));
}

/** A value held in memory only (incognito windows: nothing is written anywhere). Values are copied in and out, as storage does. */
export function createMemoryItem(): ValueItem<ConversationMap>;
export function createMemoryItem<T>(initial: T): ValueItem<T>;
export function createMemoryItem(initial: unknown = {}): ValueItem<unknown> {
  let value: unknown = structuredClone(initial);
  return {
    getValue: async () => structuredClone(value),
    setValue: async (next) => {
      value = structuredClone(next);
    },
  };
}

export function createConversationStore(deps: ConversationStoreDeps): ConversationStore {
  const { item } = deps;
  const noticeItem = deps.noticeItem ?? createMemoryItem<HistoryNotice | null>(null);
  const now = deps.now ?? Date.now;
  const enqueue = createSerialQueue();

  /** Writes the map with `keepId` in it: over the cap the oldest others go, short of storage more of them (or its oldest messages). */
  const save = async (conversations: ConversationMap, keepId: string): Promise<void> => {
    const capped = dropOverCap(conversations, cleanCap(await deps.maxConversations()), keepId);
    const written = await writeWithRoom(item, capped.kept, keepId);
    if (capped.removed > 0) await recordNotice(noticeItem, { at: now(), removed: capped.removed, reason: 'cap' });
    if (written.removed > 0 || written.trimmed) {
      await recordNotice(noticeItem, { at: now(), removed: written.removed, reason: 'storage-full' });
    }
  };

  return {
    forPage: (pageKey) =>
      enqueue(async () => newestFirst(await item.getValue()).find((conversation) => conversation.pageKey === pageKey)),
    get: (id) => enqueue(async () => ownValue(await item.getValue(), id)),
    put: (conversation) =>
      enqueue(async () => save({ ...(await item.getValue()), [conversation.id]: conversation }, conversation.id)),
    updateJob: (job) =>
      enqueue(async () => {
        const conversations = await item.getValue();
        const owner = Object.values(conversations).find((conversation) => answerOf(conversation, job.id) !== undefined);
        if (!owner) return;
        await save({ ...conversations, [owner.id]: withJob(owner, job, now()) }, owner.id);
      }),
    remove: (id) =>
      enqueue(async () => {
        const conversations = await item.getValue();
        if (!ownValue(conversations, id)) return;
        await item.setValue(without(conversations, id));
      }),
    list: (query) =>
      enqueue(async () => {
        const terms = searchTerms(query);
        return newestFirst(await item.getValue())
          .filter((conversation) => matchesAll(conversation, terms))
          .map(summarize);
      }),
    all: () => enqueue(async () => newestFirst(await item.getValue())),
    notice: () => enqueue(async () => (await noticeItem.getValue()) ?? undefined),
    clearNotice: () => enqueue(() => noticeItem.setValue(null)),
  };
}

const cleanCap = (max: number): number => (Number.isFinite(max) ? Math.max(1, Math.floor(max)) : Number.POSITIVE_INFINITY);

const ownValue = (conversations: ConversationMap, id: string): Conversation | undefined =>
  Object.hasOwn(conversations, id) ? conversations[id] : undefined;

const byRecency = (a: Conversation, b: Conversation): number => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt;

const newestFirst = (conversations: ConversationMap): Conversation[] => Object.values(conversations).sort(byRecency);

const without = (conversations: ConversationMap, id: string): ConversationMap => {
  const { [id]: _removed, ...rest } = conversations;
  return rest;
};

const toMap = (conversations: readonly Conversation[]): ConversationMap =>
  Object.fromEntries(conversations.map((conversation) => [conversation.id, conversation]));

/** Keeps `keepId` and the most recently updated others, `max` in all. */
function dropOverCap(conversations: ConversationMap, max: number, keepId: string): { kept: ConversationMap; removed: number } {
  const kept = ownValue(conversations, keepId);
  const others = newestFirst(conversations).filter((conversation) => conversation.id !== keepId);
  const room = Math.max(0, max - (kept ? 1 : 0));
  if (others.length <= room) return { kept: conversations, removed: 0 };
  return { kept: toMap([...(kept ? [kept] : []), ...others.slice(0, room)]), removed: others.length - room };
}

/** Writes the map; each quota error drops the least recently updated conversation but `keepId`, then trims `keepId` itself. */
async function writeWithRoom(
  item: ValueItem<ConversationMap>,
  conversations: ConversationMap,
  keepId: string,
): Promise<{ removed: number; trimmed: boolean }> {
  let current = conversations;
  let removed = 0;
  let trimmed = false;
  for (;;) {
    try {
      await item.setValue(current);
      return { removed, trimmed };
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      const oldest = newestFirst(current).filter((conversation) => conversation.id !== keepId).at(-1);
      if (oldest) {
        current = without(current, oldest.id);
        removed += 1;
        continue;
      }
      const shorter = withoutOldestMessage(ownValue(current, keepId));
      if (!shorter) throw error;
      current = { [keepId]: shorter };
      trimmed = true;
    }
  }
}

function withoutOldestMessage(conversation: Conversation | undefined): Conversation | undefined {
  if (!conversation || conversation.messages.length <= MIN_KEPT_MESSAGES) return undefined;
  return { ...conversation, messages: conversation.messages.slice(1) };
}

/** Adds to a notice the user has not dismissed yet: it counts every conversation dropped since, with the latest reason. */
async function recordNotice(noticeItem: ValueItem<HistoryNotice | null>, notice: HistoryNotice): Promise<void> {
  const previous = await noticeItem.getValue();
  try {
    await noticeItem.setValue({ ...notice, removed: notice.removed + (previous?.removed ?? 0) });
  } catch (error) {
    // The conversation is saved; a notice that does not fit must not turn that into a failure.
    if (!isQuotaError(error)) throw error;
  }
}

const answerOf = (conversation: Conversation, jobId: string): AssistantMessage | undefined =>
  conversation.messages.find((message): message is AssistantMessage => message.role === 'assistant' && message.job.id === jobId);

function withJob(conversation: Conversation, job: JobRecord, at: number): Conversation {
  return {
    ...conversation,
    updatedAt: Math.max(conversation.updatedAt, at),
    messages: conversation.messages.map((message) =>
      message.role === 'assistant' && message.job.id === job.id ? { ...message, job } : message,
    ),
  };
}

const messageText = (message: ConversationMessage): string => (message.role === 'user' ? message.text : message.job.text);

const searchTerms = (query: string | undefined): string[] =>
  (query ?? '').toLowerCase().split(/\s+/).filter((term) => term !== '');

function matchesAll(conversation: Conversation, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = [conversation.title, conversation.url, ...conversation.messages.map(messageText)].join('\n').toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

function summarize(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    pageKey: conversation.pageKey,
    url: conversation.url,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
    preview: previewOf(conversation.messages),
  };
}

/** Markdown's marks (emphasis, headings, list bullets, code ticks, link brackets) left out of a one-line preview. */
export function plainPreviewText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~]+/g, '');
}

/** The start of the last message that has text, on one line, without Markdown marks. */
function previewOf(messages: readonly ConversationMessage[]): string {
  const last = messages.map(messageText).findLast((text) => text.trim() !== '') ?? '';
  const line = plainPreviewText(last).replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…` : line;
}
