// End to end: the side panel opened from the real toolbar popup. The same chat as the popup, following the window's
// active tab: the chat of a tab Lifeline may read, and a plain "cannot read this tab yet" for one it may not.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { ask, findSidePanel, lastAnswer, messageLog, openPopup } from './support/chat-surfaces';
import { statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const ANSWER = 'The colophon says the site is set in Verdana.';
const QUESTION = 'Which typeface does this site use?';
const NO_ACCESS = 'Lifeline cannot read this tab yet.';

/** The questions in the conversation shown, without the notes under them. */
const questionsShown = (surface: Page) => messageLog(surface).getByRole('article', { name: 'You' }).locator('.ll-chat-question').allTextContents();
const noAccess = (surface: Page) => surface.getByRole('region', { name: 'No access to this tab' }).getByRole('status');
const pageShown = (surface: Page) => surface.locator('.ll-chat-page');

describe('Side panel', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let daring: Page;
  let sidePanel: Page;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: ANSWER });
    pages = await startPageServer();
    // *.test names reach the page server, on a host Lifeline has no permission for (unlike 127.0.0.1).
    extension = await launchExtension({ extraArgs: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
    await seedProviders(extension.worker, [{ id: 'side-provider', name: 'Side model', baseURL: provider.baseURL, model: 'side-model', apiKey: 'sk-e2e-side-0001' }]);
    daring = await extension.context.newPage();
    await daring.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), pages?.close()]);
  });

  it('should open from the popup\'s "Side panel" button and answer there', async () => {
    const popup = await openPopup(extension, daring);
    const popupClosed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Side panel' }).click();
    sidePanel = await findSidePanel(extension);
    // The popup gives way to the panel.
    await popupClosed;

    await sidePanel.getByRole('heading', { name: 'Lifeline' }).waitFor();
    await expect.poll(() => pageShown(sidePanel).textContent()).toBe('Daring Fireball: Colophon');
    // The side panel has no button to open itself.
    expect(await sidePanel.getByRole('button', { name: 'Side panel' }).count()).toBe(0);

    await ask(sidePanel, QUESTION);
    const status = statusIn(sidePanel);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Answered by Side model');
    expect(await lastAnswer(sidePanel).getByTestId('chat-answer').innerText()).toBe(ANSWER);
    expect(await questionsShown(sidePanel)).toEqual([QUESTION]);
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain(QUESTION);
  });

  it('should follow the active tab: no access on a site Lifeline was not let into, the chat again on the first tab', async () => {
    const port = new URL(pages.url('wikipedia')).port;
    const news = await extension.context.newPage();
    await news.goto(`http://news.test:${port}/wikipedia/`, { waitUntil: 'domcontentloaded' });
    await news.bringToFront();

    await expect.poll(async () => ((await noAccess(sidePanel).count()) ? noAccess(sidePanel).textContent() : ''), { timeout: 15_000 }).toContain(NO_ACCESS);
    expect(await sidePanel.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await sidePanel.getByRole('button', { name: 'New chat' }).isDisabled()).toBe(true);

    // Letting Lifeline in takes a user gesture (toolbar button, menu, shortcut) that grants activeTab. A test can only
    // dispatch the menu's listener, which grants nothing: the tab stays closed to Lifeline, so that step is not tested here.

    // Back on the first tab, its conversation is shown again.
    await daring.bringToFront();
    await expect.poll(() => questionsShown(sidePanel), { timeout: 15_000 }).toEqual([QUESTION]);
    expect(await pageShown(sidePanel).textContent()).toBe('Daring Fireball: Colophon');
    expect(await noAccess(sidePanel).count()).toBe(0);
  });

  it('should follow the active tab to a new address: a page Lifeline may read gets its own, empty chat', async () => {
    const port = new URL(pages.url('wikipedia')).port;
    const tab = await extension.context.newPage();
    await tab.goto(`http://news.test:${port}/wikipedia/`, { waitUntil: 'domcontentloaded' });
    await tab.bringToFront();
    await expect.poll(async () => ((await noAccess(sidePanel).count()) ? noAccess(sidePanel).textContent() : ''), { timeout: 15_000 }).toContain(NO_ACCESS);

    await tab.goto(pages.url('wikipedia'), { waitUntil: 'domcontentloaded' });

    await expect.poll(async () => ((await pageShown(sidePanel).count()) ? pageShown(sidePanel).textContent() : ''), { timeout: 15_000 }).toBe('Mozilla - Wikipedia');
    await messageLog(sidePanel).getByText('Ask anything about this page').waitFor();
    expect(await noAccess(sidePanel).count()).toBe(0);

    await ask(sidePanel, 'Who makes Firefox?');
    await expect.poll(() => statusIn(sidePanel).textContent(), { timeout: 30_000 }).toContain('Answered by Side model');
    expect(await questionsShown(sidePanel)).toEqual(['Who makes Firefox?']);
    expect(JSON.stringify(provider.requests.at(-1)?.body)).toContain('Mozilla');
  });
});
