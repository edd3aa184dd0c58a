// End to end on the built extension: right-click "Summarize page" fails over from a 529 provider to a healthy one.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { evaluateInContentScriptWorld } from './support/content-world-probe';
import { closePopup, openPopup } from './support/chat-surfaces';
import { addProviderThroughOptions, answerEnded, clickContextMenu, lastAnswerIn, openOptions, panel, statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');
const SUMMARY = 'A Minecraft exploit can crash game servers.\n\n- **First** key point of the article.\n- Second key point, with a [source](https://example.com/a).';
const PRIMARY_KEY = 'sk-primary-e2e-SECRET-1111aaaa';
const FALLBACK_KEY = 'sk-fallback-e2e-SECRET-2222bbbb';

describe('Summarize page from the context menu', () => {
  let extension: LaunchedExtension;
  let overloaded: ChatMock;
  let healthy: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    overloaded = await startChatMock({
      kind: 'status',
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    healthy = await startChatMock({ kind: 'healthy', answer: SUMMARY, model: 'fallback-model' });
    pages = await startPageServer();
    extension = await launchExtension();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([overloaded?.close(), healthy?.close(), pages?.close()]);
  });

  it('should answer from the second provider and name the provider that failed', async () => {
    const options = await openOptions(extension.context, extension.extensionId);
    await addProviderThroughOptions(options, {
      type: 'OpenAI-compatible',
      name: 'Primary',
      baseURL: overloaded.baseURL,
      apiKey: PRIMARY_KEY,
      model: 'primary-model',
    });
    await addProviderThroughOptions(options, {
      type: 'OpenAI-compatible',
      name: 'Fallback',
      baseURL: healthy.baseURL,
      apiKey: FALLBACK_KEY,
      model: 'fallback-model',
    });
    const page = await extension.context.newPage();
    await page.goto(pages.url('ars-1'), { waitUntil: 'domcontentloaded' });

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');
    const frame = await panel(page);
    const consentLine = statusIn(frame);
    await expect.poll(() => consentLine.textContent()).toContain('Nothing has been sent yet');
    const consentText = await consentLine.textContent();
    const requestsBeforeConsent = overloaded.requests.length + healthy.requests.length;
    await frame.getByRole('button', { name: 'Send to these providers' }).click();

    const status = statusIn(frame);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Answered by Fallback (fallback-model)');
    expect(await status.textContent()).toContain('Primary (primary-model) failed: 529 overloaded');
    await expect.poll(() => lastAnswerIn(frame).getByTestId('chat-answer').innerText()).toContain('Second key point, with a source.');
    expect(await frame.getByRole('link', { name: 'source' }).getAttribute('href')).toBe('https://example.com/a');
    expect(consentText).toContain("send this page's title, address and text to Primary (primary-model); if it fails, to Fallback (fallback-model)");
    expect(requestsBeforeConsent).toBe(0);
    expect(overloaded.requests).toHaveLength(1);
    expect(healthy.requests).toHaveLength(1);
    expect(healthy.requests[0]?.headers.authorization).toBe(`Bearer ${FALLBACK_KEY}`);
    const prompt = JSON.stringify(healthy.requests[0]?.body.messages);
    expect(prompt).toContain('Minecraft exploit makes it easy to crash game servers');
    expect(prompt).toContain('Two-year-old bug exposes thousands of servers');
    await page.screenshot({ path: resolve(ARTIFACTS, 'panel-summary.png') });
  });

  it('should keep the API keys, the answer and the job port out of the page and out of the content script world', async () => {
    const page = extension.context.pages().find((candidate) => candidate.url().startsWith(pages.url('ars-1')))!;

    const dom = await page.evaluate(() => {
      const host = document.querySelector('lifeline-panel');
      return document.documentElement.outerHTML + (host?.shadowRoot?.innerHTML ?? '');
    });
    const probe = await evaluateInContentScriptWorld<{ local: string; session: string; providers: string; startJob: string; jobMessages: string }>(
      page,
      extension.extensionId,
      `(async () => {
        const attempt = (work) => work().then((value) => JSON.stringify(value ?? null), (error) => 'refused: ' + error.message);
        const local = await attempt(() => chrome.storage.local.get(null));
        const session = await attempt(() => chrome.storage.session.get(null));
        const providers = await attempt(() => chrome.runtime.sendMessage({ id: 1, type: 'getProviders', timestamp: Date.now() }));
        const startJob = await attempt(() => chrome.runtime.sendMessage({ id: 2, type: 'startJob', timestamp: Date.now(), data: { tabId: 0, intent: { kind: 'summarize-page' } } }));
        const jobMessages = await new Promise((resolve) => {
          const port = chrome.runtime.connect({ name: 'lifeline-job' });
          const seen = [];
          port.onMessage.addListener((message) => seen.push(message));
          port.onDisconnect.addListener(() => resolve('disconnected after ' + JSON.stringify(seen)));
          port.postMessage({ type: 'attach', jobId: 'any' });
        });
        return { local, session, providers, startJob, jobMessages };
      })()`,
    );

    for (const key of [PRIMARY_KEY, FALLBACK_KEY]) {
      expect(dom).not.toContain(key);
      expect(JSON.stringify(probe)).not.toContain(key);
    }
    expect(probe.local).toMatch(/^refused: .*not allowed/i);
    expect(probe.session).toMatch(/^refused: .*not allowed/i);
    expect(dom).not.toContain('Second key point');
    expect(probe.providers).toContain('"code":"refused"');
    expect(probe.providers).not.toContain('primary-model');
    expect(probe.startJob).toContain('"code":"refused"');
    expect(probe.jobMessages).toBe('disconnected after []');
  });

  it('should have asked once: the popup shows the panel\'s answer as a turn of the page\'s chat, without asking again', async () => {
    const page = extension.context.pages().find((candidate) => candidate.url().startsWith(pages.url('ars-1')))!;
    const requestsBefore = overloaded.requests.length + healthy.requests.length;

    const popup = await openPopup(extension, page);
    await expect.poll(() => statusIn(popup).textContent()).toContain('Answered by Fallback (fallback-model)');
    const { answer } = await answerEnded(popup);

    expect(answer).toContain('Second key point, with a source.');
    expect(await popup.getByRole('button', { name: /^Send to/ }).count()).toBe(0);
    expect(overloaded.requests.length + healthy.requests.length).toBe(requestsBefore);
    await closePopup(popup);
  });
});
