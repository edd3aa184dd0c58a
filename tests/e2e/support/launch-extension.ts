// Launches headless Chromium with the BUILT extension loaded and hands back its service worker and id.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium } from './find-browser';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');

export interface LaunchedExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** The settings page the first run opened. */
  welcome: Page;
  /**
   * A new CDP connection to the same browser, where the toolbar popup and the side panel show up as pages
   * (Playwright's persistent context does not list them, and a connection lists only the popups open when it connects).
   */
  overCdp(): Promise<Browser>;
  close(): Promise<void>;
}

export async function launchExtension(options: { extraArgs?: string[] } = {}): Promise<LaunchedExtension> {
  const home = mkdtempSync(join(tmpdir(), 'lifeline-e2e-'));
  const context = await chromium.launchPersistentContext(join(home, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    env: { ...process.env, HOME: home },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // A CDP endpoint of our own, to reach the popup and side panel (see overCdp).
      '--remote-debugging-port=0',
      ...(options.extraArgs ?? []),
    ],
  });
  let worker: Worker;
  let extensionId: string;
  let welcome: Page;
  try {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
    // A fresh profile is a first run: Lifeline opens its settings with a welcome. Wait for it so later tabs come after.
    welcome = await waitForPage(context, `chrome-extension://${extensionId}/options.html`);
  } catch (error) {
    // Never leave a browser behind when the launch did not complete.
    await context.close().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
  const connections: Promise<Browser>[] = [];
  return {
    context,
    worker,
    extensionId,
    welcome,
    overCdp() {
      // Chromium writes the port it picked into the profile.
      const port = readFileSync(join(home, 'profile', 'DevToolsActivePort'), 'utf8').split('\n')[0];
      const connection = chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      connections.push(connection);
      return connection;
    },
    async close() {
      await Promise.all(connections.map(async (connection) => (await connection).close().catch(() => undefined)));
      await context.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The extension's current service worker (a new one after the browser stopped the old one). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  const workers = context.serviceWorkers().filter((worker) => worker.url().startsWith('chrome-extension://'));
  return workers.at(-1) ?? (await context.waitForEvent('serviceworker'));
}

/** The first page whose address starts with `prefix` (a new tab is about:blank before it navigates). */
async function waitForPage(context: BrowserContext, prefix: string, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = context.pages().find((candidate) => candidate.url().startsWith(prefix));
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`No page opened at ${prefix} within ${timeoutMs} ms`);
    await context.waitForEvent('page', { timeout: 250 }).catch(() => undefined);
  }
}
