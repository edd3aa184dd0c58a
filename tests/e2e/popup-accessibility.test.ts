// End to end: the chat surfaces pass the axe-core audit (no serious or critical issues) in light and dark, name their
// controls, and work from the keyboard alone: Tab to the message box, Enter sends, Shift+Enter adds a line, Escape stops.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { seriousViolations } from './support/axe';
import { ask, closePopup, findSidePanel, lastAnswer, messageLog, openPopup } from './support/chat-surfaces';
import { statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
// Markdown with a list, a link, code and emphasis, so the audit sees every kind of answer element.
const MARKDOWN_ANSWER = 'The page explains **how the site is made**:\n\n- set in Verdana\n- see [the colophon](https://daringfireball.net/colophon/)\n\nRun `make site` to build it.';
const SLOW_WORDS = Array.from({ length: 80 }, (_, index) => `token${index}`);

const questionsShown = (surface: Page) => messageLog(surface).getByRole('article', { name: 'You' }).locator('.ll-chat-question').allTextContents();
const answerStatus = (surface: Page) => statusIn(surface);

/** Presses Tab until the element the locator finds has the focus; fails after `limit` presses. */
async function tabTo(surface: Page, target: ReturnType<Page['getByRole']>, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await surface.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`Tab did not reach the element in ${limit} presses`);
}

describe('Accessibility of the popup and the side panel', () => {
  let extension: LaunchedExtension;
  let healthy: ChatMock;
  let slow: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;
  const opened: Page[] = [];

  beforeAll(async () => {
    healthy = await startChatMock({ kind: 'healthy', answer: MARKDOWN_ANSWER });
    slow = await startChatMock({ kind: 'slow', answer: SLOW_WORDS.join(' '), intervalMs: 150 });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'a11y-chat', name: 'Local model', baseURL: healthy.baseURL, model: 'a11y-model', apiKey: 'sk-e2e-a11y-chat-0001' }]);
    page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([healthy?.close(), slow?.close(), pages?.close()]);
  });

  it('should name the message box, the Send button and the message log', async () => {
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    await popup.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await popup.getByRole('textbox', { name: 'Message' }).count()).toBe(1);
    expect(await popup.getByRole('button', { name: 'Send' }).count()).toBe(1);
    expect(await popup.getByRole('log', { name: 'Messages' }).count()).toBe(1);
    expect(await popup.getByRole('checkbox', { name: 'Include the page' }).isChecked()).toBe(true);
    expect(await popup.getByRole('checkbox', { name: 'Include the selection' }).isChecked()).toBe(false);
    expect(await popup.getByRole('region', { name: 'Quick actions' }).count()).toBe(1);
    // Nothing to send yet.
    expect(await popup.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await closePopup(popup);
  });

  it('should send with Enter and add a line with Shift+Enter, from the keyboard alone', async () => {
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    const box = popup.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    await tabTo(popup, box);

    const requestsBefore = healthy.requests.length;
    await popup.keyboard.type('How is the site made?');
    await popup.keyboard.press('Shift+Enter');
    await popup.keyboard.type('And with which tools?');
    expect(await box.inputValue()).toBe('How is the site made?\nAnd with which tools?');
    expect(await messageLog(popup).getByRole('article').count()).toBe(0);

    await popup.keyboard.press('Enter');
    await expect.poll(() => questionsShown(popup)).toEqual(['How is the site made?\nAnd with which tools?']);
    await expect.poll(() => answerStatus(popup).textContent(), { timeout: 30_000 }).toContain('Answered by Local model');
    expect(await box.inputValue()).toBe('');
    expect(healthy.requests.length).toBe(requestsBefore + 1);
    expect(JSON.stringify(healthy.requests.at(-1)?.body.messages)).toContain('How is the site made?\\nAnd with which tools?');
    await closePopup(popup);
  });

  it.each(['light', 'dark'] as const)('should have no serious or critical issues in the popup with a conversation (%s)', async (colorScheme) => {
    // The rewrite styles open only with text selected on the page.
    await page.evaluate(() => document.getSelection()!.selectAllChildren(document.querySelector('h1')!));
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    await popup.emulateMedia({ colorScheme });
    expect(await popup.evaluate((scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches, colorScheme)).toBe(true);
    // The conversation of the previous test is shown, its answer rendered as Markdown.
    await lastAnswer(popup).getByRole('link', { name: 'the colophon' }).waitFor();
    await lastAnswer(popup).getByRole('listitem').first().waitFor();

    const violations = await seriousViolations(popup);

    await popup.screenshot({ path: resolve(ARTIFACTS, `popup-chat-${colorScheme}.png`), fullPage: true });
    expect(violations).toEqual([]);

    // The rewrite styles and the history too.
    await popup.getByRole('button', { name: 'Rewrite selection' }).click();
    await popup.getByRole('group', { name: 'Rewrite selection' }).waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'History' }).click();
    await popup.getByRole('list', { name: 'Conversations' }).waitFor();
    const historyViolations = await seriousViolations(popup);
    await popup.screenshot({ path: resolve(ARTIFACTS, `popup-history-${colorScheme}.png`), fullPage: true });
    expect(historyViolations).toEqual([]);
    await closePopup(popup);
  });

  it.each(['light', 'dark'] as const)('should have no serious or critical issues in the side panel with a conversation (%s)', async (colorScheme) => {
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    const popupClosed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Side panel' }).click();
    const sidePanel = await findSidePanel(extension);
    await popupClosed;
    await sidePanel.emulateMedia({ colorScheme });
    expect(await sidePanel.evaluate((scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches, colorScheme)).toBe(true);
    await lastAnswer(sidePanel).getByRole('link', { name: 'the colophon' }).waitFor();

    const violations = await seriousViolations(sidePanel);

    await sidePanel.screenshot({ path: resolve(ARTIFACTS, `sidepanel-chat-${colorScheme}.png`), fullPage: true });
    expect(violations).toEqual([]);
  });

  it('should stop a streaming answer with Escape in the message box', async () => {
    await seedProviders(extension.worker, [{ id: 'a11y-slow', name: 'Slow model', baseURL: slow.baseURL, model: 'slow-model', apiKey: 'sk-e2e-a11y-chat-0002' }]);
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    const box = popup.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    await ask(popup, 'Please list the tokens.');
    await expect.poll(() => lastAnswer(popup).textContent(), { timeout: 30_000 }).toContain('token3');
    // One Stop control, in the message box's place.
    expect(await popup.getByRole('button', { name: 'Stop' }).count()).toBe(1);

    await box.focus();
    await popup.keyboard.press('Escape');

    await expect.poll(() => answerStatus(popup).textContent(), { timeout: 15_000 }).toContain('Stopped');
    expect(popup.isClosed()).toBe(false);
    const shown = (await lastAnswer(popup).getByTestId('chat-answer').innerText()).split(/\s+/);
    expect(shown.length).toBeLessThan(SLOW_WORDS.length);
    expect(shown).toEqual(SLOW_WORDS.slice(0, shown.length));
    expect(await popup.getByRole('button', { name: 'Send' }).count()).toBe(1);
    await closePopup(popup);
  });
});
