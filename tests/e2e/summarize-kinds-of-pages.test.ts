// End to end: summaries of a non-English article, a page that is not an article, and a selection of a long article.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_ANSWER, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { answerEnded, clickContextMenu, panel, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const NOT_AN_ARTICLE = `<!doctype html><html lang="en"><head><title>Sign in to Example Mail</title></head><body>
<nav><a href="/">Home</a> <a href="/help">Help</a></nav>
<form><h1>Sign in</h1><label>Email address <input name="email"></label><label>Password <input type="password"></label>
<button>Sign in</button><p>Forgot your password? Reset it from the help centre.</p></form></body></html>`;

type Prompt = { role: string; content: string }[];

describe('Summaries of different kinds of pages', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let provider: FaultServer;
  let site: Server;
  let siteUrl: string;

  const lastPrompt = (): { system: string; user: string } => {
    const body = provider.attempts.at(-1)?.body as { messages?: Prompt } | undefined;
    const messages = body?.messages ?? [];
    return { system: messages.find((m) => m.role === 'system')?.content ?? '', user: messages.find((m) => m.role === 'user')?.content ?? '' };
  };

  beforeAll(async () => {
    pages = await startPageServer();
    provider = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(NOT_AN_ARTICLE);
    });
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/login`;
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'kinds', name: 'Summarizer', baseURL: provider.url, model: 'sum-model', apiKey: 'sk-kinds-0000' }]);
  });

  afterAll(async () => {
    await extension?.close();
    await provider?.close();
    await pages?.close();
    await new Promise((done) => site?.close(done));
  });

  it('should summarize a French article in French, with its title and author', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('lemonde-1'), { waitUntil: 'domcontentloaded' });

    const result = await summarizeAndWait(extension.worker, page);

    const prompt = lastPrompt();
    expect(result.answer).toBe(CANONICAL_ANSWER);
    expect(prompt.system).toContain('language is "fr"');
    expect(prompt.user).toContain("Title: Le projet de loi sur le renseignement massivement approuvé à l'Assemblée");
    expect(prompt.user).toContain('Author: Martin Untersinger');
    expect(prompt.user).toContain('Conseil constitutionnel');
  });

  it('should summarize the visible text of a page that is not an article', async () => {
    const page = await extension.context.newPage();
    await page.goto(siteUrl, { waitUntil: 'domcontentloaded' });

    const result = await summarizeAndWait(extension.worker, page);

    expect(result.status).toContain('Answered by Summarizer (sum-model)');
    expect(lastPrompt().user).toContain('Forgot your password? Reset it from the help centre.');
  });

  it('should summarize only the selected part of a long article', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('wikipedia'), { waitUntil: 'domcontentloaded' });
    const selected = await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => (p.textContent ?? '').length > 300)!;
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    });
    const before = provider.attempts.length;

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-selection', { selectionText: selected });
    await answerEnded(await panel(page));

    const prompt = lastPrompt().user;
    expect(provider.attempts.length).toBe(before + 1);
    expect(prompt).toContain(selected.trim().slice(0, 120));
    expect(prompt.length).toBeLessThan(selected.length + 2_000);
  });
});
