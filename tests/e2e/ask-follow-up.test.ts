// End to end: "Ask a follow-up" in the in-page panel hands its finished summary to the chat, which opens on it (the
// toolbar popup, or a small window with the chat where the browser will not open the popup) and continues from it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { ask, closePopup, findPopup, lastAnswer, messageLog, openChatInTab, tabIdOf } from './support/chat-surfaces';
import { panel, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const SUMMARY = 'The colophon lists the tools behind the site: BBEdit, Movable Type and Verdana.';
const FOLLOW_UP = 'Which of those is a typeface?';

describe('Ask a follow-up from the in-page panel', () => {
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

  it('should open the chat on the panel\'s summary and send it as the earlier turn of the follow-up', async () => {
    page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    const summary = await summarizeAndWait(extension.worker, page);
    expect(summary.answer).toBe(SUMMARY);
    expect(provider.requests).toHaveLength(1);

    await panel(page).getByRole('button', { name: 'Ask a follow-up' }).click();
    const chat = await findPopup(extension);
    // The toolbar popup, or the fallback window that names the page's tab.
    const tabId = new URL(chat.url()).searchParams.get('tabId');
    if (tabId !== null) expect(Number(tabId)).toBe(await tabIdOf(extension, page));

    const questions = messageLog(chat).getByRole('article', { name: 'You' }).locator('.ll-chat-question');
    await expect.poll(() => questions.allTextContents()).toEqual(['Summarize this page']);
    expect(await lastAnswer(chat).getByTestId('chat-answer').innerText()).toBe(SUMMARY);
    expect(await lastAnswer(chat).getByTestId('answer-status').textContent()).toContain('Answered by Follow-up model');
    // Handing over files the finished job: nothing was asked again.
    expect(provider.requests).toHaveLength(1);

    await ask(chat, FOLLOW_UP);
    await expect.poll(() => questions.allTextContents()).toEqual(['Summarize this page', FOLLOW_UP]);
    await expect.poll(() => messageLog(chat).getByRole('article', { name: 'Lifeline' }).count()).toBe(2);
    await expect.poll(() => lastAnswer(chat).getByTestId('answer-status').textContent(), { timeout: 30_000 }).toContain('Answered by Follow-up model');

    expect(provider.requests).toHaveLength(2);
    const messages = provider.requests[1]!.body.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]?.content).toBe('Summarize this page');
    expect(messages[2]?.content).toBe(SUMMARY);
    expect(messages[3]?.content).toContain(FOLLOW_UP);
    if (tabId === null) await closePopup(chat);
    else await chat.close();
  });

  it('should show the same conversation in the fallback window\'s address, popup.html?tabId=…', async () => {
    const chat = await openChatInTab(extension, page);
    await expect.poll(() => chat.locator('.ll-chat-page').textContent()).toBe('Daring Fireball: Colophon');
    const questions = messageLog(chat).getByRole('article', { name: 'You' }).locator('.ll-chat-question');
    await expect.poll(() => questions.allTextContents()).toEqual(['Summarize this page', FOLLOW_UP]);
    expect(await messageLog(chat).getByRole('article', { name: 'Lifeline' }).first().getByTestId('chat-answer').innerText()).toBe(SUMMARY);
    await chat.close();
  });
});
