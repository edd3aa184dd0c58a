// What a person does with Lifeline, expressed once for the end-to-end tests.
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';

export interface ProviderInput {
  type: 'Anthropic' | 'OpenAI-compatible';
  name: string;
  baseURL: string;
  apiKey: string;
  model: string;
}

/** Adds a provider through the options page form, by its visible labels. */
export async function addProviderThroughOptions(page: Page, provider: ProviderInput): Promise<void> {
  await page.getByRole('button', { name: 'Add provider' }).click();
  await page.getByLabel('Type').selectOption({ label: provider.type });
  await page.getByLabel('Name', { exact: true }).fill(provider.name);
  await page.getByLabel('Base URL').fill(provider.baseURL);
  await page.getByLabel('API key', { exact: true }).fill(provider.apiKey);
  await page.getByLabel('Model').fill(provider.model);
  await page.getByRole('button', { name: 'Save provider' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await page.getByRole('button', { name: `Edit ${provider.name}`, exact: true }).waitFor();
}

/** The part of the extension API these tests drive inside the service worker. */
interface ChromeInWorker {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  contextMenus: { onClicked: { dispatch(info: object, tab: object): void } };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
}

/** Runs the real context-menu listener of the built extension, as a right-click on the page would. */
export async function clickContextMenu(
  worker: Worker,
  page: Page,
  menuItemId: string,
  selection: { selectionText?: string; editable?: boolean } = {},
): Promise<void> {
  await page.bringToFront();
  await worker.evaluate(
    async ({ url, id, selectionText, editable }) => {
      const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
      // The page was just brought to front: it is the active tab (whose URL a browser page hides from extensions).
      const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      const tab = active && (active.url === url || active.url === undefined) ? active : (await chrome.tabs.query({})).find((candidate) => candidate.url === url);
      if (!tab) throw new Error(`No tab shows ${url}`);
      chrome.contextMenus.onClicked.dispatch({ menuItemId: id, editable, pageUrl: url, ...(selectionText ? { selectionText } : {}) }, tab);
    },
    { url: page.url(), id: menuItemId, selectionText: selection.selectionText ?? '', editable: selection.editable ?? false },
  );
}

/** The toolbar badge Lifeline shows on a tab ('' when none). */
export async function badgeTextOf(worker: Worker, page: Page): Promise<string> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab!.id! });
  });
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

const isPanelFrame = (frame: Frame): boolean => !frame.isDetached() && /^chrome-extension:\/\/[^/]+\/panel\.html\?/.test(frame.url());

/** Whether the in-page panel is open in `page` (its frame is attached). */
export const isPanelOpen = (page: Page): boolean => page.frames().some(isPanelFrame);

/**
 * The in-page panel: panel.html in an iframe inside a closed shadow root, so the page (and a page locator) cannot reach
 * it; Playwright reaches it as a frame of the page. The newest one, once it shows its header.
 */
export async function panel(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().filter(isPanelFrame).at(-1);
    if (frame) {
      // The chat app, or the rewrite next to the selection, has drawn its header.
      await frame.locator('main .ll-chat-header h1').waitFor({ timeout: Math.max(1_000, deadline - Date.now()) });
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`No Lifeline panel in ${page.url()} within ${timeoutMs} ms`);
    await page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => undefined);
  }
}

/** The status of a chat surface's last answer, docked in its footer (always in view). */
export const statusIn = (surface: Page | Frame) => surface.getByTestId('answer-status');

/** The last answer in a chat surface (the panel frame, the popup or the side panel). */
export const lastAnswerIn = (surface: Page | Frame) => surface.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'Lifeline' }).last();

/**
 * Closes the panel, if one is open, as a person does who is back in the page and presses Escape, and waits until its
 * frame is gone. (Escape inside the panel and its × button have their own tests: a key or click whose frame goes away
 * while the browser handles it can leave the test driver waiting for an answer that never comes.)
 */
export async function closePanel(page: Page): Promise<void> {
  if (!isPanelOpen(page)) return;
  await page.bringToFront();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Escape');
  await expectSoon(() => !isPanelOpen(page), 'the panel to close');
}

/** Waits for a condition that needs no browser round trip (checked every 50 ms, 15 s at most). */
export async function expectSoon(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the last answer of a chat surface has ended (Regenerate after an answer, Retry after a failure). */
export async function answerEnded(surface: Page | Frame, timeoutMs = 60_000): Promise<{ answer: string; status: string }> {
  const last = lastAnswerIn(surface);
  await last.getByRole('button', { name: /^(Regenerate|Retry)$/ }).waitFor({ timeout: timeoutMs });
  // The Markdown renderer loads after the surface's first paint: until then an answer shows as plain text.
  await expectSoon(async () => (await last.locator('[data-markdown-pending]').count()) === 0, 'the answer rendered as Markdown');
  const answer = last.getByTestId('chat-answer');
  return {
    answer: (await answer.count()) ? (await answer.innerText()).trim() : '',
    status: (await statusIn(surface).textContent()) ?? '',
  };
}

/** Closes any open panel, runs "Summarize page" from the context menu and waits until the job has ended. */
export async function summarizeAndWait(worker: Worker, page: Page, timeoutMs = 60_000): Promise<{ answer: string; status: string; frame: Frame }> {
  await closePanel(page);
  await clickContextMenu(worker, page, 'lifeline-summarize-page');
  const frame = await panel(page);
  return { ...(await answerEnded(frame, timeoutMs)), frame };
}
