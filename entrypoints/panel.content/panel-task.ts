// Turns the background's request and the captured selection into the task a job runs, or says what is missing.
import { browser } from 'wxt/browser';
import type { PageInfo, PanelTask, TaskRequest } from '@/utils/jobs/task';
import { extractReadableText } from '@/utils/page/extract-readable-text';
import { isPdfDocument, pdfReader } from '@/utils/page/pdf-reader-global';
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

function pageInfo(): PageInfo {
  const lang = document.documentElement.lang;
  return { url: location.href, title: document.title, ...(lang ? { lang } : {}) };
}

/** The text of the PDF this tab shows, fetched again from its own address (same origin) and read with pdf.js. */
async function buildPdfTask(): Promise<TaskOrProblem> {
  try {
    const response = await fetch(location.href);
    if (!response.ok) return { problem: `Lifeline could not download this PDF again (HTTP ${response.status}).` };
    const reader = pdfReader();
    if (!reader) return { problem: 'Lifeline could not read this PDF.' };
    const page = await reader.extract(new Uint8Array(await response.arrayBuffer()), location.href);
    return page.text.trim() ? { task: { kind: 'summarize-page', page } } : { problem: 'This PDF has no text to summarize (it may hold only scanned images).' };
  } catch {
    return { problem: 'Lifeline could not read this PDF.' };
  }
}

/** Synchronous for web pages; a PDF is read asynchronously. */
export function buildPanelTask(task: PanelTask, selection: CapturedSelection, instruction?: string): TaskOrProblem | Promise<TaskOrProblem> {
  if (task.kind === 'summarize-page') {
    if (isPdfDocument(document)) return buildPdfTask();
    const page = extractReadableText(document, location.href);
    return page.text.trim() ? { task: { kind: 'summarize-page', page } } : { problem: 'This page has no readable text to summarize.' };
  }
  const text = selectedText(task, selection);
  if (!text.trim()) return { problem: 'Select some text on the page first, then try again.' };
  if (task.kind === 'summarize-selection') return { task: { kind: 'summarize-selection', page: pageInfo(), selection: text } };
  if (text.length > MAX_REWRITE_CHARS) {
    return { problem: `The selection is too long to rewrite (${text.length.toLocaleString('en')} characters; at most ${MAX_REWRITE_CHARS.toLocaleString('en')}). Select a shorter part.` };
  }
  return {
    task: {
      kind: 'rewrite-selection',
      page: pageInfo(),
      selection: text,
      style: task.style,
      ...(task.style === 'custom' && instruction ? { instruction } : {}),
      ...(task.style === 'translate' ? { targetLanguage: browser.i18n.getUILanguage() } : {}),
    },
  };
}
