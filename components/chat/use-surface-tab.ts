// Which tab a chat surface is about: the tab named in its address (the in-page panel, a popup window), the popup's
// tab, or, for the side panel, the active tab of its window, followed as the user switches tabs or navigates.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export type ChatSurface = 'popup' | 'sidepanel' | 'panel';

/** The in-page panel and a popup window name their tab: panel.html?tabId=12, popup.html?tabId=12. */
export function tabIdFromAddress(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  const value = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function useSurfaceTab(surface: ChatSurface): { tabId: number | undefined; revision: number } {
  const [tabId, setTabId] = useState<number | undefined>(() => tabIdFromAddress(location.search));
  // Bumped when the tab navigates, so the chat reloads for the new page.
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (tabIdFromAddress(location.search) !== undefined) return;
    let windowId: number | undefined;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      windowId = tab?.windowId;
      setTabId(tab?.id);
    });
    if (surface !== 'sidepanel') return;
    const onActivated = (info: { tabId: number; windowId: number }): void => {
      if (windowId === undefined || info.windowId === windowId) setTabId(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  }, [surface]);

  useEffect(() => {
    if (tabId === undefined) return;
    const onUpdated = (updatedId: number, change: { url?: string; status?: string }): void => {
      if (updatedId === tabId && (change.url !== undefined || change.status === 'complete')) setRevision((value) => value + 1);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => browser.tabs.onUpdated.removeListener(onUpdated);
  }, [tabId]);

  return { tabId, revision };
}
