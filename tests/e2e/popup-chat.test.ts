// End to end: the toolbar popup's chat about a corpus page. Answers live in the background: closing the popup in the
// middle of an answer, or the browser stopping the worker, never loses a word silently.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_ANSWER, providerErrorBody, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { ask, closePopup, lastAnswer, messageLog, openPopup } from './support/chat-surfaces';
import { statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';
import { stopExtensionWorker } from './support/stop-worker';

const WORDS = Array.from({ length: 60 }, (_, index) => `word${index}`);
const SLOW_ANSWER = WORDS.join(' ');

interface StoredAnswer {
  status: string;
  text: string;
}

/** The answers of the saved conversations, as the background filed them in storage.local. */
function savedAnswers(extension: LaunchedExtension): Promise<StoredAnswer[]> {
  return extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
    const { conversations } = (await chrome.storage.local.get('conversations')) as {
      conversations?: Record<string, { messages: { role: string; job?: { status: string; text: string } }[] }>;
    };
    return Object.values(conversations ?? {}).flatMap((conversation) =>
      conversation.messages.flatMap((message) => (message.role === 'assistant' && message.job ? [{ status: message.job.status, text: message.job.text }] : [])),
    );
  });
}

describe('Chat in the toolbar popup', () => {
  let extension: LaunchedExtension;
  let slow: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    slow = await startChatMock({ kind: 'slow', answer: SLOW_ANSWER, intervalMs: 150 });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'chat-slow', name: 'Slow local', baseURL: slow.baseURL, model: 'slow-model', apiKey: 'sk-e2e-chat-0001' }]);
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([slow?.close(), pages?.close()]);
  });

  it('should keep streaming while the popup is closed and show the whole answer when it opens again', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    const popup = await openPopup(extension, page);
    await ask(popup, 'What is this page about?');
    await expect.poll(() => lastAnswer(popup).textContent(), { timeout: 30_000 }).toContain('word3');
    await closePopup(popup);

    // Filed as complete in storage while no popup is open.
    await expect.poll(async () => (await savedAnswers(extension)).at(-1)?.status, { timeout: 60_000 }).toBe('done');
    const reopened = await openPopup(extension, page, [popup]);
    await expect.poll(() => statusIn(reopened).textContent(), { timeout: 15_000 }).toContain('Answered by Slow local');

    const answer = await lastAnswer(reopened).getByTestId('chat-answer').innerText();
    expect(answer.split(/\s+/)).toEqual(WORDS);
    expect(await reopened.getByRole('article', { name: 'You' }).last().textContent()).toContain('What is this page about?');
    // The question went with the page's text, inside the page delimiters.
    const sent = JSON.stringify(slow.requests.at(-1)?.body);
    expect(sent).toContain('What is this page about?');
    expect(sent).toContain('<page>');
    expect(sent).toContain('Daring Fireball');
    await closePopup(reopened);
  });

  it('should show the interrupted state with Retry, never a silent hole, when the worker is stopped mid-answer', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('wordpress'), { waitUntil: 'domcontentloaded' });
    const popup = await openPopup(extension, page);
    await ask(popup, 'Who wrote this?');
    await expect.poll(() => lastAnswer(popup).textContent(), { timeout: 30_000 }).toContain('word3');
    await closePopup(popup);

    await stopExtensionWorker(extension.context, extension.extensionId);

    const reopened = await openPopup(extension, page, [popup]);
    const status = statusIn(reopened);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Interrupted|Answered by/);
    const text = (await status.textContent()) ?? '';
    if (text.includes('Interrupted')) {
      expect(await lastAnswer(reopened).getByRole('button', { name: 'Retry', exact: true }).isVisible()).toBe(true);
    } else {
      expect((await lastAnswer(reopened).getByTestId('chat-answer').innerText()).split(/\s+/)).toEqual(WORDS);
    }
    await closePopup(reopened);
  });
});

describe('Quick actions and fail-over in the popup', () => {
  let extension: LaunchedExtension;
  let overloaded: FaultServer;
  let healthy: FaultServer;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;

  beforeAll(async () => {
    overloaded = await startFaultServer({
      wire: 'openai',
      script: () => ({ kind: 'status', status: 529, body: providerErrorBody('openai', 'overloaded_error', 'Overloaded') }),
    });
    healthy = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [
      { id: 'quick-primary', name: 'Primary', baseURL: overloaded.url, model: 'primary-model', apiKey: 'sk-e2e-quick-0001' },
      { id: 'quick-fallback', name: 'Fallback', baseURL: healthy.url, model: 'fallback-model', apiKey: 'sk-e2e-quick-0002' },
    ]);
    page = await extension.context.newPage();
    await page.goto(pages.url('guardian-1'), { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([overloaded?.close(), healthy?.close(), pages?.close()]);
  });

  it('should summarize the page from the quick actions and say who answered after what failed', async () => {
    const popup = await openPopup(extension, page);
    await popup.getByRole('button', { name: 'Summarize this page' }).click();
    const status = statusIn(popup);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Answered by Fallback');
    expect(await status.textContent()).toContain('Primary (primary-model) failed');
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(CANONICAL_ANSWER);
    expect(JSON.stringify(healthy.attempts.at(-1)?.body)).toContain('<page>');
    await closePopup(popup);
  });

  it('should fail over during a chat turn and keep the earlier turn as context', async () => {
    const popup = await openPopup(extension, page);
    // The popup opens on the page's conversation: the summary is there.
    const answers = messageLog(popup).getByRole('article', { name: 'Lifeline' });
    await expect.poll(() => answers.count()).toBe(1);
    await ask(popup, 'And what is the main claim?');
    await expect.poll(() => answers.count()).toBe(2);
    const status = statusIn(popup);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Answered by Fallback');
    expect(await status.textContent()).toContain('Primary (primary-model) failed');
    // The summary before it went with the question as an earlier turn.
    const messages = (healthy.attempts.at(-1)?.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]?.content).toBe(CANONICAL_ANSWER);
    await closePopup(popup);
  });
});
