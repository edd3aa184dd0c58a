// Router overhead in the built extension: the job API over the port vs a raw streaming fetch from a chat page, interleaved.
// The job is started once (startJob reads a served page once); each timed run is a "retry" decision on it, which runs
// the same task again through the router, so the figure is the router plus the port hop, not the page read.
import { execFileSync } from 'node:child_process';
import { startFaultServer } from '../../tests/mocks/fault-server';
import { startPageServer } from '../../tests/e2e/support/page-server';
import { findChromium } from '../../tests/e2e/support/find-browser';
import { currentWorker, launchExtension, type LaunchedExtension } from '../../tests/e2e/support/launch-extension';
import { buildExtension } from './build-extension';
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

/** The corpus page the job summarizes (tests/fixtures/pages). */
const CORPUS_PAGE = 'daringfireball-1';

export function chromiumVersion(): string {
  try {
    return execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

interface PageArgs {
  chatUrl: string;
  body: string;
  jobId: string;
  pairs: number;
  warmup: number;
}

/** Runs in a chat page (popup.html, an extension page): returns the interleaved pairs, ms. */
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

  // (b) The product path: a retry decision over the job port, to the first text-delta part of the job's new run.
  const port = chrome.runtime.connect({ name: 'lifeline-job' });
  let onPart: ((message: { type: string; part?: { type: string; error?: { kind: string; message: string } } }) => void) | undefined;
  port.onMessage.addListener((raw) => onPart?.(raw as never));
  port.postMessage({ type: 'attach', jobId: args.jobId });
  const portJob = (): Promise<number> =>
    new Promise((resolve, reject) => {
      let firstText: number | undefined;
      let started = 0;
      onPart = (message) => {
        if (message.type !== 'part' || !message.part) return;
        if (message.part.type === 'text-delta') firstText ??= performance.now() - started;
        if (message.part.type === 'finish' || message.part.type === 'error') {
          onPart = undefined;
          if (message.part.type === 'error' || firstText === undefined) {
            reject(new Error(`port job: ${message.part.error?.kind ?? 'no text'} ${message.part.error?.message ?? ''}`));
          } else {
            resolve(firstText);
          }
        }
      };
      started = performance.now();
      port.postMessage({ type: 'decide', jobId: args.jobId, decision: { kind: 'retry' } });
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
  buildExtension();
  return withServers(
    [() => startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok', firstTokenDelayMs: FIRST_TOKEN_DELAY_MS }), tokenIntervalMs: 0 })],
    async ([server]) => {
      let extension: LaunchedExtension | undefined;
      const pages = await startPageServer();
      try {
        extension = await launchExtension();
        const worker = await currentWorker(extension.context);
        // A fresh provider id for this series: the worker's health tracker knows nothing about it.
        const providerId = `bench-${Date.now().toString(36)}`;
        const entry = openAiEntry(providerId, server!.url, 'bench-model');
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
        // The page the job is about, in a tab the chat page names (as the popup opened for a tab does).
        const site = await extension.context.newPage();
        await site.route(/^https?:\/\//, (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
        await site.goto(pages.url(CORPUS_PAGE), { waitUntil: 'domcontentloaded' });
        const tabId = await worker.evaluate(async (address) => {
          const { chrome } = globalThis as unknown as { chrome: { tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> } } };
          return (await chrome.tabs.query({})).find((tab) => tab.url === address)?.id;
        }, site.url());
        if (tabId === undefined) throw new Error('the corpus page has no tab');
        // The measuring page is a chat page (it may start jobs for any tab) whose own chat is about itself, so it renders
        // nothing of the measured job: only the measurement listens to its parts.
        const page = await extension.context.newPage();
        await page.goto(`chrome-extension://${extension.extensionId}/popup.html`);
        // tsx compiles with esbuild's keepNames: functions sent to the page call a `__name` helper the page lacks.
        await page.evaluate('globalThis.__name ??= (fn) => fn');
        // The job API as every surface uses it: one startJob (the page is read once), then decisions on the job.
        const jobId = await page.evaluate(async (id) => {
          const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<{ res?: { ok: boolean; value?: { ok: boolean; jobId?: string } } }> } } };
          const reply = await chrome.runtime.sendMessage({ id: 1, type: 'startJob', timestamp: Date.now(), data: { tabId: id, intent: { kind: 'summarize-page' } } });
          const started = reply.res?.ok ? reply.res.value : undefined;
          if (!started?.ok || !started.jobId) throw new Error(`startJob: ${JSON.stringify(reply)}`);
          return started.jobId;
        }, tabId);
        // The raw fetch sends exactly what the router sent for this job.
        const deadline = Date.now() + 30_000;
        while (server!.attempts.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        const body = JSON.stringify(server!.attempts[0]?.body);
        if (!server!.attempts[0]) throw new Error('the first job never reached the provider');
        const samples = await page.evaluate(measureInPage, { chatUrl: `${server!.url}/chat/completions`, body, jobId, pairs, warmup });
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
        await pages.close();
      }
    },
  );
}
