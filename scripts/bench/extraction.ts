// Extraction quality of the built extension: every page of tests/fixtures/pages served on 127.0.0.1, "Summarize page"
// run through the real context-menu listener, the text the page reader extracted compared with Readability's
// expected article (expected.html) by token-level F1 (tests/support/token-f1.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import type { Worker } from 'playwright-core';
import { startFaultServer } from '../../tests/mocks/fault-server';
import { clickContextMenu } from '../../tests/e2e/support/extension-actions';
import { currentWorker, launchExtension, type LaunchedExtension } from '../../tests/e2e/support/launch-extension';
import { startPageServer } from '../../tests/e2e/support/page-server';
import { seedProviders } from '../../tests/e2e/support/seed-providers';
import { tokenF1, wordTokens } from '../../tests/support/token-f1';
import { buildExtension } from './build-extension';
import { log } from './log';
import { chromiumVersion } from './router-overhead-extension';
import { round } from './stats';

const PAGES_DIR = resolve(import.meta.dirname, '../../tests/fixtures/pages');

export interface PageExtraction {
  page: string;
  /** Token F1 of the full extracted text against expected.html's text. */
  f1: number;
  precision: number;
  recall: number;
  source: 'readability' | 'visible-text' | 'unknown';
  extractedChars: number;
  expectedChars: number;
  extractedTokens: number;
  expectedTokens: number;
  /** Page load (until `load`, or `domcontentloaded` after 30 s), ms. */
  loadMs: number;
  /** From the context-menu click to the provider receiving the prompt (injection, extraction, job start), ms. */
  clickToPromptMs: number;
}

export interface ExtractionResult {
  /** Mean over pages of the full-text F1. */
  meanF1: number;
  minF1: number;
  minPage: string;
  pages: number;
  perPage: PageExtraction[];
  chromium: string;
  seconds: number;
}

/** Block-level elements: their text is kept apart from the neighbours' (textContent alone would glue "end.Next"). */
const BLOCKS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(' '),
);

/** The text content of expected.html, parsed with happy-dom, with a line break at every block boundary. */
export function expectedText(html: string): string {
  const window = new Window();
  try {
    const doc = window.document;
    doc.body.innerHTML = html;
    let text = '';
    const walk = (node: { nodeType: number; nodeValue: string | null; childNodes: ArrayLike<unknown>; nodeName: string }): void => {
      if (node.nodeType === 3) {
        text += node.nodeValue ?? '';
        return;
      }
      if (node.nodeType !== 1) return;
      if (node.nodeName === 'SCRIPT' || node.nodeName === 'STYLE' || node.nodeName === 'NOSCRIPT') return;
      const block = BLOCKS.has(node.nodeName);
      if (block) text += '\n';
      for (const child of Array.from(node.childNodes)) walk(child as typeof node);
      if (block) text += '\n';
    };
    walk(doc.body as unknown as Parameters<typeof walk>[0]);
    return text
      .split('\n')
      .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n\n');
  } finally {
    void window.happyDOM.close();
  }
}

/**
 * wordTokens line by line. A line break is always a word boundary (UAX #29 WB3a/WB3b) and never word-like, so the tokens
 * are exactly wordTokens(text)'s; but Node 20's Intl.Segmenter slows down sharply on long inputs (wikipedia-2: 16 s for
 * one 118,000-character string, 0.12 s line by line).
 */
function tokensOf(text: string): string[] {
  return text.split('\n').flatMap((line) => wordTokens(line));
}

/** tokenF1's arithmetic (tests/support/token-f1.ts) on token lists: clipped bag overlap, then the harmonic mean. */
function f1Of(candidate: string[], reference: string[]): { f1: number; precision: number; recall: number } {
  const counts = new Map<string, number>();
  for (const token of reference) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of candidate) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(token, left - 1);
    }
  }
  if (overlap === 0) return { f1: 0, precision: 0, recall: 0 };
  const precision = overlap / candidate.length;
  const recall = overlap / reference.length;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

/** The metric is tokenF1's: checked against it where tokenF1 itself is quick. */
function scored(candidate: string, reference: string): { f1: number; precision: number; recall: number; candidateTokens: number; referenceTokens: number } {
  const candidateTokens = tokensOf(candidate);
  const referenceTokens = tokensOf(reference);
  const result = f1Of(candidateTokens, referenceTokens);
  if (candidate.length + reference.length <= 40_000 && Math.abs(tokenF1(candidate, reference) - result.f1) > 1e-12) {
    throw new Error('line-by-line token F1 differs from tokenF1');
  }
  return { ...result, candidateTokens: candidateTokens.length, referenceTokens: referenceTokens.length };
}

function corpusPages(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((name) => statSync(join(PAGES_DIR, name)).isDirectory())
    .sort();
}

