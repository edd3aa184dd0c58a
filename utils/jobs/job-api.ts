// The one job API every surface uses: ask for work once (`startJob`), then attach to the job by id over the job port
// and send the user's decisions back. The panel, the popup and the side panel all speak only this.
import type { Conversation } from '../history/conversation';
import type { SummaryStyle } from '../prompts/summary-style';
import type { RewriteStyle } from './task';

/** What the user asked for: a question about the page, or one of the quick actions (also the context menu's). */
export type JobIntent =
  | { kind: 'ask'; question: string; includePage: boolean; includeSelection: boolean }
  | { kind: 'summarize-page' }
  | { kind: 'summarize-selection' }
  /** A custom rewrite without `instruction` waits for it (the job's status is `needs-instruction`). */
  | { kind: 'rewrite-selection'; style: RewriteStyle; instruction?: string };

/** How the user wants this job run, on top of the intent. */
export interface JobChoices {
  /** Summaries: TL;DR, key points (the default) or detailed. */
  summaryStyle?: SummaryStyle;
  /** "Retry with…": this provider first; the chain follows as usual. */
  preferProviderId?: string;
}

export interface StartJobRequest {
  tabId: number;
  intent: JobIntent;
  choices?: JobChoices;
  /** The conversation on screen; the page's latest when absent. */
  conversationId?: string;
  /** The selection as the browser's menu reported it, used when the page reader finds none (a selection in a frame). */
  selectionFallback?: string;
}

export type JobProblem = 'no-access' | 'no-text' | 'no-selection' | 'too-long' | 'empty' | 'failed';

export type StartJobResult =
  /** The job is filed as a turn of `conversation` and runs (or waits for a decision); attach to `jobId`. */
  | { ok: true; jobId: string; conversation: Conversation }
  /** Nothing was recorded and nothing was sent; the user's words stay where they were typed. */
  | { ok: false; problem: JobProblem; message: string };

/** What the user decides about a job, from whichever surface shows it. */
export type JobDecision =
  /** Page text (or the selection) may go to these providers: recorded, then the job runs. */
  | { kind: 'consent'; providerIds: string[] }
  /** The page is long: summarize all of it anyway. */
  | { kind: 'read-whole-page' }
  /** The custom rewrite's instruction. */
  | { kind: 'instruction'; instruction: string }
  | { kind: 'stop' }
  /** Run again (Regenerate, Retry), optionally with this provider first. */
  | { kind: 'retry'; preferProviderId?: string }
  /** Summarize again in this style. */
  | { kind: 'style'; summaryStyle: SummaryStyle };

export type DecisionResult = { ok: true } | { ok: false; message: string };
