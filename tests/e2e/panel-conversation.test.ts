// End to end: a summary made in the in-page panel is a turn of the page's conversation. A follow-up typed in the panel
// carries it as the earlier turn, and the toolbar popup's History lists it and reopens it beside the chats.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { ask, closePopup, messageLog, openPopup } from './support/chat-surfaces';
import { answerEnded, statusIn, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const SUMMARY = 'The colophon lists the tools behind the site: BBEdit, Movable Type and Verdana.';
const FOLLOW_UP = 'Which of those is a typeface?';
const TITLE = 'Daring Fireball: Colophon';

describe('The in-page panel is the chat about the page', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: SUMMARY });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'follow-up', name: 'Follow-up model', baseURL: provider.baseURL, model: 'follow-model', apiKey: 'sk-e2e-follow-0001' }]);
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), pages?.close()]);
  });

  it("should send the panel's summary as the earlier turn of a follow-up asked in the panel", async () => {
    page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    const { answer, frame } = await summarizeAndWait(extension.worker, page);
    expect(answer).toBe(SUMMARY);
    expect(provider.requests).toHaveLength(1);

    await ask(frame, FOLLOW_UP);
    const questions = messageLog(frame).getByRole('article', { name: 'You' }).locator('.ll-chat-question');
    await expect.poll(() => questions.allTextContents()).toEqual(['Summarize this page', FOLLOW_UP]);
    await expect.poll(() => messageLog(frame).getByRole('article', { name: 'Lifeline' }).count()).toBe(2);
    const { status } = await answerEnded(frame);

    expect(status).toContain('Answered by Follow-up model');
    expect(provider.requests).toHaveLength(2);
    const messages = provider.requests[1]!.body.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]?.content).toBe('Summarize this page');
    expect(messages[2]?.content).toBe(SUMMARY);
    expect(messages[3]?.content).toContain(FOLLOW_UP);
  });

  it("should list the panel's summary in the popup's History and reopen it there, without asking again", async () => {
    const popup = await openPopup(extension, page);
    // The popup opens on the page's conversation, the one the panel filed.
    const questions = messageLog(popup).getByRole('article', { name: 'You' }).locator('.ll-chat-question');
    await expect.poll(() => questions.allTextContents()).toEqual(['Summarize this page', FOLLOW_UP]);

    await popup.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => questions.count()).toBe(0);
    await popup.getByRole('button', { name: 'History' }).click();
    const history = popup.getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: `Open ${TITLE}`, exact: true }).click();

    await expect.poll(() => questions.allTextContents()).toEqual(['Summarize this page', FOLLOW_UP]);
    expect(await messageLog(popup).getByRole('article', { name: 'Lifeline' }).first().getByTestId('chat-answer').innerText()).toBe(SUMMARY);
    expect(await statusIn(popup).textContent()).toContain('Answered by Follow-up model');
    expect(provider.requests).toHaveLength(2);
    await closePopup(popup);
  });
});
