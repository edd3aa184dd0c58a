// Stops the extension's service worker through CDP, as the browser does when it is idle (TOOLCHAIN.md).
import type { BrowserContext } from 'playwright-core';

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

export async function stopExtensionWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    const versions = new Map<string, WorkerVersion>();
    const stopped = new Set<string>();
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
      for (const version of event.versions) {
        versions.set(version.versionId, version);
        if (version.runningStatus === 'stopping' || version.runningStatus === 'stopped') stopped.add(version.versionId);
      }
    });
    await cdp.send('ServiceWorker.enable');
    const running = await waitFor(() =>
      [...versions.values()].find((v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'running'),
    );
    await cdp.send('ServiceWorker.stopWorker', { versionId: running.versionId });
    // A port that reconnects may start the worker again at once: any stop seen counts.
    await waitFor(() => (stopped.has(running.versionId) ? true : undefined));
    await cdp.detach();
  } finally {
    await page.close();
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the service worker state');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
