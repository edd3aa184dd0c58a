// End to end: hostile model output rendered in the panel runs nothing and sends nothing anywhere.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { lastAnswerIn, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { seedProviders } from './support/seed-providers';

const HOSTILE = [
  'Summary with traps.',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '<div style="position:fixed;inset:0;background:url(http://evil.test/css.png)">overlay</div>',
  '[click me](javascript:window.__pwned="js-link")',
  '[data link](data:text/html,<script>alert(1)</script>)',
  '![tracker](http://evil.test/pixel.png)',
  '<iframe src="http://evil.test/frame"></iframe>',
  '<a href="http://evil.test/" onclick="window.__pwned=\'click\'">raw anchor</a>',
  '| a | b |\n|---|---|\n| <b onmouseover="window.__pwned=1">x</b> | ok |',
].join('\n\n');

describe('Hostile model output', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: HOSTILE, model: 'hostile-model' });
    // A plain article with no resources of its own, so every request after the answer would come from the panel.
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><head><title>Plain article</title></head><body><article><h1>Plain article</h1>${'<p>A calm paragraph about gardening and the weather in spring, with nothing unusual in it at all.</p>'.repeat(12)}</article></body></html>`);
    });
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/article`;
    extension = await launchExtension({ extraArgs: ['--host-resolver-rules=MAP evil.test 127.0.0.1'] });
    await seedProviders(extension.worker, [{ id: 'hostile', name: 'Hostile', baseURL: provider.baseURL, model: 'hostile-model', apiKey: 'sk-hostile-0000' }]);
  });

  afterAll(async () => {
    await extension?.close();
    await provider?.close();
    await new Promise((done) => site?.close(done));
  });

  it('should run no script, load nothing remote and keep only safe links', async () => {
    const page = await extension.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(siteUrl, { waitUntil: 'load' });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    const result = await summarizeAndWait(extension.worker, page);
    const answer = lastAnswerIn(result.frame).getByTestId('chat-answer');
    await answer.getByText('raw anchor').hover().catch(() => undefined);
    await answer.getByText('click me').click().catch(() => undefined);
    const hrefs = await answer.locator('a').evaluateAll((links: Element[]) => links.map((link) => link.getAttribute('href')));
    const pwned = [
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
      await result.frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
    ];
    const html = await answer.innerHTML();

    expect(result.status).toContain('Answered by Hostile (hostile-model)');
    expect(pwned).toEqual([null, null]);
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('chrome-extension://'))).toEqual([]);
    expect(hrefs.every((href) => href === null || /^https?:|^mailto:/.test(href))).toBe(true);
    expect(html).not.toMatch(/<(script|iframe|img|style)\b/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain('<table>');
  });
});
