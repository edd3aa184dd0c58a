// The in-page panel's first appearance: from the context-menu click (the real listener, dispatched in the service worker)
// to the panel on screen in its first state (its header and "Reading the page…", drawn by the loader until the frame is
// ready), on a corpus page in the built extension. Also how long until the frame itself has painted the chat app. Every open is the first on a fresh load of the page (the loader is injected, the frame created), as when a
// person right-clicks a page. Warm: the worker running. Cold: right after the browser stopped the worker (CDP
// ServiceWorker.stopWorker), so a freshly started worker handles the click.
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
/** Time between the page's load and the click (the bench waits; tests never do). */
const SETTLE_MS = 500;

export interface PanelVisibleResult {
  /** Medians, ms: click to the panel's first state on screen. */
  warm: number;
  cold: number;
  warmSeries: Summary;
  coldSeries: Summary;
  /** Click to the frame's first contentful paint (the chat app in it), warm, ms. */
  frameWarm: Summary;
  page: string;
}

/**
 * Watches, from the page's own world, for the panel's host to enter the page and records when the frame after it has
 * been painted (a requestAnimationFrame, then a task: the frame holding the host was committed). Bench code only.
 */
const WATCH_FOR_PANEL = `(() => {
  window.__panelShownAt = undefined;
  const seen = new MutationObserver(() => {
    if (!document.querySelector('lifeline-panel')) return;
    seen.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__panelShownAt = performance.timeOrigin + performance.now(); }, 0));
  });
  seen.observe(document.documentElement, { childList: true, subtree: true });
})()`;

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

async function openOnce(worker: Worker, page: Page): Promise<{ shown: number; frame: number }> {
  await closePanel(page);
  await page.reload({ waitUntil: 'load' });
  // A person reads before right-clicking: the page's own loading work is over when the click comes.
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(WATCH_FOR_PANEL);
  const clickedAt = await clickSummarize(worker, page.url());
  const framePainted = await firstPaintOfPanel(page);
  let shownAt: number | undefined;
  await expectSoon(async () => (shownAt = (await page.evaluate('window.__panelShownAt')) as number | undefined) !== undefined, 'the panel on screen');
  return { shown: round(shownAt! - clickedAt), frame: round(framePainted - clickedAt) };
}

/** The worker after the browser stopped it: Lifeline's options page sends it a message, as any event would wake it. */
async function wakeWorker(extension: LaunchedExtension): Promise<Worker> {
  await extension.welcome.evaluate(`chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined)`);
  let awake: Worker | undefined;
  await expectSoon(async () => {
    const candidate = await currentWorker(extension.context);
    awake = (await candidate.evaluate('1').then(() => true, () => false)) ? candidate : undefined;
    return awake !== undefined;
  }, 'the service worker to run again');
  return awake!;
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

    // The first open loads the loader and the panel's files into the browser's caches: not counted.
    await openOnce(await currentWorker(extension.context), page);
    const warmOpens: { shown: number; frame: number }[] = [];
    for (let index = 0; index < runs; index++) warmOpens.push(await openOnce(await currentWorker(extension.context), page));
    const warm = warmOpens.map((open) => open.shown);
    log(`  panel visible warm: median ${summarize(warm).median} ms over ${warm.length} opens (frame painted: ${summarize(warmOpens.map((open) => open.frame)).median} ms)`);

    const cold: number[] = [];
    for (let index = 0; index < coldRuns; index++) {
      await closePanel(page);
      await stopExtensionWorker(extension.context, extension.extensionId);
      cold.push((await openOnce(await wakeWorker(extension), page)).shown);
    }
    log(`  panel visible cold: median ${summarize(cold).median} ms over ${cold.length} opens`);
    return {
      warm: summarize(warm).median,
      cold: summarize(cold).median,
      warmSeries: summarize(warm),
      coldSeries: summarize(cold),
      frameWarm: summarize(warmOpens.map((open) => open.frame)),
      page: CORPUS_PAGE,
    };
  } finally {
    await extension?.close();
    await Promise.all([pages.close(), provider.close()]);
  }
}
