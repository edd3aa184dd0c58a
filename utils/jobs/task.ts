// What a user asked for: the tasks a job can run, with the page text or selection they carry.
import type { SummaryStyle } from '../prompts/summary-style';
import type { ChatMessage } from '../llm/types';
import type { TaskCategory } from '../storage/task-chains';

export interface PageContent {
  url: string;
  title: string;
  byline?: string;
  lang?: string;
  text: string;
  /** How the text was obtained: the article found by Readability, the page's visible text, or a PDF's text (pdf.js). */
  source: 'readability' | 'visible-text' | 'pdf';
}

/** Where a selection comes from: enough to name the page, without its text. */
export type PageInfo = Pick<PageContent, 'url' | 'title' | 'lang'>;

export type RewriteStyle = 'improve' | 'fix' | 'shorter' | 'longer' | 'formal' | 'casual' | 'translate' | 'custom';

/** What the background asks the in-page panel to do; the panel adds the page and the selection. */
export type PanelTask =
  | { kind: 'summarize-page' }
  | { kind: 'summarize-selection'; selectionText?: string }
  | { kind: 'rewrite-selection'; style: RewriteStyle; selectionText?: string };

export type PanelTaskKind = PanelTask['kind'];

/** What the user chose in the panel for one run, on top of the task itself. */
export interface TaskChoices {
  /** "Retry with…": the provider (its id) tried first; the rest of the chain follows as usual. */
  preferProviderId?: string;
}

export type TaskRequest = TaskChoices & TaskKinds;

type TaskKinds =
  /** `summaryStyle`: TL;DR, key points (the default) or detailed. */
  /** `confirmedLong`: the user agreed to summarize this page although it is above the long-page threshold. */
  | { kind: 'summarize-page'; page: PageContent; summaryStyle?: SummaryStyle; confirmedLong?: boolean }
  | { kind: 'summarize-selection'; page: PageInfo; selection: string; summaryStyle?: SummaryStyle }
  | {
      kind: 'rewrite-selection';
      page: PageInfo;
      selection: string;
      style: RewriteStyle;
      /** The user's own words, for the custom style. */
      instruction?: string;
      /** BCP 47 code of the language to translate into (the browser's), for the translate style. */
      targetLanguage?: string;
    }
  /** A question about the page: earlier turns and the new question in `messages` (the last one is the user's). */
  /** `pageContent` and `selection`: what the user chose to include with this question. */
  | { kind: 'chat'; page: PageInfo; pageContent?: PageContent; selection?: string; messages: ChatMessage[] };

/** Which per-task provider choice a task follows. */
export function taskCategory(task: TaskRequest): TaskCategory {
  switch (task.kind) {
    case 'summarize-page':
    case 'summarize-selection':
      return 'summarize';
    case 'rewrite-selection':
      return 'rewrite';
    case 'chat':
      return 'chat';
  }
}

export function taskTitle(task: TaskRequest): string {
  const where = task.page.title || task.page.url;
  switch (task.kind) {
    case 'summarize-page':
      return `Summary of ${where}`;
    case 'summarize-selection':
      return `Summary of a selection on ${where}`;
    case 'rewrite-selection':
      return `Rewrite of a selection on ${where}`;
    case 'chat':
      return `Chat about ${where}`;
  }
}