/** The page text of a summarize-page prompt: between `<page>\n` and `\n</page>` of the user message. */
function pageTextOfPrompt(body: unknown): string | undefined {
  const messages = (body as { messages?: { role: string; content: unknown }[] } | undefined)?.messages ?? [];
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content !== 'string') continue;
    // A long page is sent in parts (<page part="1/7">): the first request then carries the first part.
    const opening = /<page(?: part="[^"]*")?>\n/.exec(message.content);
    const end = message.content.lastIndexOf('\n</page>');
    if (opening && end > opening.index) return message.content.slice(opening.index + opening[0].length, end);
  }
  return undefined;
}

/**
 * The whole text the page reader extracts from the page in `url`'s tab, asked from the service worker as the tab reader
 * asks it (a long page's first prompt carries only its first part). Read-only: it reads the page again, as a retry would.
 */
async function readerText(worker: Worker, url: string): Promise<{ text: string; source: string } | undefined> {
  return worker.evaluate(async (address) => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        tabs: {
          query(filter: object): Promise<{ id?: number; url?: string }[]>;
          sendMessage(tabId: number, message: object, options: object): Promise<{ res?: { ok: boolean; value?: { page?: { text: string; source: string } } } }>;
        };
      };
    };
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === address);
    if (tab?.id === undefined) return undefined;
    const reply = await chrome.tabs.sendMessage(tab.id, { id: 1, type: 'readPage', timestamp: Date.now(), data: { includePage: true } }, { frameId: 0 });
    const page = reply?.res?.ok ? reply.res.value?.page : undefined;
    return page ? { text: page.text, source: page.source } : undefined;
  }, url);
}

async function poll<T>(read: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export async function measureExtraction(options: { build?: boolean; only?: string[] } = {}): Promise<ExtractionResult> {
  const began = performance.now();
  if (options.build !== false) buildExtension();
  const names = corpusPages().filter((name) => !options.only || options.only.includes(name));
  const server = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }), tokenIntervalMs: 0 });
  const pages = await startPageServer();
  let extension: LaunchedExtension | undefined;
  try {
    extension = await launchExtension();
    const providerId = `bench-extraction-${Date.now().toString(36)}`;
    let worker = await currentWorker(extension.context);
    await seedProviders(worker, [{ id: providerId, name: 'Bench', baseURL: server.url, model: 'bench-model', apiKey: 'sk-bench' }], { hedging: false });
    const perPage: PageExtraction[] = [];
    for (const name of names) {
      const url = pages.url(name);
      const page = await extension.context.newPage();
      // The snapshots are served offline: only 127.0.0.1 answers, anything else (ads, fonts, scripts) is refused.
      await page.route(/^https?:\/\//, (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
      try {
        const loadStarted = performance.now();
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => page.waitForLoadState('domcontentloaded'));
        worker = await currentWorker(extension.context);
        const loadMs = performance.now() - loadStarted;
        const before = server.attempts.length;
        const clicked = performance.now();
        await clickContextMenu(worker, page, 'lifeline-summarize-page');
        const attempt = await poll(() => server.attempts.slice(before).find((candidate) => candidate.path.endsWith('/chat/completions')), 30_000, `the prompt of ${name}`);
        const clickToPromptMs = performance.now() - clicked;
        const prompted = pageTextOfPrompt(attempt.body);
        if (prompted === undefined) throw new Error(`${name}: no <page> block in the prompt`);
        const started = await readerText(worker, url);
        // The reader's whole text when it is what the provider received; otherwise the prompt's text.
        const consistent = started !== undefined && started.text.replace(/\s+/g, ' ').includes(prompted.slice(0, 500).replace(/\s+/g, ' ').trim());
        const full = started && consistent ? started.text : prompted;
        if (started && !consistent) log(`  ${name}: the reader's text differs from the prompt; using the prompt`);
        const reference = expectedText(readFileSync(join(PAGES_DIR, name, 'expected.html'), 'utf8'));
        const score = scored(full, reference);
        const result: PageExtraction = {
          page: name,
          f1: round(score.f1, 4),
          precision: round(score.precision, 4),
          recall: round(score.recall, 4),
          source: started?.source === 'readability' || started?.source === 'visible-text' ? started.source : 'unknown',
          extractedChars: full.length,
          expectedChars: reference.length,
          extractedTokens: score.candidateTokens,
          expectedTokens: score.referenceTokens,
          loadMs: Math.round(loadMs),
          clickToPromptMs: Math.round(clickToPromptMs),
        };
        perPage.push(result);
        log(`  ${name}: F1 ${result.f1} (P ${result.precision}, R ${result.recall}, ${result.source}; load ${result.loadMs} ms, click to prompt ${result.clickToPromptMs} ms)`);
      } finally {
        await page.close();
      }
    }
    const f1s = perPage.map((page) => page.f1);
    const worst = perPage.reduce((low, page) => (page.f1 < low.f1 ? page : low), perPage[0]!);
    return {
      meanF1: round(f1s.reduce((sum, value) => sum + value, 0) / f1s.length, 4),
      minF1: worst.f1,
      minPage: worst.page,
      pages: perPage.length,
      perPage,
      chromium: chromiumVersion(),
      seconds: round((performance.now() - began) / 1000, 1),
    };
  } finally {
    await extension?.close();
    await Promise.all([server.close(), pages.close()]);
  }
}
