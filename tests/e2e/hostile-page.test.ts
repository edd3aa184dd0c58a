// End to end: a hostile page served on 127.0.0.1 attacks the in-page panel. It tries to read the panel, listen to what
// is typed in it, click its consent and Retry buttons, forge the window messages and events content scripts once
// listened to, restyle the panel away and probe the extension's files. It sees nothing and causes no request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { answerEnded, clickContextMenu, isPanelOpen, panel, statusIn } from './support/extension-actions';
import { TEST_EXTENSION_ID } from './support/extension-id';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { serveHtml } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const ANSWER = 'A calm summary of a hostile page.';
const TYPED = 'my secret question';

// Installed before anything of Lifeline's runs: records what the page could learn.
const HOSTILE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile page</title>
<style>lifeline-panel { display: none !important; opacity: 0 !important; }</style>
<script>
  window.seen = { events: [], messages: [], shadowRoots: 0 };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { window.seen.shadowRoots++; return attach.call(this, init); };
  for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input']) {
    window.addEventListener(type, (event) => window.seen.events.push(type + ':' + (event.key ?? event.data ?? '')), true);
  }
  window.addEventListener('message', (event) => window.seen.messages.push(JSON.stringify(event.data)));
</script></head>
<body><article><h1>Hostile page</h1><p>${'This page would like to read your AI answers and spend your tokens. '.repeat(30)}</p></article></body></html>`;

/** Everything the page tries, from its own world; returns what it learned. */
const ATTACK = `(async (extensionId) => {
  const host = document.querySelector('lifeline-panel');
  const learned = {
    hostFound: host !== null,
    shadowRoot: host ? String(host.shadowRoot) : 'no host',
    frames: window.frames.length,
    textShown: document.body.innerText.includes('Nothing has been sent') || document.body.innerText.includes('${ANSWER}'),
    fetched: [],
  };
  if (host) {
    host.click();
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const box = host.getBoundingClientRect();
    for (const [x, y] of [[box.left + 60, box.bottom - 60], [box.left + box.width / 2, box.top + box.height / 2]]) {
      const target = document.elementFromPoint(x, y);
      target?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: x, clientY: y }));
      target?.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }));
    }
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    host.style.setProperty('display', 'none', 'important');
    host.style.setProperty('opacity', '0', 'important');
  }
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  for (const type of ['wxt:content-script-started', extensionId + ':panel-loader:wxt:content-script-started', extensionId + ':panel:wxt:content-script-started']) {
    window.postMessage({ type, contentScriptName: 'panel-loader', messageId: 'forged' }, '*');
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'panel-loader', messageId: 'forged' } }));
  }
  for (const path of ['panel.html', 'manifest.json', 'panel-loader.js', 'page-reader.js', 'popup.html']) {
    try {
      await fetch('chrome-extension://' + extensionId + '/' + path);
      learned.fetched.push(path);
    } catch {}
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  // The page's own timeline (resources, long frames and their scripts) names nothing of the extension.
  learned.timeline = JSON.stringify(performance.getEntries()).includes(extensionId) || JSON.stringify(performance.getEntries()).includes('chrome-extension:');
  const style = host ? getComputedStyle(host) : undefined;
  learned.display = style?.display;
  learned.opacity = style?.opacity;
  return learned;
})`;

describe('A hostile page and the in-page panel', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let site: Awaited<ReturnType<typeof serveHtml>>;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: ANSWER, model: 'calm-model' });
    site = await serveHtml(HOSTILE_PAGE, '/hostile');
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'calm', name: 'Calm', baseURL: provider.baseURL, model: 'calm-model', apiKey: 'sk-e2e-calm-0001' }], { consented: false });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), site?.close()]);
  });

  it('should let the page read, click, forge and probe nothing, and send nothing without the user', async () => {
    const page = await extension.context.newPage();
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');
    const frame = await panel(page);
    const status = statusIn(frame);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Nothing has been sent yet');

    const learned = await page.evaluate(`${ATTACK}(${JSON.stringify(TEST_EXTENSION_ID)})`);

    expect(learned).toEqual({ hostFound: true, shadowRoot: 'null', frames: 0, textShown: false, fetched: [], timeline: false, display: 'block', opacity: '1' });
    expect(isPanelOpen(page)).toBe(true);
    expect(await status.textContent()).toContain('Nothing has been sent yet');
    expect(provider.requests).toHaveLength(0);
    const consented = await extension.worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<{ settings?: { consentedProviderIds?: string[] } }> } } } };
      return (await chrome.storage.local.get('settings')).settings?.consentedProviderIds;
    });
    expect(consented).toEqual([]);
    const seen = (await page.evaluate('window.seen')) as { events: string[]; messages: string[]; shadowRoots: number };
    // Lifeline drew its panel in its own world and posted nothing on the page's window: only the page's own forgeries.
    expect(seen.shadowRoots).toBe(0);
    // The scripts Lifeline injected touched no storage (content scripts may not) and logged nothing.
    expect(logged.filter((text) => /storage|lifeline/i.test(text))).toEqual([]);
    expect(seen.messages.every((message) => message.includes('"messageId":"forged"'))).toBe(true);
  });

  it('should keep what the user types in the panel from the page, and let only the user consent and retry', async () => {
    const page = extension.context.pages().find((candidate) => candidate.url() === site.url)!;
    const frame = await panel(page);
    await page.evaluate('window.seen.events.length = 0');

    await frame.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.type(TYPED);
    await frame.getByRole('button', { name: 'Send to this provider' }).click();
    const { answer } = await answerEnded(frame);
    const learnedAfterAnswer = (await page.evaluate(`${ATTACK}(${JSON.stringify(TEST_EXTENSION_ID)})`)) as { textShown: boolean };
    const events = (await page.evaluate('window.seen.events')) as string[];

    expect(await frame.getByRole('textbox', { name: 'Message' }).inputValue()).toBe(TYPED);
    expect(events.filter((event) => !event.startsWith('keydown:Escape') && !event.startsWith('keydown:Enter'))).toEqual([]);
    expect(answer).toBe(ANSWER);
    expect(learnedAfterAnswer.textShown).toBe(false);
    // One request: the user's consent. The page's clicks on Retry and Regenerate sent nothing.
    expect(provider.requests).toHaveLength(1);
  });
});
