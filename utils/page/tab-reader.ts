// The tab reader: the one place any surface's job reads a tab. It injects the page reader on demand (and the PDF
// reader into PDF tabs), asks it for the page and selection, checks the answer's shape, and sends a rewrite back.
import * as v from 'valibot';
import { pageSnapshotSchema, replaceOutcomeSchema } from '../messaging/message-schemas';
import type { ReadPageRequest, ReplaceOutcome, TabReadResult } from './page-snapshot';
import { selectionStateOf, type SelectionState } from './selection-state';

/** Scripts the background injects (WXT unlisted scripts: no content-script context, nothing posted on the page). */
export const PAGE_READER_SCRIPT = '/page-reader.js';
export const PDF_READER_SCRIPT = '/pdf-reader.js';
export type InjectedScript = typeof PAGE_READER_SCRIPT | typeof PDF_READER_SCRIPT | '/panel-loader.js';

export const TAB_MESSAGES = {
  noAccess: 'Lifeline cannot read this tab yet. Click the Lifeline button in the toolbar (or use the right-click menu) on this page to let it in.',
  browserPage: 'Lifeline cannot work on browser pages, the extension store or local files: browsers protect them. Open a web page and try there.',
  tabClosed: 'This tab is closed.',
  readFailed: 'Lifeline could not read this page. Reload the page and try again.',
  replaceTabClosed: 'The tab is closed, so Lifeline could not put the text back. Copy the answer instead.',
  replaceFailed: 'Lifeline could not reach the page (it may have been reloaded or left). Copy the answer instead, or select the text again and ask again.',
} as const;

type Target = { tabId: number };
export type TabInjection = { target: Target; files: [InjectedScript] } | { target: Target; func: () => unknown };

/** The browser calls the tab reader makes, so tests can fake them (the background wires the real ones). */
export interface TabReaderDeps {
  /** browser.scripting.executeScript: the tab's main frame, in the extension's isolated world. */
  executeScript(injection: TabInjection): Promise<Array<{ result?: unknown }>>;
  /** Asks the page reader in the tab's main frame; the answer is checked here before it is used. */
  readPage(tabId: number, request: ReadPageRequest): Promise<unknown>;
  replaceSelection(tabId: number, request: { text: string; placement?: 'replace' | 'below' }): Promise<unknown>;
  /** The tab's address when the browser tells it (it may not, without access), to word a refusal. */
  tabUrl(tabId: number): Promise<string | undefined>;
}

/** Runs in the tab (serialized, so self-contained): the document's type, and whether the PDF reader is there already. */
export function probeTab(): { contentType: string; pdfReader: boolean } {
  // The literal is PDF_READER_GLOBAL (utils/page/pdf-reader-global.ts): an injected function cannot import it.
  return { contentType: document.contentType, pdfReader: '__lifelinePdfReader' in globalThis };
}

function isProbe(value: unknown): value is ReturnType<typeof probeTab> {
  return typeof value === 'object' && value !== null && typeof (value as { contentType?: unknown }).contentType === 'string';
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isClosedTab = (error: unknown): boolean => /no tab with id|invalid tab id/i.test(errorText(error));

/** Pages browsers never let an extension script: their own pages, the extension stores, local files (without permission). */
export function isBrowserPage(url: string): boolean {
  if (/^(?:about|view-source|file|data|blob|javascript|chrome|chrome-extension|chrome-search|chrome-untrusted|chrome-error|devtools|edge|brave|opera|vivaldi|moz-extension|resource):/i.test(url)) {
    return true;
  }
  try {
    const { hostname, pathname } = new URL(url);
    return (
      hostname === 'chromewebstore.google.com' ||
      (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')) ||
      hostname === 'addons.mozilla.org' ||
      (hostname === 'microsoftedge.microsoft.com' && pathname.startsWith('/addons'))
    );
  } catch {
    return false;
  }
}

/** Chrome names the page it refused: "Cannot access a chrome:// URL", "The extensions gallery cannot be scripted.", … */
function errorNamesBrowserPage(message: string): boolean {
  if (/chrome:\/\/ URL|chrome-extension:\/\/ URL|extensions gallery|web ?store|showing error page/i.test(message)) return true;
  return [...message.matchAll(/"([^"]+)"/g)].some(([, quoted]) => quoted !== undefined && isBrowserPage(quoted));
}

async function refusal(tabId: number, error: unknown, deps: TabReaderDeps): Promise<TabReadResult> {
  if (isClosedTab(error)) return { ok: false, reason: 'failed', message: TAB_MESSAGES.tabClosed };
  const url = await deps.tabUrl(tabId).catch(() => undefined);
  const browserPage = (url !== undefined && isBrowserPage(url)) || errorNamesBrowserPage(errorText(error));
  return { ok: false, reason: 'no-access', message: browserPage ? TAB_MESSAGES.browserPage : TAB_MESSAGES.noAccess };
}

/** The tab's selection and, when `includePage`, its text; the page reader (and the PDF reader for PDFs) is injected first. */
export function readTab(tabId: number, includePage: boolean, deps: TabReaderDeps): Promise<TabReadResult> {
  return read(tabId, { includePage }, deps);
}

/** Whether the tab has a selection now (the quick actions ask): a peek that keeps nothing and leaves Replace alone. */
export async function readSelectionState(tabId: number, deps: TabReaderDeps): Promise<SelectionState> {
  return selectionStateOf(await read(tabId, { includePage: false, peek: true }, deps));
}

async function read(tabId: number, request: ReadPageRequest, deps: TabReaderDeps): Promise<TabReadResult> {
  const { includePage } = request;
  const target = { tabId };
  try {
    const [probe] = await deps.executeScript({ target, func: probeTab });
    // pdf.js is large: only a PDF tab whose text is asked for gets the reader, once, before the bridge that uses it.
    if (includePage && isProbe(probe?.result) && probe.result.contentType === 'application/pdf' && !probe.result.pdfReader) {
      await deps.executeScript({ target, files: [PDF_READER_SCRIPT] });
    }
    await deps.executeScript({ target, files: [PAGE_READER_SCRIPT] });
  } catch (error) {
    return refusal(tabId, error, deps);
  }
  try {
    const snapshot = v.safeParse(pageSnapshotSchema, await deps.readPage(tabId, request));
    if (!snapshot.success) return { ok: false, reason: 'failed', message: TAB_MESSAGES.readFailed };
    return { ok: true, snapshot: snapshot.output };
  } catch (error) {
    return { ok: false, reason: 'failed', message: isClosedTab(error) ? TAB_MESSAGES.tabClosed : TAB_MESSAGES.readFailed };
  }
}

/** Puts `text` in place of the editable selection the page reader saw at the tab's last read. */
export async function replaceInTab(tabId: number, text: string, deps: TabReaderDeps, placement: 'replace' | 'below' = 'replace'): Promise<ReplaceOutcome> {
  try {
    const outcome = v.safeParse(replaceOutcomeSchema, await deps.replaceSelection(tabId, { text, ...(placement === 'below' ? { placement } : {}) }));
    return outcome.success ? outcome.output : { ok: false, message: TAB_MESSAGES.replaceFailed };
  } catch (error) {
    return { ok: false, message: isClosedTab(error) ? TAB_MESSAGES.replaceTabClosed : TAB_MESSAGES.replaceFailed };
  }
}
