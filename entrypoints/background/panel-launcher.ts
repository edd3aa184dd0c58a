// Opening the in-page panel from a user gesture (context menu or shortcut): inject the small loader on demand and
// tell it which intent to start; the panel frame then asks for the job like any other surface (startJob).
import { browser, type Browser } from 'wxt/browser';
import type { JobIntent } from '@/utils/jobs/job-api';
import type { RewriteStyle } from '@/utils/jobs/task';
import { COMMAND_IMPROVE_WRITING, COMMAND_SUMMARIZE_PAGE, MENU_TITLES } from '@/utils/menus/menus-and-shortcuts';
import { sendMessage } from '@/utils/messaging/protocol';
import { toPanelPosition } from '@/utils/panel/panel-geometry';
import { REWRITE_STYLES, rewriteStyleLabel } from '@/utils/prompts/rewrite-selection';
import { panelPositionItem } from '@/utils/storage/panel-position';

export const PANEL_LOADER_SCRIPT = '/panel-loader.js';

export const MENU_SUMMARIZE_PAGE = 'lifeline-summarize-page';
export const MENU_SUMMARIZE_SELECTION = 'lifeline-summarize-selection';
export const MENU_REWRITE = 'lifeline-rewrite';
/** "lifeline-rewrite-improve", "lifeline-rewrite-fix", … one per rewrite style. */
export const rewriteMenuId = (style: RewriteStyle): string => `${MENU_REWRITE}-${style}`;

const toolbarButton = (): typeof browser.action => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export function registerContextMenus(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({ id: MENU_SUMMARIZE_PAGE, title: MENU_TITLES.summarizePage, contexts: ['page'] });
    browser.contextMenus.create({ id: MENU_SUMMARIZE_SELECTION, title: MENU_TITLES.summarizeSelection, contexts: ['selection'] });
    browser.contextMenus.create({ id: MENU_REWRITE, title: MENU_TITLES.rewriteSelection, contexts: ['selection', 'editable'] });
    const language = browser.i18n.getUILanguage();
    for (const style of REWRITE_STYLES) {
      browser.contextMenus.create({ id: rewriteMenuId(style), parentId: MENU_REWRITE, title: rewriteStyleLabel(style, language), contexts: ['selection', 'editable'] });
    }
  });
}

/** The intent a menu item stands for (undefined for items that are not Lifeline's). */
export function intentForMenu(info: Browser.contextMenus.OnClickData): JobIntent | undefined {
  if (info.menuItemId === MENU_SUMMARIZE_PAGE) return { kind: 'summarize-page' };
  if (info.menuItemId === MENU_SUMMARIZE_SELECTION) return { kind: 'summarize-selection' };
  const style = REWRITE_STYLES.find((candidate) => info.menuItemId === rewriteMenuId(candidate));
  return style ? { kind: 'rewrite-selection', style } : undefined;
}

/** The intent a keyboard shortcut stands for. */
export function intentForCommand(command: string): JobIntent | undefined {
  if (command === COMMAND_SUMMARIZE_PAGE) return { kind: 'summarize-page' };
  if (command === COMMAND_IMPROVE_WRITING) return { kind: 'rewrite-selection', style: 'improve' };
  return undefined;
}

export async function openPanelFromMenu(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<void> {
  const intent = intentForMenu(info);
  // The browser reports a selection made inside a frame the page reader cannot see: it stands in for it.
  if (intent && tab) await openPanel(tab, intent, intent.kind === 'summarize-page' ? undefined : info.selectionText);
}

/** A shortcut grants activeTab like a menu click; older Firefox versions do not pass the tab, so ask for it. */
export async function openPanelFromCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const intent = intentForCommand(command);
  if (!intent) return;
  const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (target) await openPanel(target, intent);
}

export async function openPanel(tab: Browser.tabs.Tab, intent: JobIntent, selectionFallback?: string): Promise<void> {
  if (tab.id === undefined) return;
  const tabId = tab.id;
  try {
    // activeTab grants access to this tab for this gesture only: the loader is injected now, not on every page.
    const [, saved] = await Promise.all([browser.scripting.executeScript({ target: { tabId }, files: [PANEL_LOADER_SCRIPT] }), panelPositionItem.getValue()]);
    const position = toPanelPosition(saved);
    const fallback = selectionFallback?.trim() ? { selectionFallback } : {};
    // A rewrite opens next to the text it rewrites; everything else where the user last put the panel.
    const place = intent.kind === 'rewrite-selection' ? { anchor: 'selection' as const } : position ? { position } : {};
    await sendMessage('showPanel', { tabId, intent, ...fallback, ...place }, { tabId, frameId: 0 });
    await toolbarButton().setBadgeText({ tabId, text: '' });
  } catch {
    await showCannotRunHere(tabId);
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
