// End to end: pages Lifeline may not read get a clear signal, and no site is readable without the user's gesture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeTextOf, clickContextMenu } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';

describe('Pages Lifeline cannot read', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;

  beforeAll(async () => {
    pages = await startPageServer();
    // Another host name for the same local server: one the manifest grants nothing for.
    extension = await launchExtension({ extraArgs: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
  });

  afterAll(async () => {
    await extension?.close();
    await pages?.close();
  });

  it('should mark a browser page with a badge instead of doing nothing', async () => {
    const page = await extension.context.newPage();
    await page.goto('chrome://version');

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');

    await expect.poll(() => badgeTextOf(extension.worker, page)).toBe('!');
  });

  it('should get no access to a site the user did not invoke it on', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('ars-1').replace('127.0.0.1', 'news.test'), { waitUntil: 'domcontentloaded' });

    // A dispatched click carries no user gesture, so activeTab grants nothing: only a real click opens the page.
    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');

    await expect.poll(() => badgeTextOf(extension.worker, page)).toBe('!');
    expect(await page.locator('lifeline-panel').count()).toBe(0);
  });
});
