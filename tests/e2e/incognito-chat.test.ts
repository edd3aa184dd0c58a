// End to end: a chat in a private window works, and nothing of it is written to storage, local or session.
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { ask, lastAnswer } from './support/chat-surfaces';
import { statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const QUESTION = 'What is this private page about?';
const ANSWER = 'A private answer about the page.';

interface ChromeInWorker {
  windows: { create(details: { incognito: boolean; url: string }): Promise<{ id?: number }> };
  action: { openPopup(options: { windowId: number }): Promise<void> };
  storage: { local: { get(key: null): Promise<Record<string, unknown>> }; session: { get(key: null): Promise<Record<string, unknown>> } };
}

/**
 * Allows Lifeline in private windows through the API behind the "Allow in Incognito" switch of chrome://extensions.
 * The extension reloads with the new setting: its new service worker is returned.
 */
async function allowInIncognito(extension: LaunchedExtension): Promise<Worker> {
  const restarted = new Promise<Worker>((resolve) => extension.context.once('serviceworker', resolve));
  const page = await extension.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(async (extensionId) => {
    const { chrome } = globalThis as unknown as { chrome: { developerPrivate: { updateExtensionConfiguration(update: object): Promise<void> } } };
    await chrome.developerPrivate.updateExtensionConfiguration({ extensionId, incognitoAccess: true });
  }, extension.extensionId);
  const worker = await restarted;
  await page.close();
  return worker;
}

/** Opens the toolbar popup of the private window and finds it over CDP. */
async function openPrivatePopup(extension: LaunchedExtension, worker: Worker, windowId: number): Promise<Page> {
  await worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
    await chrome.action.openPopup({ windowId: id });
  }, windowId);
  for (;;) {
    const browser = await extension.overCdp();
    const popup = browser
      .contexts()
      .flatMap((context) => context.pages())
      .find((page) => page.url() === `chrome-extension://${extension.extensionId}/popup.html`);
    if (popup) {
      await popup.getByRole('heading', { name: 'Lifeline' }).waitFor();
      return popup;
    }
    await browser.contexts()[0]!.waitForEvent('page', { timeout: 500 }).catch(() => undefined);
  }
}

describe('Chat in a private window', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: ANSWER, model: 'private-model' });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'private-provider', name: 'Private', baseURL: provider.baseURL, model: 'private-model', apiKey: 'sk-e2e-private-0001' }]);
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), pages?.close()]);
  });

  it('should answer, say the chat is not saved, and write nothing of it to storage', async () => {
    const worker = await allowInIncognito(extension);
    const windowId = await worker.evaluate(async (address) => {
      const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
      return (await chrome.windows.create({ incognito: true, url: address })).id!;
    }, pages.url('wordpress'));

    const popup = await openPrivatePopup(extension, worker, windowId);
    await popup.getByText('Private window: this chat is kept in memory only and never saved.').waitFor();
    await ask(popup, QUESTION);
    await expect.poll(() => statusIn(popup).textContent(), { timeout: 30_000 }).toContain('Answered by Private');
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(ANSWER);

    const stored = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
      return JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]);
    });
    expect(JSON.stringify(provider.requests.at(-1)?.body)).toContain(QUESTION);
    expect(stored).not.toContain(QUESTION);
    expect(stored).not.toContain(ANSWER);
    expect(stored).not.toContain('/wordpress');
  });
});
