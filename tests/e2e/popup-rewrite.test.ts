// End to end: the popup's quick actions on the page's selection. "Improve writing" puts the rewrite in place of the
// selected words in a textarea, undoably with the page's own Control+Z; read-only text gets an answer but no Replace.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { closePopup, lastAnswer, messageLog, openPopup } from './support/chat-surfaces';
import { statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { serveHtml } from './support/page-server';
import { selectWordsIn } from './support/select-words';
import { seedProviders } from './support/seed-providers';

const ORIGINAL = 'Please send teh report by friday.';
const SELECTED = 'teh report';
const REWRITE = 'the final report';
const REWRITTEN = 'Please send the final report by friday.';
const READ_ONLY = 'The quarterly report is late because teh report template changed.';

const FIXTURE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Compose</title></head><body>
<h1>Weekly note</h1>
<textarea id="textarea" rows="3" cols="60">${ORIGINAL}</textarea>
<p id="readonly">${READ_ONLY}</p>
</body></html>`;

const textareaValue = (page: Page): Promise<string> => page.locator('#textarea').inputValue();
const answerStatus = (popup: Page) => statusIn(popup);

describe('Rewrite and summarize the selection from the popup', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let site: Awaited<ReturnType<typeof serveHtml>>;
  let page: Page;
  const opened: Page[] = [];

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: REWRITE, model: 'rewrite-model' });
    site = await serveHtml(FIXTURE);
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'popup-writer', name: 'Writer', baseURL: provider.baseURL, model: 'rewrite-model', apiKey: 'sk-e2e-popup-rewrite-0001' }]);
    page = await extension.context.newPage();
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), site?.close()]);
  });

  it('should replace the selected words in a textarea with "Improve writing", and the page\'s Control+Z brings them back', async () => {
    await selectWordsIn(page, 'textarea', SELECTED);
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);

    const rewrite = popup.getByRole('button', { name: 'Rewrite selection' });
    expect(await rewrite.getAttribute('aria-expanded')).toBe('false');
    await rewrite.click();
    await expect.poll(() => rewrite.getAttribute('aria-expanded')).toBe('true');
    await popup.getByRole('group', { name: 'Rewrite selection' }).getByRole('button', { name: 'Improve writing' }).click();

    await expect.poll(() => answerStatus(popup).textContent(), { timeout: 30_000 }).toContain('Answered by Writer');
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(REWRITE);
    const question = messageLog(popup).getByRole('article', { name: 'You' }).last();
    expect(await question.locator('blockquote').textContent()).toBe(SELECTED);
    expect(await question.locator('.ll-chat-question').textContent()).toBe('Rewrite the selection: Improve writing');
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain(`<text>\\n${SELECTED}\\n</text>`);
    // Nothing in the page changed before the user asked for it.
    expect(await textareaValue(page)).toBe(ORIGINAL);

    await lastAnswer(popup).getByRole('button', { name: 'Replace', exact: true }).click();
    await lastAnswer(popup).getByRole('status').filter({ hasText: 'Replaced in the page' }).waitFor();
    expect(await textareaValue(page)).toBe(REWRITTEN);
    await closePopup(popup);

    // The page's own undo, in the field.
    await page.bringToFront();
    await page.locator('#textarea').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => textareaValue(page)).toBe(ORIGINAL);
  });

  it('should summarize a read-only selection, with Copy and no Replace', async () => {
    await selectWordsIn(page, 'readonly', SELECTED);
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    const answers = messageLog(popup).getByRole('article', { name: 'Lifeline' });
    const before = await answers.count();

    await popup.getByRole('button', { name: 'Summarize selection' }).click();

    await expect.poll(() => answers.count()).toBe(before + 1);
    await expect.poll(() => answerStatus(popup).textContent(), { timeout: 30_000 }).toContain('Answered by Writer');
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(REWRITE);
    await lastAnswer(popup).getByRole('button', { name: 'Copy' }).waitFor();
    expect(await lastAnswer(popup).getByRole('button', { name: 'Replace', exact: true }).count()).toBe(0);
    const question = messageLog(popup).getByRole('article', { name: 'You' }).last();
    expect(await question.locator('.ll-chat-question').textContent()).toBe('Summarize the selection');
    expect(await question.locator('blockquote').textContent()).toBe(SELECTED);
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain(`<selection>\\n${SELECTED}\\n</selection>`);
    await closePopup(popup);
  });

  it('should rewrite a read-only selection without offering Replace', async () => {
    await selectWordsIn(page, 'readonly', SELECTED);
    const popup = await openPopup(extension, page, opened);
    opened.push(popup);
    const answers = messageLog(popup).getByRole('article', { name: 'Lifeline' });
    const before = await answers.count();

    await popup.getByRole('button', { name: 'Rewrite selection' }).click();
    await popup.getByRole('group', { name: 'Rewrite selection' }).getByRole('button', { name: 'Improve writing' }).click();

    await expect.poll(() => answers.count()).toBe(before + 1);
    await expect.poll(() => answerStatus(popup).textContent(), { timeout: 30_000 }).toContain('Answered by Writer');
    await lastAnswer(popup).getByRole('button', { name: 'Copy' }).waitFor();
    expect(await lastAnswer(popup).getByRole('button', { name: 'Replace', exact: true }).count()).toBe(0);
    expect(await page.locator('#readonly').textContent()).toBe(READ_ONLY);
    await closePopup(popup);
  });
});
