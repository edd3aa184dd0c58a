// End to end: the settings page and the in-page panel pass the axe-core audit (no serious or critical issues), light and dark.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../mocks/fault-server';
import { seriousViolations } from './support/axe';
import { openOptions, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');

describe('Accessibility', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let provider: FaultServer;

  beforeAll(async () => {
    pages = await startPageServer();
    provider = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    extension = await launchExtension();
    // Two providers, so every section of the settings page (per-task choices included) is on screen.
    await seedProviders(extension.worker, [
      { id: 'a11y', name: 'Local model', baseURL: provider.url, model: 'a11y-model', apiKey: 'sk-a11y-0000' },
      { id: 'a11y-2', name: 'Second model', baseURL: provider.url, model: 'a11y-model-2', apiKey: 'sk-a11y-1111' },
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), pages?.close()]);
  });

  it.each(['light', 'dark'] as const)('should have no serious or critical issues on the settings page (%s)', async (colorScheme) => {
    const options = await openOptions(extension.context, extension.extensionId);
    await options.emulateMedia({ colorScheme });
    await options.getByRole('button', { name: 'Edit Local model' }).waitFor();
    await options.getByRole('group', { name: 'Summaries' }).waitFor();

    const violations = await seriousViolations(options);

    await options.screenshot({ path: resolve(ARTIFACTS, `options-${colorScheme}.png`), fullPage: true });
    expect(violations).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('should have no serious or critical issues in the panel with an answer (%s)', async (colorScheme) => {
    const page = await extension.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    const { frame } = await summarizeAndWait(extension.worker, page);

    const violations = await seriousViolations(frame);

    await page.screenshot({ path: resolve(ARTIFACTS, `panel-${colorScheme}.png`) });
    expect(violations).toEqual([]);
  });
});
