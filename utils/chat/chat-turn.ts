// The popup's and side panel's requests to the background: one turn of the chat about a tab's page.
import type { ChatAction, Conversation } from '../history/conversation';
import type { PageInfo } from '../jobs/task';
import type { SummaryStyle } from '../prompts/summary-style';

export interface ChatTurnRequest {
  tabId: number;
  /** A new turn, or the last user turn run again (Regenerate, Retry with…, after consent or a long-page confirmation). */
  turn: { kind: 'new'; action: ChatAction } | { kind: 'again' };
  /** The conversation on screen; the page's latest when absent. */
  conversationId?: string;
  /** "Retry with…": this provider first. */
  preferProviderId?: string;
  /** Providers the user just agreed to send page text to. */
  consentTo?: string[];
  /** The user agreed to summarize a page above the long-page threshold. */
  confirmedLong?: boolean;
  summaryStyle?: SummaryStyle;
}

export type ChatTurnProblem = 'no-access' | 'no-text' | 'no-selection' | 'too-long' | 'empty' | 'busy' | 'failed';

export type ChatTurnResult =
  | { ok: true; conversation: Conversation; jobId: string }
  /** Nothing was recorded and nothing was sent; the user's words stay in the message box. */
  | { ok: false; problem: ChatTurnProblem; message: string };

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
