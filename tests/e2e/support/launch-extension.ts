// Launches headless Chromium with the BUILT extension loaded and hands back its service worker and id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { findChromium } from './find-browser';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');

export interface LaunchedExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
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
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    async close() {
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
