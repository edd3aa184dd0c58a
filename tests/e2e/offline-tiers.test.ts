// End to end: always an answer. With no provider set up, or every provider failing, Summarize still answers with the
// offline summary (or the page's kept summary), clearly labelled; a rewrite says no AI was reached and changes nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_ANSWER, providerErrorBody, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { clickContextMenu, lastAnswerIn, panel, statusIn, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const overloaded = () => ({ kind: 'status' as const, status: 529, body: providerErrorBody('openai', 'overloaded_error', 'Overloaded') });

/** The visible text of the page's article, as words, to check the summary's sentences come from it. */
const wordsOf = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

async function articleText(page: Page): Promise<string> {
  return wordsOf(await page.evaluate(() => document.body.innerText));
}

describe('Summaries with no provider set up', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    pages = await startPageServer();
    extension = await launchExtension();
  });

  afterAll(async () => {
    await extension?.close();
    await pages?.close();
  });

  it('should summarize a page out of the box with the labelled offline summary and invite to add a provider', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('ars-1'), { waitUntil: 'domcontentloaded' });

    const { answer, status, frame } = await summarizeAndWait(extension.worker, page);

    expect(status).toContain('Offline summary: no AI provider could be reached (none is set up yet)');
    expect(status).toContain('Add an AI provider');
    expect(await lastAnswerIn(frame).getByRole('button', { name: 'Add a provider' }).isVisible()).toBe(true);
    const sentences = await lastAnswerIn(frame).getByTestId('chat-answer').getByRole('listitem').allInnerTexts();
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(7);
    const article = await articleText(page);
    for (const sentence of sentences) expect(article).toContain(wordsOf(sentence));
    expect(answer.length).toBeGreaterThan(0);
  });
});

describe('Summaries when every provider fails', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let primary: FaultServer;
  let secondary: FaultServer;
  let secondaryUp = true;

  beforeAll(async () => {
    pages = await startPageServer();
    primary = await startFaultServer({ wire: 'openai', script: overloaded });
    // Answers while `secondaryUp`, then fails like the first.
    secondary = await startFaultServer({ wire: 'openai', script: () => (secondaryUp ? { kind: 'ok' } : overloaded()) });
    extension = await launchExtension();
    await seedProviders(extension.worker, [
      { id: 'tier-primary', name: 'Primary', baseURL: primary.url, model: 'primary-model', apiKey: 'sk-e2e-tier-0001' },
      { id: 'tier-secondary', name: 'Secondary', baseURL: secondary.url, model: 'secondary-model', apiKey: 'sk-e2e-tier-0002' },
    ]);
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([pages?.close(), primary?.close(), secondary?.close()]);
  });

  it('should show the offline summary, labelled with what failed, when no provider answers', async () => {
    secondaryUp = false;
    const page = await extension.context.newPage();
    await page.goto(pages.url('guardian-1'), { waitUntil: 'domcontentloaded' });

    const { status, frame } = await summarizeAndWait(extension.worker, page);

    expect(status).toContain('Offline summary: no AI provider could be reached');
    expect(status).toContain('Primary (primary-model)');
    expect(status).toContain('Secondary (secondary-model)');
    expect(status).not.toContain('Answered by');
    const sentences = await lastAnswerIn(frame).getByTestId('chat-answer').getByRole('listitem').allInnerTexts();
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    const article = await articleText(page);
    for (const sentence of sentences) expect(article).toContain(wordsOf(sentence));
  });

  it("should show the page's kept summary, with its age and author, once it has one", async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('wordpress'), { waitUntil: 'domcontentloaded' });
    secondaryUp = true;
    const first = await summarizeAndWait(extension.worker, page);
    expect(first.status).toContain('Answered by Secondary');

    secondaryUp = false;
    const later = await summarizeAndWait(extension.worker, page);

    expect(later.status).toContain('Cached summary by Secondary (secondary-model) from less than a minute ago: no AI provider could be reached now');
    expect(later.answer).toBe(CANONICAL_ANSWER);
  });

  it('should leave the text untouched and say so when a rewrite reaches no AI', async () => {
    secondaryUp = false;
    const page = await extension.context.newPage();
    await page.goto(pages.url('wordpress'), { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => {
      const field = document.createElement('textarea');
      field.id = 'draft';
      field.value = 'This sentence could be written better.';
      document.body.prepend(field);
      field.focus();
      field.select();
    });

    await clickContextMenu(extension.worker, page, 'lifeline-rewrite-improve', { selectionText: 'This sentence could be written better.', editable: true });

    const frame = await panel(page);
    const status = statusIn(frame);
    // Both providers' breakers are open from the tests before: the router first waits for the earliest probe.
    await expect.poll(() => status.textContent(), { timeout: 90_000 }).toContain('No AI could be reached');
    expect(await status.textContent()).toContain('Nothing was changed');
    expect(await page.locator('#draft').inputValue()).toBe('This sentence could be written better.');
    expect(await frame.getByRole('button', { name: 'Replace' }).count()).toBe(0);
  });
});
