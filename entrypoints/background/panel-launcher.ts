// Opening the in-page panel from a user gesture (context menu, shortcut or toolbar button): inject on demand, hand it the task.
import { browser, type Browser } from 'wxt/browser';
import type { PanelTask, RewriteStyle } from '@/utils/jobs/task';
import { sendMessage } from '@/utils/messaging/protocol';
import { REWRITE_STYLES, rewriteStyleLabel } from '@/utils/prompts/rewrite-selection';

export const MENU_SUMMARIZE_PAGE = 'lifeline-summarize-page';
export const MENU_SUMMARIZE_SELECTION = 'lifeline-summarize-selection';
export const MENU_REWRITE = 'lifeline-rewrite';
/** "lifeline-rewrite-improve", "lifeline-rewrite-fix", … one per rewrite style. */
export const rewriteMenuId = (style: RewriteStyle): string => `${MENU_REWRITE}-${style}`;

/** Keyboard shortcuts declared in the manifest's `commands`. */
export const COMMAND_SUMMARIZE_PAGE = 'summarize-page';
export const COMMAND_IMPROVE_WRITING = 'improve-writing';

const toolbarButton = (): typeof browser.action => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export function registerContextMenus(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({ id: MENU_SUMMARIZE_PAGE, title: 'Summarize page with Lifeline', contexts: ['page'] });
    browser.contextMenus.create({ id: MENU_SUMMARIZE_SELECTION, title: 'Summarize selection with Lifeline', contexts: ['selection'] });
    browser.contextMenus.create({ id: MENU_REWRITE, title: 'Rewrite selection with Lifeline', contexts: ['selection', 'editable'] });
    const language = browser.i18n.getUILanguage();
    for (const style of REWRITE_STYLES) {
      browser.contextMenus.create({ id: rewriteMenuId(style), parentId: MENU_REWRITE, title: rewriteStyleLabel(style, language), contexts: ['selection', 'editable'] });
    }
  });
}

/** The panel task a menu item stands for (undefined for items that are not Lifeline's). */
export function taskForMenu(info: Browser.contextMenus.OnClickData): PanelTask | undefined {
  const selectionText = info.selectionText ? { selectionText: info.selectionText } : {};
  if (info.menuItemId === MENU_SUMMARIZE_PAGE) return { kind: 'summarize-page' };
  if (info.menuItemId === MENU_SUMMARIZE_SELECTION) return { kind: 'summarize-selection', ...selectionText };
  const style = REWRITE_STYLES.find((candidate) => info.menuItemId === rewriteMenuId(candidate));
  return style ? { kind: 'rewrite-selection', style, ...selectionText } : undefined;
}

export async function openPanelFromMenu(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  const task = taskForMenu(info);
  if (task && tab) await openPanel(tab, task);
}

/** A shortcut grants activeTab like a menu click; older Firefox versions do not pass the tab, so ask for it. */
export async function openPanelFromCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const task: PanelTask | undefined =
    command === COMMAND_SUMMARIZE_PAGE
      ? { kind: 'summarize-page' }
      : command === COMMAND_IMPROVE_WRITING
        ? { kind: 'rewrite-selection', style: 'improve' }
        : undefined;
  if (!task) return;
  const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (target) await openPanel(target, task);
}

export async function openPanel(tab: Browser.tabs.Tab, task: PanelTask): Promise<void> {
  if (tab.id === undefined) return;
  try {
    // activeTab grants access to this tab for this gesture only: the panel is injected now, not on every page.
    const target = { tabId: tab.id };
    const [shown] = await browser.scripting.executeScript({ target, func: () => document.contentType });
    // pdf.js is large: only a tab showing a PDF gets the reader, before the panel that uses it.
    if (shown?.result === 'application/pdf') await browser.scripting.executeScript({ target, files: ['/content-scripts/pdf-reader.js'] });
    await browser.scripting.executeScript({ target, files: ['/content-scripts/panel.js'] });
    await sendMessage('showPanel', task, tab.id);
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
