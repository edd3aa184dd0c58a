// Router overhead in the built extension: a job over the port vs a raw streaming fetch from an extension page, interleaved.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PageContent, TaskRequest } from '../../utils/jobs/task';
import { toOpenAiCompatibleParams } from '../../utils/llm/providers/openai-compatible/convert-to-openai-compatible-params';
import { buildSummarizePageRequest } from '../../utils/prompts/summarize-page';
import { startFaultServer } from '../../tests/mocks/fault-server';
import { findChromium } from '../../tests/e2e/support/find-browser';
import { currentWorker, EXTENSION_DIR, launchExtension, type LaunchedExtension } from '../../tests/e2e/support/launch-extension';
import { log } from './log';
import { FIRST_TOKEN_DELAY_MS } from './router-overhead-node';
import { openAiEntry, withServers } from './router-run';
import { differences, median, round, summarize, type Summary } from './stats';

export interface ExtensionOverheadResult {
  /** Median of per-pair differences (port job - raw fetch), ms. */
  medianMs: number;
  pairs: number;
  rawFetch: Summary;
  portJob: Summary;
  difference: Summary;
  chromium: string;
}

const PAGE: PageContent = {
  url: 'https://example.com/lifeline-bench',
  title: 'Lifeline benchmark page',
  text: 'A short article used to measure the router overhead of the built extension. It has two sentences.',
  source: 'readability',
};

export function chromiumVersion(): string {
  try {
    return execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The built Chrome extension, built afresh so the figures always describe the current source. */
function ensureBuilt(): void {
  log('  building the extension: npx wxt build');
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', process.stderr, process.stderr] });
  if (built.status !== 0) throw new Error('wxt build failed');
}

interface PageArgs {
  chatUrl: string;
  body: string;
  task: TaskRequest;
  pairs: number;
  warmup: number;
}

/** Runs in the options page (an extension page): returns the interleaved pairs, ms. */
async function measureInPage(args: PageArgs): Promise<{ a: number; b: number }[]> {
  interface Port {
    onMessage: { addListener(listener: (message: unknown) => void): void };
    postMessage(message: unknown): void;
    disconnect(): void;
  }
  const { chrome } = globalThis as unknown as { chrome: { runtime: { connect(info: { name: string }): Port } } };

  // (a) A raw streaming fetch of the same request body: until the first content chunk, then read to the end.
  const rawFetch = async (): Promise<number> => {
    const started = performance.now();
    const response = await fetch(args.chatUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: args.body,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let firstContent: number | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (firstContent === undefined && /"content":"[^"]/.test(text)) firstContent = performance.now() - started;
    }
    if (firstContent === undefined) throw new Error(`raw fetch: no content (HTTP ${response.status})`);
    return firstContent;
  };

  // (b) The product path: a job over the port, from posting `start` to the first text-delta part; then to its finish.
  const portJob = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const port = chrome.runtime.connect({ name: 'lifeline-job' });
      let firstText: number | undefined;
      let started = 0;
      port.onMessage.addListener((raw) => {
        const message = raw as { type: string; part?: { type: string; error?: { kind: string; message: string } } };
        if (message.type !== 'part' || !message.part) return;
        if (message.part.type === 'text-delta') firstText ??= performance.now() - started;
        if (message.part.type === 'finish' || message.part.type === 'error') {
          port.disconnect();
          if (message.part.type === 'error' || firstText === undefined) {
            reject(new Error(`port job: ${message.part.error?.kind ?? 'no text'} ${message.part.error?.message ?? ''}`));
          } else {
            resolve(firstText);
          }
        }
      });
      started = performance.now();
      port.postMessage({ type: 'start', task: args.task });
    });

  const pairs: { a: number; b: number }[] = [];
  for (let index = 0; index < args.warmup + args.pairs; index++) {
    let a: number;
    let b: number;
    if (index % 2 === 0) {
      a = await rawFetch();
      b = await portJob();
    } else {
      b = await portJob();
      a = await rawFetch();
    }
    if (index >= args.warmup) pairs.push({ a, b });
  }
  return pairs;
}

export async function measureExtensionOverhead(options: { pairs?: number; warmup?: number } = {}): Promise<ExtensionOverheadResult> {
  const pairs = options.pairs ?? 40;
  const warmup = options.warmup ?? 5;
  ensureBuilt();
  return withServers(
    [() => startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok', firstTokenDelayMs: FIRST_TOKEN_DELAY_MS }), tokenIntervalMs: 0 })],
    async ([server]) => {
      let extension: LaunchedExtension | undefined;
      try {
        extension = await launchExtension();
        const worker = await currentWorker(extension.context);
        // A fresh provider id for this series: the worker's health tracker knows nothing about it.
        const providerId = `bench-${Date.now().toString(36)}`;
        const entry = { ...openAiEntry(providerId, server!.url, 'bench-model'), apiKey: 'sk-bench' };
        await worker.evaluate(
          async ({ id, baseURL, model }) => {
            const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
            await chrome.storage.local.set({
              settings: {
                providers: [{ id, preset: 'custom', enabled: true, kind: 'openai-compatible', name: 'Bench', baseURL, model }],
                hedging: true,
                neverSendSites: [],
                consentedProviderIds: [id],
              },
              settings$: { v: 3 },
              providerKeys: { [id]: 'sk-bench' },
            });
          },
          { id: providerId, baseURL: server!.url, model: entry.model },
        );
        const page = await extension.context.newPage();
        await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
        // tsx compiles with esbuild's keepNames: functions sent to the page call a `__name` helper the page lacks.
        await page.evaluate('globalThis.__name ??= (fn) => fn');
        const task: TaskRequest = { kind: 'summarize-page', page: PAGE };
        const body = JSON.stringify(toOpenAiCompatibleParams(entry, buildSummarizePageRequest(PAGE)));
        const samples = await page.evaluate(measureInPage, { chatUrl: `${server!.url}/chat/completions`, body, task, pairs, warmup });
        const diffs = differences(samples);
        log(`  extension overhead: median difference ${median(diffs).toFixed(2)} ms over ${samples.length} pairs`);
        return {
          medianMs: round(median(diffs)),
          pairs: samples.length,
          rawFetch: summarize(samples.map((pair) => pair.a)),
          portJob: summarize(samples.map((pair) => pair.b)),
          difference: summarize(diffs),
          chromium: chromiumVersion(),
        };
      } finally {
        await extension?.close();
      }
    },
  );
}
