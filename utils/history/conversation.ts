// A conversation about one page: every job about it is a turn (panel, popup, side panel), kept per page in history.
import type { JobChoices, JobIntent } from '../jobs/job-api';
import type { JobRecord } from '../jobs/job-record';

export interface UserMessage {
  id: string;
  role: 'user';
  createdAt: number;
  /** What the user typed, or the quick action's name ("Summarize this page"). */
  text: string;
  action: JobIntent;
  /** The summary style chosen for this turn (a retry after a restart keeps it). */
  summaryStyle?: JobChoices['summaryStyle'];
  /** The selection sent with this turn, if any (shown quoted above the question). */
  selection?: string;
  /** Whether the page's text went with this turn. */
  includedPage?: boolean;
  /** A rewrite of a selection inside an editable field can be sent back with Replace. */
  selectionEditable?: boolean;
}

export interface AssistantMessage {
  id: string;
  role: 'assistant';
  createdAt: number;
  /** The job that answers (or answered): its state as last saved; the live state comes over the job port. */
  job: JobRecord;
}

export type ConversationMessage = UserMessage | AssistantMessage;

export interface Conversation {
  id: string;
  /** The normalised page address this conversation is about (see normalizePageUrl). */
  pageKey: string;
  url: string;
  /** The page's title when the conversation started. */
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: ConversationMessage[];
}

export interface HistoryPreferences {
  /** Off: conversations live only until the browser closes (storage.session), nothing is kept on disk. */
  enabled: boolean;
  /** At most this many conversations are kept; the oldest go first. */
  maxConversations: number;
}

export const DEFAULT_HISTORY_PREFERENCES: HistoryPreferences = { enabled: true, maxConversations: 200 };

/** Shown in the history view after the store dropped conversations to make room. */
export interface HistoryNotice {
  at: number;
  /**
   * Conversations dropped since the user last dismissed the notice (counts add up; `reason` is the latest). 0 with
   * 'storage-full': only the oldest messages of the conversation being saved were dropped.
   */
  removed: number;
  reason: 'cap' | 'storage-full';
}

export interface ConversationSummary {
  id: string;
  pageKey: string;
  url: string;
  title: string;
  updatedAt: number;
  messageCount: number;
  /** The start of the last message, for the list. */
  preview: string;
}

export interface ConversationStore {
  /** The latest conversation about this page, if any. */
  forPage(pageKey: string): Promise<Conversation | undefined>;
  get(id: string): Promise<Conversation | undefined>;
  /** Saves (creates or replaces) a conversation, pruning the oldest when over the cap or short of storage. */
  put(conversation: Conversation): Promise<void>;
  /** Replaces the assistant message answered by this job with the job's latest state (no-op when unknown). */
  updateJob(job: JobRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Newest first; `query` matches title, address and message text, case-insensitively. */
  list(query?: string): Promise<ConversationSummary[]>;
  /** All conversations, newest first (for export). */
  all(): Promise<Conversation[]>;
  notice(): Promise<HistoryNotice | undefined>;
  clearNotice(): Promise<void>;
}
