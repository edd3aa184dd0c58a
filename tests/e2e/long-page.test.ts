// A very long page through the built extension: read in parts that fit a small context window, then one combined answer.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CANONICAL_ANSWER, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { wordTokens } from '../support/token-f1';
import { clickContextMenu, lastAnswerIn, panel, statusIn } from './support/extension-actions';
import { currentWorker, launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const PAGE = 'wikipedia-2';
const CONTEXT_WINDOW = 12_000;

/** The page text inside the part delimiters of each recorded prompt, in request order. */
function partBodies(server: FaultServer): { part: string; body: string }[] {
  return server.attempts.flatMap((attempt) => {
    const messages = (attempt.body as { messages?: { content?: unknown }[] }).messages ?? [];
    const content = messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
    const match = /<page part="(\d+\/\d+)">\n([\s\S]*)\n<\/page>/.exec(content);
    return match ? [{ part: match[1]!, body: match[2]! }] : [];
  });
}

/** Share of the reference's word tokens found in the candidate (multiset recall). */
function tokenRecall(candidate: string, reference: string): number {
  const counts = new Map<string, number>();
  for (const token of wordTokens(candidate)) counts.set(token, (counts.get(token) ?? 0) + 1);
  const expected = wordTokens(reference);
  let found = 0;
  for (const token of expected) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      found++;
      counts.set(token, left - 1);
    }
  }
  return expected.length === 0 ? 1 : found / expected.length;
}

const htmlText = (html: string): string =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)));

describe('A long page in the built extension', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;
  let provider: FaultServer;

  beforeAll(async () => {
    pages = await startPageServer();
    provider = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }), tokenIntervalMs: 2 });
    extension = await launchExtension();
    await seedProviders(await currentWorker(extension.context), [
      { id: 'small-window', name: 'Small', baseURL: provider.url, model: 'small-model', apiKey: 'sk-e2e-small', contextWindow: CONTEXT_WINDOW },
    ]);
    page = await extension.context.newPage();
    await page.goto(pages.url(PAGE), { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await pages?.close();
    await provider?.close();
  });

  it('should read the whole page in parts, show the progress, and say it covered the whole page', async () => {
    await clickContextMenu(await currentWorker(extension.context), page, 'lifeline-summarize-page');
    const frame = await panel(page);
    const last = lastAnswerIn(frame);
    const statuses = new Set<string>();
    const ended = last.getByRole('button', { name: /^(Regenerate|Retry)$/ });
    const confirm = last.getByRole('button', { name: 'Summarize all' });
    const deadline = Date.now() + 120_000;
    let confirmed = false;
    while (Date.now() < deadline) {
      const status = statusIn(frame);
      if (await status.count()) statuses.add(((await status.textContent().catch(() => '')) ?? '').trim());
      if (!confirmed && (await confirm.count())) {
        await confirm.click();
        confirmed = true;
        continue;
      }
      if (await ended.count()) break;
      await page.waitForTimeout(25);
    }
    const finalStatus = (await statusIn(frame).textContent()) ?? '';
    const answer = (await last.getByTestId('chat-answer').innerText()).trim();

    const bodies = partBodies(provider);
    const n = Number(bodies[0]?.part.split('/')[1]);
    expect(n).toBeGreaterThan(1);
    expect(bodies.map((body) => body.part)).toEqual(Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
    expect(finalStatus).toContain(`Covered the whole page in ${n} parts`);
    expect(answer).toBe(CANONICAL_ANSWER);
    expect([...statuses].some((status) => new RegExp(`^Reading part \\d+ of ${n}…`).test(status))).toBe(true);
    // Only the combined answer was shown: the parts' notes never were.
    expect(provider.attempts).toHaveLength(n + 1);
    // Every part fits the small window (about 4 characters a token).
    for (const { body } of bodies) expect(body.length / 4).toBeLessThan(CONTEXT_WINDOW);
    // The parts together carry the page: 99 % of the expected article's words.
    const expectedText = htmlText(await readFile(resolve(import.meta.dirname, `../fixtures/pages/${PAGE}/expected.html`), 'utf8'));
    const recall = tokenRecall(bodies.map((body) => body.body).join('\n'), expectedText);
    expect(recall).toBeGreaterThanOrEqual(0.99);
  }, 180_000);
});
