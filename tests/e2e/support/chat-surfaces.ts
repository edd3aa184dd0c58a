// The toolbar popup and the side panel as a person uses them: open the popup on a tab, close it, find them by role.
import type { Frame, Page } from 'playwright-core';
import type { LaunchedExtension } from './launch-extension';

/** The first page of a fresh CDP view whose address starts with `prefix` and that `accept` takes. */
async function waitForSurface(extension: LaunchedExtension, prefix: string, accept: (page: Page) => boolean = () => true, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const browser = await extension.overCdp();
    const found = browser
      .contexts()
      .flatMap((context) => context.pages())
      .find((page) => page.url().startsWith(prefix) && !page.isClosed() && accept(page));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No ${prefix} within ${timeoutMs} ms`);
    // A page opening while connected shows up as an event; otherwise the next connection lists it.
    await browser.contexts()[0]!.waitForEvent('page', { timeout: 500 }).catch(() => undefined);
    await browser.close();
  }
}

/** Clicks the toolbar button on `page` (action.openPopup on the active tab) and returns the popup. */
export async function openPopup(extension: LaunchedExtension, page: Page, known: readonly Page[] = []): Promise<Page> {
  await page.bringToFront();
  await extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } };
    await chrome.action.openPopup();
  });
  const popup = await waitForSurface(extension, `chrome-extension://${extension.extensionId}/popup.html`, (candidate) => !known.includes(candidate));
  await popup.getByRole('heading', { name: 'Lifeline' }).waitFor();
  return popup;
}

/** The popup closes as it does when focus moves away. */
export async function closePopup(popup: Page): Promise<void> {
  const closed = popup.waitForEvent('close');
  await popup.evaluate(() => window.close()).catch(() => undefined);
  await closed;
}

export async function findSidePanel(extension: LaunchedExtension): Promise<Page> {
  return waitForSurface(extension, `chrome-extension://${extension.extensionId}/sidepanel.html`);
}

export const messageLog = (surface: Page | Frame) => surface.getByRole('log', { name: 'Messages' });
export const lastAnswer = (surface: Page | Frame) => messageLog(surface).getByRole('article', { name: 'Lifeline' }).last();

/** Types a question in the message box and presses Enter. */
export async function ask(surface: Page | Frame, question: string): Promise<void> {
  const box = surface.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
}

/**
 * A popup page Lifeline opened by itself ("Ask a follow-up"): the toolbar popup (popup.html) or, where the browser
 * refuses to open it, a small window at popup.html?tabId=…; either one, as long as it is not in `known`.
 */
export async function findPopup(extension: LaunchedExtension, known: readonly Page[] = []): Promise<Page> {
  const popup = await waitForSurface(extension, `chrome-extension://${extension.extensionId}/popup.html`, (candidate) => !known.includes(candidate));
  await popup.getByRole('heading', { name: 'Lifeline' }).waitFor();
  return popup;
}

/** The id of the tab that shows `page` (the one an extension page names in popup.html?tabId=…). */
export async function tabIdOf(extension: LaunchedExtension, page: Page): Promise<number> {
  const id = await extension.worker.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> } } };
    return (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id;
  }, page.url());
  if (id === undefined) throw new Error(`No tab shows ${page.url()}`);
  return id;
}

/**
 * The chat of `page`'s tab in an ordinary tab (popup.html?tabId=…, the address the follow-up window uses); `size` sets
 * its viewport and `beforeLoad` runs before it navigates (an init script, say).
 */
export async function openChatInTab(
  extension: LaunchedExtension,
  page: Page,
  options: { size?: { width: number; height: number }; beforeLoad?: (chat: Page) => Promise<void> } = {},
): Promise<Page> {
  const tabId = await tabIdOf(extension, page);
  const chat = await extension.context.newPage();
  if (options.size) await chat.setViewportSize(options.size);
  await options.beforeLoad?.(chat);
  await chat.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
  await chat.getByRole('heading', { name: 'Lifeline' }).waitFor();
  return chat;
}
