// Where conversations live: storage.local when history is on, storage.session when it is off; and the history settings.
import { storage } from 'wxt/utils/storage';
import { DEFAULT_HISTORY_PREFERENCES, type Conversation, type HistoryNotice, type HistoryPreferences } from './conversation';

export type ConversationMap = Record<string, Conversation>;

export const MIN_KEPT_CONVERSATIONS = 1;
export const MAX_KEPT_CONVERSATIONS = 1000;

/** Kept history: survives browser restarts. */
export const conversationsItem = storage.defineItem<ConversationMap>('local:conversations', { fallback: {}, version: 1 });

/** History off: the chat survives the popup closing, but nothing is written to disk and it ends with the browser. */
export const sessionConversationsItem = storage.defineItem<ConversationMap>('session:conversations', { fallback: {}, version: 1 });

export const historyPreferencesItem = storage.defineItem<HistoryPreferences>('local:historyPreferences', {
  fallback: DEFAULT_HISTORY_PREFERENCES,
});

/** Set when the store dropped conversations to make room; cleared when the user dismisses it. */
export const historyNoticeItem = storage.defineItem<HistoryNotice | null>('local:historyNotice', { fallback: null });

/** Preferences as a message or storage may carry them: each field checked, the cap a whole number in 1..1000. */
export function cleanHistoryPreferences(value: unknown): HistoryPreferences {
  const { enabled, maxConversations } = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof HistoryPreferences, unknown>
  >;
  return {
    enabled: typeof enabled === 'boolean' ? enabled : DEFAULT_HISTORY_PREFERENCES.enabled,
    maxConversations: cleanCap(maxConversations),
  };
}

function cleanCap(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_HISTORY_PREFERENCES.maxConversations;
  return Math.min(MAX_KEPT_CONVERSATIONS, Math.max(MIN_KEPT_CONVERSATIONS, Math.round(value)));
}
