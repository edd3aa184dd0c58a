// What the popup and side panel learn about a tab through the page bridge: its text, its selection, and what went wrong.
import type { PageContent, PageInfo } from '../jobs/task';

export interface SelectionSnapshot {
  text: string;
  /** Inside a textarea, an input or a contenteditable element: a rewrite can go back with Replace. */
  editable: boolean;
}

export interface PageSnapshot {
  info: PageInfo;
  /** The readable text (Readability, visible text or a PDF's text); absent when not asked for or when there is none. */
  page?: PageContent;
  /** Plain words when the page's text was asked for but could not be read ("This page has no readable text…"). */
  pageProblem?: string;
  selection: SelectionSnapshot;
}

/** What a read asks the page reader: the page's text too, or only the selection; `peek` leaves Replace's target alone. */
export interface ReadPageRequest {
  includePage: boolean;
  peek?: boolean;
}

export type TabReadResult =
  | { ok: true; snapshot: PageSnapshot }
  /** `no-access`: the browser does not let Lifeline into this tab (yet): browser pages, the store, or no user gesture. */
  | { ok: false; reason: 'no-access' | 'failed'; message: string };

export type ReplaceOutcome = { ok: true } | { ok: false; message: string };
