// Opening the in-page panel from a user gesture (context menu or toolbar button): inject on demand, hand it the task.
import { browser, type Browser } from 'wxt/browser';
import type { PanelTaskKind } from '@/utils/jobs/task';
import { sendMessage } from '@/utils/messaging/protocol';

export const MENU_SUMMARIZE_PAGE = 'lifeline-summarize-page';

const toolbarButton = (): typeof browser.action => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export function registerContextMenus(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({ id: MENU_SUMMARIZE_PAGE, title: 'Summarize page with Lifeline', contexts: ['page'] });
  });
}

export function onToolbarButtonClick(listener: (tab: Browser.tabs.Tab) => void): void {
  toolbarButton().onClicked.addListener(listener);
}

export async function openPanelFromMenu(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  if (info.menuItemId === MENU_SUMMARIZE_PAGE && tab) await openPanel(tab, 'summarize-page');
}

export async function openPanel(tab: Browser.tabs.Tab, kind: PanelTaskKind): Promise<void> {
  if (tab.id === undefined) return;
  try {
    // activeTab grants access to this tab for this gesture only: the panel is injected now, not on every page.
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/panel.js'] });
    await sendMessage('showPanel', { kind }, tab.id);
    await toolbarButton().setBadgeText({ tabId: tab.id, text: '' });
  } catch {
    await showCannotRunHere(tab.id);
  }
}

/** Browser pages, the extension store and local files without permission refuse scripts: say so on the button. */
async function showCannotRunHere(tabId: number): Promise<void> {
  const button = toolbarButton();
  await button.setBadgeBackgroundColor({ tabId, color: '#b42318' }).catch(() => undefined);
  await button.setBadgeText({ tabId, text: '!' }).catch(() => undefined);
  await button
    .setTitle({ tabId, title: 'Lifeline cannot read this page: browsers protect their own pages, the extension store and local files. Try it on a web page.' })
    .catch(() => undefined);
}
