// What a person does with Lifeline, expressed once for the end-to-end tests.
import type { BrowserContext, Page, Worker } from 'playwright-core';

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

export const panel = (page: Page) => page.locator('lifeline-panel').getByRole('dialog', { name: 'Lifeline' });

/** Closes any open panel, runs "Summarize page" from the context menu and waits until the job has ended. */
export async function summarizeAndWait(worker: Worker, page: Page, timeoutMs = 60_000): Promise<{ answer: string; status: string }> {
  const close = panel(page).getByRole('button', { name: 'Close Lifeline panel' });
  if (await close.count()) await close.click();
  await panel(page).waitFor({ state: 'detached' });
  await clickContextMenu(worker, page, 'lifeline-summarize-page');
  // Retry appears once the job has ended, whichever way it ended.
  await panel(page).getByRole('button', { name: 'Retry', exact: true }).waitFor({ timeout: timeoutMs });
  const answer = panel(page).getByTestId('answer');
  return {
    answer: (await answer.count()) ? (await answer.innerText()).trim() : '',
    status: (await panel(page).getByTestId('answer-status').textContent()) ?? '',
  };
}
