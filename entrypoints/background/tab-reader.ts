// Reading a tab for the popup and side panel without showing the in-page panel: inject the page bridge on demand (and
// the PDF reader into PDF tabs), ask it for the page and selection, and send a rewrite back to it.
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { browser, type PublicPath } from 'wxt/browser';
import { sendMessage, type ProtocolMap } from '@/utils/messaging/protocol';
import type { ReplaceOutcome, TabReadResult } from '@/utils/page/page-snapshot';

type ScriptPath = Extract<PublicPath, `${string}.js`>;

export const PAGE_BRIDGE_SCRIPT = '/content-scripts/page-bridge.js' satisfies ScriptPath;
export const PDF_READER_SCRIPT = '/content-scripts/pdf-reader.js' satisfies ScriptPath;

export const TAB_MESSAGES = {
  noAccess: 'Lifeline cannot read this tab yet. Click the Lifeline button in the toolbar (or use the right-click menu) on this page to let it in.',
  browserPage: 'Lifeline cannot work on browser pages, the extension store or local files: browsers protect them. Open a web page and try there.',
  tabClosed: 'This tab is closed.',
  readFailed: 'Lifeline could not read this page. Reload the page and try again.',
  replaceTabClosed: 'The tab is closed, so Lifeline could not put the text back. Copy the answer instead.',
  replaceFailed: 'Lifeline could not reach the page (it may have been reloaded or left). Copy the answer instead, or select the text again and ask again.',
} as const;

type Target = { tabId: number };
export type TabInjection = { target: Target; files: [ScriptPath] } | { target: Target; func: () => unknown };
type BridgeMessage = 'readPageForChat' | 'replaceSelectionInPage';

/** The browser calls the tab reader makes, so tests can fake them. */
export interface TabReaderDeps {
  /** browser.scripting.executeScript: the tab's main frame, in the extension's isolated world. */
  executeScript(injection: TabInjection): Promise<Array<{ result?: unknown }>>;
  /** The protocol's sendMessage to the tab's main frame (where the bridge was injected). */
  sendMessage<K extends BridgeMessage>(type: K, data: GetDataType<ProtocolMap[K]>, tabId: number): Promise<GetReturnType<ProtocolMap[K]>>;
  /** The tab's address when the browser tells it (it may not, without access), to word a refusal. */
  tabUrl(tabId: number): Promise<string | undefined>;
}

export const browserTabReaderDeps: TabReaderDeps = {
  executeScript: (injection) =>
    'files' in injection
      ? browser.scripting.executeScript({ target: injection.target, files: injection.files })
      : browser.scripting.executeScript({ target: injection.target, func: injection.func }),
  sendMessage: (type, data, tabId) => sendMessage(type, data, { tabId, frameId: 0 }),
  tabUrl: async (tabId) => {
    const tab = await browser.tabs.get(tabId);
    return tab.url || tab.pendingUrl || undefined;
  },
};

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

/** The tab's selection and, when `includePage`, its text; the bridge (and the PDF reader for PDFs) is injected first. */
export async function readTab(tabId: number, includePage: boolean, deps: TabReaderDeps = browserTabReaderDeps): Promise<TabReadResult> {
  const target = { tabId };
  try {
    const [probe] = await deps.executeScript({ target, func: probeTab });
    // pdf.js is large: only a PDF tab whose text is asked for gets the reader, once, before the bridge that uses it.
    if (includePage && isProbe(probe?.result) && probe.result.contentType === 'application/pdf' && !probe.result.pdfReader) {
      await deps.executeScript({ target, files: [PDF_READER_SCRIPT] });
    }
    await deps.executeScript({ target, files: [PAGE_BRIDGE_SCRIPT] });
  } catch (error) {
    return refusal(tabId, error, deps);
  }
  try {
    const snapshot = await deps.sendMessage('readPageForChat', { includePage }, tabId);
    if (!snapshot) return { ok: false, reason: 'failed', message: TAB_MESSAGES.readFailed };
    return { ok: true, snapshot };
  } catch (error) {
    return { ok: false, reason: 'failed', message: isClosedTab(error) ? TAB_MESSAGES.tabClosed : TAB_MESSAGES.readFailed };
  }
}

/** Puts `text` in place of the editable selection the bridge saw at the tab's last read. */
export async function replaceInTab(tabId: number, text: string, deps: TabReaderDeps = browserTabReaderDeps): Promise<ReplaceOutcome> {
  try {
    const outcome = await deps.sendMessage('replaceSelectionInPage', { text }, tabId);
    return outcome ?? { ok: false, message: TAB_MESSAGES.replaceFailed };
  } catch (error) {
    return { ok: false, message: isClosedTab(error) ? TAB_MESSAGES.replaceTabClosed : TAB_MESSAGES.replaceFailed };
  }
}

/** Whether Lifeline may run scripts in this tab now (activeTab granted, or host access). */
export async function canAccessTab(tabId: number, deps: TabReaderDeps = browserTabReaderDeps): Promise<boolean> {
  try {
    const [result] = await deps.executeScript({ target: { tabId }, func: () => true });
    return result?.result === true;
  } catch {
    return false;
  }
}
