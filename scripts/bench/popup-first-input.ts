// The toolbar popup's first input: how long after navigation start its message box can take words. The built extension
// in headless Chromium, a corpus page open in a tab, then popup.html?tabId=<that tab> opened again and again in a new tab;
// inside each, from performance.timeOrigin until the textarea named "Message" exists and is enabled (it is rendered
// once the background answered `getChat`). Also the sizes of the built scripts, for information.
import { readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { currentWorker, EXTENSION_DIR, launchExtension, type LaunchedExtension } from '../../tests/e2e/support/launch-extension';
import { startPageServer } from '../../tests/e2e/support/page-server';
import { buildExtension } from './build-extension';
import { log } from './log';
import { chromiumVersion } from './router-overhead-extension';
import { round, summarize, type Summary } from './stats';

/** The corpus page the popup is about (tests/fixtures/pages); `getChat` reads only its tab's address and title. */
const CORPUS_PAGE = 'wikipedia';

export interface PopupOpen {
  /** From navigation start to the first check that saw the message box present and enabled, ms. */
  firstInputMs: number;
  /** The next animation frame after that (the frame that paints it), ms. */
  nextFrameMs: number;
  /** DOMContentLoaded of popup.html (its module scripts have run by then), ms. */
  domContentLoadedMs: number;
  /** Which check saw it first: the MutationObserver or the requestAnimationFrame loop. */
  seenBy: 'mutation' | 'frame';
}

export interface ScriptSizes {
  /** panel-loader.js, injected into the page before the panel shows, kB (1 kB = 1000 bytes). Budget: 30. */
  panelLoader: number;
  /** page-reader.js, injected only when a job reads the page, kB. */
  pageReader: number;
  /** The JS popup.html loads: its entry chunk and the chunks it preloads (ChatApp, the shared jsx-runtime), kB. */
  popup: number;
  /** The JS panel.html (the panel's frame, an extension page) loads, kB. */
  panelFrame: number;
}

export interface PopupFirstInputResult {
  /** Median first input over the warm runs (the cold run excluded), ms. */
  medianMs: number;
  p95Ms: number;
  /** The first popup open after the browser started (the welcome options page already loaded jsx-runtime), ms; not in the median. */
  coldMs: number;
  cold: PopupOpen;
  warm: { firstInput: Summary; nextFrame: Summary; domContentLoaded: Summary; seenByFrame: number };
  /** Every warm run's first input in order, ms. */
  warmSeries: number[];
  page: string;
  scriptKb: ScriptSizes;
  scriptKbGzip: ScriptSizes;
  popupFiles: string[];
  chromium: string;
  /** The 1-minute load average before and after the opens: the figures are only as quiet as the machine was. */
  loadAverage: { before: number; after: number };
  seconds: number;
}

const kB = (bytes: number): number => round(bytes / 1000);

/** The JS files an extension page loads: `<script src>` and `<link rel="modulepreload" href>`, relative to the output folder. */
function pageScripts(htmlFile: string): string[] {
  const html = readFileSync(join(EXTENSION_DIR, htmlFile), 'utf8');
  const files = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith('<link') && !/\brel="modulepreload"/.test(tag)) continue;
    const address = /\b(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1];
    if (address) files.add(address.replace(/^\//, ''));
  }
  if (files.size === 0) throw new Error(`${htmlFile} names no script`);
  return [...files];
}

function scriptSizes(): { raw: ScriptSizes; gzip: ScriptSizes; popupFiles: string[] } {
  const popupFiles = pageScripts('popup.html');
  const bytes = (files: string[]): { raw: number; gzip: number } =>
    files.reduce(
      (sum, file) => {
        const path = join(EXTENSION_DIR, file);
        return { raw: sum.raw + statSync(path).size, gzip: sum.gzip + gzipSync(readFileSync(path)).length };
      },
      { raw: 0, gzip: 0 },
    );
  const panelLoader = bytes(['panel-loader.js']);
  const pageReader = bytes(['page-reader.js']);
  const popup = bytes(popupFiles);
  const panelFrame = bytes(pageScripts('panel.html'));
  return {
    raw: { panelLoader: kB(panelLoader.raw), pageReader: kB(pageReader.raw), popup: kB(popup.raw), panelFrame: kB(panelFrame.raw) },
    gzip: { panelLoader: kB(panelLoader.gzip), pageReader: kB(pageReader.gzip), popup: kB(popup.gzip), panelFrame: kB(panelFrame.gzip) },
    popupFiles,
  };
}

/**
 * Injected before any of the page's own scripts. Records performance.now() (ms since navigation start) at the first
 * check that finds the message box present and not disabled; checks on every DOM mutation and every animation frame.
 * A string, not a function: tsx's keepNames would call a `__name` helper the page lacks.
 */
const FIRST_INPUT_PROBE = `(() => {
  if (!location.pathname.endsWith('/popup.html')) return;
  const scope = window;
  const found = () => {
    const box = document.querySelector('textarea[aria-label="Message"]');
    return box !== null && !box.disabled;
  };
  let observer;
  const check = (seenBy) => {
    if (scope.__lifelineFirstInput !== undefined || !found()) return;
    scope.__lifelineFirstInput = { ms: performance.now(), seenBy };
    observer.disconnect();
    requestAnimationFrame(() => { scope.__lifelineFirstInputFrame = performance.now(); });
  };
  observer = new MutationObserver(() => check('mutation'));
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  const frame = () => {
    check('frame');
    if (scope.__lifelineFirstInput === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

/** What the probe recorded, once it has seen the box and the frame after it and the page reached DOMContentLoaded. */
const READ_PROBE = `(() => {
  const seen = window.__lifelineFirstInput;
  const frame = window.__lifelineFirstInputFrame;
  const navigation = performance.getEntriesByType('navigation')[0];
  if (!seen || frame === undefined || !navigation || navigation.domContentLoadedEventEnd === 0) return undefined;
  return { ms: seen.ms, seenBy: seen.seenBy, frame, domContentLoaded: navigation.domContentLoadedEventEnd };
})()`;

interface ProbeReading {
  ms: number;
  seenBy: 'mutation' | 'frame';
  frame: number;
  domContentLoaded: number;
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function openPopupOnce(extension: LaunchedExtension, tabId: number): Promise<PopupOpen> {
  const popup: Page = await extension.context.newPage();
  try {
    await popup.addInitScript(FIRST_INPUT_PROBE);
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`, { waitUntil: 'load' });
    // Polled with page.evaluate (CDP, outside the page's CSP): waitForFunction with a string needs eval, which
    // the extension's CSP refuses.
    const deadline = Date.now() + 15_000;
    let reading: ProbeReading | undefined;
    for (;;) {
      reading = (await popup.evaluate(READ_PROBE)) as ProbeReading | undefined;
      if (reading) break;
      if (Date.now() > deadline) {
        const text = await popup.locator('body').innerText().catch(() => '(unreadable)');
        throw new Error(`no enabled message box within 15 s; the popup shows: ${text.slice(0, 300)}`);
      }
      await pause(50);
    }
    return {
      firstInputMs: round(reading.ms),
      nextFrameMs: round(reading.frame),
      domContentLoadedMs: round(reading.domContentLoaded),
      seenBy: reading.seenBy,
    };
  } finally {
    await popup.close();
  }
}

