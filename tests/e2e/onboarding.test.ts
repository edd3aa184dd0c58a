// End to end: first-run guidance. The settings page's welcome teaches the right-click menu, the shortcuts as the
// browser has them set and pinning; the popup's first open shows a short card whose "Try it on this page" summarizes
// the page; the selection's quick actions wait for a selection; History says how long ago.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { seriousViolations } from './support/axe';
import { closePopup, lastAnswer, openChatInTab, openPopup } from './support/chat-surfaces';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { serveHtml } from './support/page-server';
import { selectWordsIn } from './support/select-words';
import { seedProviders } from './support/seed-providers';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const SUMMARY = 'Field notes from a week of rain: the river rose, the path closed and the ferns came back.';
const SELECTED = 'the river rose';
const PARAGRAPH = 'It rained for a week and the river rose over the lower path, so the council closed it until the water went down again.';
const FIXTURE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Field notes</title></head><body><article>
<h1>Field notes</h1>
<p id="river">${PARAGRAPH}</p>
${Array.from({ length: 6 }, (_, index) => `<p>Day ${index + 1}: the ferns along the old wall were greener than last spring, and the birds came back to the hedge early in the morning before the rain.</p>`).join('\n')}
</article></body></html>`;

const card = (surface: Page) => surface.getByRole('region', { name: 'Getting started' });
const quickAction = (surface: Page, name: string) => surface.getByRole('region', { name: 'Quick actions' }).getByRole('button', { name, exact: true });
/** The last answer's status chip, docked under the log. */
const answerStatus = (surface: Page) => surface.getByTestId('answer-status');

/** What the browser says about Lifeline's shortcuts, from the service worker. */
function browserShortcuts(extension: LaunchedExtension): Promise<{ name?: string; shortcut?: string }[]> {
  return extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } } };
    return chrome.commands.getAll();
  });
}

function storedOnboarding(extension: LaunchedExtension): Promise<unknown> {
  return extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
    return (await chrome.storage.local.get('onboarding')).onboarding;
  });
}

describe('First-run guidance', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let site: Awaited<ReturnType<typeof serveHtml>>;
  let page: Page;
  const opened: Page[] = [];

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: SUMMARY, model: 'guide-model' });
    site = await serveHtml(FIXTURE, '/field-notes');
    extension = await launchExtension();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), site?.close()]);
  });

  it('should welcome a first-time user with the menu items, the real shortcut keys and pinning', async () => {
    const options = extension.welcome;
    const steps = options.getByRole('region', { name: 'Then, on any web page' });
    await steps.getByRole('list', { name: 'Keyboard shortcuts' }).waitFor();
    const reported = (await browserShortcuts(extension)).filter((command) => !command.name?.startsWith('_execute_'));

    const text = (await steps.innerText()).replace(/\s+/g, ' ');
    const violations: Record<string, unknown[]> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      violations[colorScheme] = await seriousViolations(options);
      await options.getByRole('region', { name: 'Welcome to Lifeline' }).screenshot({ path: resolve(ARTIFACTS, `onboarding-options-welcome-${colorScheme}.png`) });
    }
    await options.emulateMedia({ colorScheme: 'light' });

    expect(text).toContain('Summarize page with Lifeline');
    expect(text).toContain('Rewrite selection with Lifeline');
    expect(reported.map((command) => command.name).sort()).toEqual(['improve-writing', 'summarize-page']);
    for (const { shortcut } of reported) expect(text).toContain(shortcut ? shortcut : 'not set');
    expect(text).toContain('chrome://extensions/shortcuts');
    expect(text).toContain('the pin next to Lifeline');
    expect(text).toContain('Try it on this page');
    expect(violations).toEqual({ light: [], dark: [] });
  });

  it("should open the browser's shortcut settings from the welcome", async () => {
    const opening = extension.context.waitForEvent('page', { predicate: (opened) => opened.url().startsWith('chrome://extensions/shortcuts') });

    await extension.welcome.getByRole('button', { name: 'Open shortcut settings' }).click();

    const shortcutsPage = await opening;
    expect(shortcutsPage.url()).toBe('chrome://extensions/shortcuts');
    await shortcutsPage.close();
  });

  it('should show the getting-started card at 420x600 in light and dark, without pushing the message box out', async () => {
    await seedProviders(extension.worker, [{ id: 'guide', name: 'Guide', baseURL: provider.baseURL, model: 'guide-model', apiKey: 'sk-e2e-onboarding-0001' }]);
    page = await extension.context.newPage();
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
    const chat = await openChatInTab(extension, page);
    await chat.setViewportSize({ width: 420, height: 600 });
    await card(chat).waitFor();

    const violations: Record<string, unknown[]> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      await chat.emulateMedia({ colorScheme });
      violations[colorScheme] = await seriousViolations(chat);
      await chat.screenshot({ path: resolve(ARTIFACTS, `onboarding-popup-card-${colorScheme}.png`) });
    }
    const box = await chat.getByRole('textbox', { name: 'Message' }).boundingBox();

    expect(violations).toEqual({ light: [], dark: [] });
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(600);
    await chat.close();
  });

  it('should show the card on the first popup, summarize the page with "Try it on this page", and not show it again', async () => {
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    await card(popup).waitFor();
    const cardText = (await card(popup).innerText()).replace(/\s+/g, ' ');
    const [summarizeKeys] = (await browserShortcuts(extension)).filter((command) => command.name === 'summarize-page').map((command) => command.shortcut);

    await card(popup).getByRole('button', { name: 'Try it on this page' }).click();

    await expect.poll(() => answerStatus(popup).textContent(), { timeout: 30_000 }).toContain('Answered by Guide');
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(SUMMARY);
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain('the river rose over the lower path');
    expect(await card(popup).count()).toBe(0);
    expect(cardText).toContain('Summarize page with Lifeline');
    expect(cardText).toContain(summarizeKeys ? summarizeKeys : 'not set');
    expect(cardText).toContain('pin it from the puzzle-piece menu');
    expect(await storedOnboarding(extension)).toEqual({ popupCardDismissed: true });
    await closePopup(popup);

    const again = await openPopup(extension, page, opened);
    opened.push(again);
    await expect.poll(() => answerStatus(again).textContent(), { timeout: 15_000 }).toContain('Answered by Guide');
    expect(await card(again).count()).toBe(0);
    await closePopup(again);
  });

  it('should keep Summarize selection and Rewrite selection waiting until text is selected on the page', async () => {
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    const summarizeSelection = quickAction(popup, 'Summarize selection');
    const rewriteSelection = quickAction(popup, 'Rewrite selection');

    await expect.poll(() => summarizeSelection.getAttribute('aria-disabled')).toBe('true');
    expect(await rewriteSelection.getAttribute('aria-disabled')).toBe('true');
    expect(await summarizeSelection.getAttribute('title')).toBe('Select text on the page first');
    expect(await quickAction(popup, 'Summarize this page').isEnabled()).toBe(true);
    await closePopup(popup);

    await selectWordsIn(page, 'river', SELECTED);
    const selected = await openPopup(extension, page, opened);
    opened.push(selected);
    // The selection is asked for after the chat has loaded: wait until the answer is in.
    await expect.poll(() => quickAction(selected, 'Summarize selection').getAttribute('title'), { timeout: 15_000 }).toBeNull();
    await quickAction(selected, 'Rewrite selection').click();

    expect(await quickAction(selected, 'Summarize selection').getAttribute('aria-disabled')).toBeNull();
    expect(await selected.getByRole('group', { name: 'Rewrite selection' }).getByRole('button', { name: 'Improve writing' }).isVisible()).toBe(true);
    await closePopup(selected);
  });

  it('should notice a selection made while the chat was open, when the pointer comes back to it', async () => {
    await page.bringToFront();
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
    const chat = await openChatInTab(extension, page);
    await expect.poll(() => quickAction(chat, 'Summarize selection').getAttribute('aria-disabled')).toBe('true');

    await page.bringToFront();
    await selectWordsIn(page, 'river', SELECTED);
    await chat.bringToFront();
    await chat.mouse.move(200, 300);

    await expect.poll(() => quickAction(chat, 'Summarize selection').getAttribute('aria-disabled'), { timeout: 15_000 }).toBeNull();
    await chat.close();
  });

  it('should say in History how long ago each conversation was', async () => {
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);

    await popup.getByRole('button', { name: 'History' }).click();

    const time = popup.getByRole('list', { name: 'Conversations' }).locator('time').first();
    await time.waitFor();
    expect(await time.textContent()).toMatch(/^(now|\d+ seconds? ago|\d+ minutes? ago)$/);
    expect(await time.getAttribute('title')).toMatch(/\d{4}/);
    await closePopup(popup);
  });
});
