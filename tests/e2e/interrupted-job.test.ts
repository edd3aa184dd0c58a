// End to end: the browser stops the service worker in the middle of an answer; the panel says so, never a silent hole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { addProviderThroughOptions, clickContextMenu, lastAnswerIn, openOptions, panel, statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { stopExtensionWorker } from './support/stop-worker';

const SLOW_ANSWER = Array.from({ length: 120 }, (_, index) => `word${index}`).join(' ');

describe('A worker stopped mid-answer', () => {
  let extension: LaunchedExtension;
  let slow: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    slow = await startChatMock({ kind: 'slow', answer: SLOW_ANSWER, intervalMs: 200 });
    pages = await startPageServer();
    extension = await launchExtension();
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([slow?.close(), pages?.close()]);
  });

  it('should show the interrupted state with a retry, not a truncated answer', async () => {
    const options = await openOptions(extension.context, extension.extensionId);
    await addProviderThroughOptions(options, {
      type: 'OpenAI-compatible',
      name: 'Slow local',
      baseURL: slow.baseURL,
      apiKey: 'sk-slow-e2e-key-0000',
      model: 'slow-model',
    });
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');
    const frame = await panel(page);
    await frame.getByRole('button', { name: 'Send to this provider' }).click();
    await expect.poll(() => lastAnswerIn(frame).getByTestId('chat-answer').textContent(), { timeout: 30_000 }).toContain('word3');

    await stopExtensionWorker(extension.context, extension.extensionId);

    const status = statusIn(frame);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Interrupted');
    expect(await status.textContent()).not.toContain('Answered by');
    expect(await lastAnswerIn(frame).getByRole('button', { name: 'Retry', exact: true }).isVisible()).toBe(true);
  });
});
