// The browser calls behind the tab reader and the job API: injecting scripts, asking the page reader, a tab's facts.
import { browser } from 'wxt/browser';
import type { TabFacts } from '@/utils/jobs/job-service';
import { sendMessage } from '@/utils/messaging/protocol';
import type { TabReaderDeps } from '@/utils/page/tab-reader';

export const browserTabReaderDeps: TabReaderDeps = {
  executeScript: (injection) =>
    'files' in injection
      ? browser.scripting.executeScript({ target: injection.target, files: injection.files })
      : browser.scripting.executeScript({ target: injection.target, func: injection.func }),
  readPage: (tabId, request) => sendMessage('readPage', request, { tabId, frameId: 0 }),
  replaceSelection: (tabId, request) => sendMessage('replaceSelectionInPage', request, { tabId, frameId: 0 }),
  tabUrl: async (tabId) => {
    const tab = await browser.tabs.get(tabId);
    return tab.url || tab.pendingUrl || undefined;
  },
};

/** What the browser tells about a tab: whether it is private, and its address and title when Lifeline may know them. */
export async function tabFacts(tabId: number): Promise<TabFacts | undefined> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) return undefined;
  return { incognito: tab.incognito, ...(tab.url ? { url: tab.url } : {}), ...(tab.title ? { title: tab.title } : {}) };
}

/** Tells open chat pages that Lifeline may now read this tab (nobody listening is fine). */
export function announceTabAccess(tabId: number): void {
  void sendMessage('tabAccessChanged', { tabId }).catch(() => undefined);
}

/** Tells open chat pages that a job started for this tab, e.g. from the in-page panel (nobody listening is fine). */
export function announceJobStarted(started: { tabId: number; jobId: string; conversationId: string }): void {
  void sendMessage('jobStarted', started).catch(() => undefined);
}