export async function measurePopupFirstInput(options: { build?: boolean; runs?: number } = {}): Promise<PopupFirstInputResult> {
  const began = performance.now();
  const runs = options.runs ?? 15;
  if (options.build !== false) buildExtension();
  const sizes = scriptSizes();
  log(`  scripts: panel loader ${sizes.raw.panelLoader} kB, page reader ${sizes.raw.pageReader} kB, popup ${sizes.raw.popup} kB (${sizes.popupFiles.join(', ')}), panel frame ${sizes.raw.panelFrame} kB`);
  const pages = await startPageServer();
  let extension: LaunchedExtension | undefined;
  try {
    extension = await launchExtension();
    const page = await extension.context.newPage();
    // The snapshot is served offline: only 127.0.0.1 answers, anything else (ads, fonts, scripts) is refused.
    await page.route(/^https?:\/\//, (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const url = pages.url(CORPUS_PAGE);
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => page.waitForLoadState('domcontentloaded'));
    await page.bringToFront();
    const worker = await currentWorker(extension.context);
    const tabId = await worker.evaluate(async (address) => {
      const { chrome } = globalThis as unknown as { chrome: { tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> } } };
      const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      const tab = active?.url === address ? active : (await chrome.tabs.query({})).find((candidate) => candidate.url === address);
      if (tab?.id === undefined) throw new Error(`No tab shows ${address}`);
      return tab.id;
    }, url);

    const loadBefore = round(loadavg()[0]!, 2);
    const cold = await openPopupOnce(extension, tabId);
    log(`  cold: first input ${cold.firstInputMs} ms (next frame ${cold.nextFrameMs} ms, DOMContentLoaded ${cold.domContentLoadedMs} ms)`);
    const warm: PopupOpen[] = [];
    for (let index = 0; index < runs; index++) {
      await pause(100);
      warm.push(await openPopupOnce(extension, tabId));
    }
    const firstInput = summarize(warm.map((open) => open.firstInputMs));
    log(`  warm: first input median ${firstInput.median} ms, p95 ${firstInput.p95} ms over ${warm.length} opens`);

    return {
      medianMs: firstInput.median,
      p95Ms: firstInput.p95,
      coldMs: cold.firstInputMs,
      cold,
      warm: {
        firstInput,
        nextFrame: summarize(warm.map((open) => open.nextFrameMs)),
        domContentLoaded: summarize(warm.map((open) => open.domContentLoadedMs)),
        seenByFrame: warm.filter((open) => open.seenBy === 'frame').length,
      },
      warmSeries: warm.map((open) => open.firstInputMs),
      page: CORPUS_PAGE,
      scriptKb: sizes.raw,
      scriptKbGzip: sizes.gzip,
      popupFiles: sizes.popupFiles,
      chromium: chromiumVersion(),
      loadAverage: { before: loadBefore, after: round(loadavg()[0]!, 2) },
      seconds: round((performance.now() - began) / 1000, 1),
    };
  } finally {
    await extension?.close();
    await pages.close();
  }
}
