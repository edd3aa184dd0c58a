// Turns the background's request and the captured selection into the task a job runs, or says what is missing.
import { browser } from 'wxt/browser';
import type { ChatAction } from '@/utils/history/conversation';
import type { PanelTask, TaskRequest } from '@/utils/jobs/task';
import { readThisPage, thisPageInfo, type PageOrProblem } from '@/utils/page/read-this-page';
import type { CapturedSelection } from '@/utils/page/selection';
import { MAX_REWRITE_CHARS, rewriteStyleLabel } from '@/utils/prompts/rewrite-selection';

export type TaskOrProblem = { task: TaskRequest } | { problem: string };

export function panelHeading(task: PanelTask): string {
  switch (task.kind) {
    case 'summarize-page':
      return 'Summary of this page';
    case 'summarize-selection':
      return 'Summary of the selection';
    case 'rewrite-selection':
      return task.style === 'custom' ? 'Rewrite with your instruction' : rewriteStyleLabel(task.style, browser.i18n.getUILanguage());
  }
}

/** The selected text: as captured in the page, else as the browser reported it with the menu click (e.g. inside a frame). */
export function selectedText(task: PanelTask, selection: CapturedSelection): string {
  if (selection.kind !== 'none') return selection.text;
  return task.kind === 'summarize-page' ? '' : (task.selectionText ?? '');
}

const pageTask = (read: PageOrProblem): TaskOrProblem => ('page' in read ? { task: { kind: 'summarize-page', page: read.page } } : read);

/** Synchronous for web pages; a PDF is read asynchronously. */
export function buildPanelTask(task: PanelTask, selection: CapturedSelection, instruction?: string): TaskOrProblem | Promise<TaskOrProblem> {
  if (task.kind === 'summarize-page') {
    const read = readThisPage(document, location.href);
    return read instanceof Promise ? read.then(pageTask) : pageTask(read);
  }
  const text = selectedText(task, selection);
  if (!text.trim()) return { problem: 'Select some text on the page first, then try again.' };
  if (task.kind === 'summarize-selection') return { task: { kind: 'summarize-selection', page: thisPageInfo(), selection: text } };
  if (text.length > MAX_REWRITE_CHARS) {
    return { problem: `The selection is too long to rewrite (${text.length.toLocaleString('en')} characters; at most ${MAX_REWRITE_CHARS.toLocaleString('en')}). Select a shorter part.` };
  }
  return {
    task: {
      kind: 'rewrite-selection',
      page: thisPageInfo(),
      selection: text,
      style: task.style,
      ...(task.style === 'custom' && instruction ? { instruction } : {}),
      ...(task.style === 'translate' ? { targetLanguage: browser.i18n.getUILanguage() } : {}),
    },
  };
}

/** The panel's task as a turn of the chat, for "Ask a follow-up". */
export function chatActionFor(task: PanelTask, instruction?: string): ChatAction {
  switch (task.kind) {
    case 'summarize-page':
      return { kind: 'summarize-page' };
    case 'summarize-selection':
      return { kind: 'summarize-selection' };
    case 'rewrite-selection':
      return { kind: 'rewrite-selection', style: task.style, ...(task.style === 'custom' && instruction ? { instruction } : {}) };
  }
}
