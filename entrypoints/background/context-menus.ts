// The context-menu items and what a click does: inject the panel on demand and hand it the task.
import { browser, type Browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging/protocol';

export const MENU_SUMMARIZE_PAGE = 'lifeline-summarize-page';

export function registerContextMenus(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({ id: MENU_SUMMARIZE_PAGE, title: 'Summarize page with Lifeline', contexts: ['page'] });
  });
}

export async function openPanelFromMenu(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  if (info.menuItemId !== MENU_SUMMARIZE_PAGE || tab?.id === undefined) return;
  // activeTab grants access to this tab for this click only: the panel is injected now, not on every page.
  await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/panel.js'] });
  await sendMessage('showPanel', { kind: 'summarize-page' }, tab.id);
}
