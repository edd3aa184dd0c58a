// The in-page panel's first appearance: from the context-menu click (the real listener, dispatched in the service worker)
// to the panel frame's first contentful paint (its header and "Reading the page…"), on a corpus page in the built
// extension. Warm: the worker running, the panel opened before on another page load. Cold: right after the browser
// stopped the worker (CDP ServiceWorker.stopWorker), so a fresh worker handles the click.
import { currentWorker, launchExtension, type LaunchedExtension } from '../../tests/e2e/support/launch-extension';
import { closePanel, expectSoon, panel } from '../../tests/e2e/support/extension-actions';
import { startPageServer } from '../../tests/e2e/support/page-server';
import { seedProviders } from '../../tests/e2e/support/seed-providers';
import { stopExtensionWorker } from '../../tests/e2e/support/stop-worker';
import { startFaultServer } from '../../tests/mocks/fault-server';
import type { Page, Worker } from 'playwright-core';
import { log } from './log';
import { round, summarize, type Summary } from './stats';

const CORPUS_PAGE = 'daringfireball-1';

export interface PanelVisibleResult {
  /** Medians, ms. */
  warm: number;
  cold: number;
  warmSeries: Summary;
  coldSeries: Summary;
  page: string;
}

/** Dispatches "Summarize page" in the worker; the click's time (ms since the epoch) as the worker saw it. */
function clickSummarize(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (address) => {
    const { chrome } = globalThis as unknown as {
      chrome: { tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> }; contextMenus: { onClicked: { dispatch(info: object, tab: object): void } } };
    };
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === address);
    if (!tab) throw new Error(`No tab shows ${address}`);
    const at = Date.now();
    chrome.contextMenus.onClicked.dispatch({ menuItemId: 'lifeline-summarize-page', editable: false, pageUrl: address }, tab);
    return at;
  }, url);
}

/** When the panel frame first painted content, ms since the epoch (its time origin plus its first-contentful-paint). */
async function firstPaintOfPanel(page: Page): Promise<number> {
  const frame = await panel(page);
  let painted: number | undefined;
  await expectSoon(async () => {
    painted = (await frame.evaluate(
      `(() => { const paint = performance.getEntriesByName('first-contentful-paint')[0]; return paint ? performance.timeOrigin + paint.startTime : null; })()`,
    )) as number | undefined;
    return typeof painted === 'number';
  }, 'the panel frame to paint');
  return painted!;
}

async function openOnce(worker: Worker, page: Page): Promise<number> {
  await closePanel(page);
  const clickedAt = await clickSummarize(worker, page.url());
  return round((await firstPaintOfPanel(page)) - clickedAt);
}

export async function measurePanelVisible(options: { runs?: number; coldRuns?: number } = {}): Promise<PanelVisibleResult> {
  const runs = options.runs ?? 15;
  const coldRuns = options.coldRuns ?? 5;
  const pages = await startPageServer();
  const provider = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }), tokenIntervalMs: 0 });
  let extension: LaunchedExtension | undefined;
  try {
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'visible', name: 'Bench', baseURL: provider.url, model: 'bench-model', apiKey: 'sk-bench' }]);
    const page = await extension.context.newPage();
    await page.route(/^https?:\/\//, (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    await page.goto(pages.url(CORPUS_PAGE), { waitUntil: 'load' });

    // The first open loads the loader and the panel's scripts into the browser's caches: not counted.
    await openOnce(await currentWorker(extension.context), page);
    const warm: number[] = [];
    for (let index = 0; index < runs; index++) warm.push(await openOnce(await currentWorker(extension.context), page));
    log(`  panel visible warm: median ${summarize(warm).median} ms over ${warm.length} opens`);

    const cold: number[] = [];
    for (let index = 0; index < coldRuns; index++) {
      await closePanel(page);
      await stopExtensionWorker(extension.context, extension.extensionId);
      // The stopped worker's handle is gone; Lifeline's options page wakes a fresh one, as any event would.
      const woken = extension.context.waitForEvent('serviceworker', { timeout: 15_000 });
      await extension.welcome.evaluate(`chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined)`);
      const worker = await woken;
      cold.push(await openOnce(worker, page));
    }
    log(`  panel visible cold: median ${summarize(cold).median} ms over ${cold.length} opens`);
    return { warm: summarize(warm).median, cold: summarize(cold).median, warmSeries: summarize(warm), coldSeries: summarize(cold), page: CORPUS_PAGE };
  } finally {
    await extension?.close();
    await Promise.all([pages.close(), provider.close()]);
  }
}
