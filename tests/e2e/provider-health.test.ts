// End to end: a provider whose key is rejected is turned off with a visible notice until the user acts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_ANSWER, providerErrorBody, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { openOptions, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

describe('Provider health', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let rejecting: FaultServer;
  let healthy: FaultServer;

  beforeAll(async () => {
    pages = await startPageServer();
    rejecting = await startFaultServer({
      wire: 'openai',
      script: () => ({ kind: 'status', status: 401, body: providerErrorBody('openai', 'invalid_request_error', 'Incorrect API key provided: sk-e2e-*****0001.', 'invalid_api_key') }),
    });
    healthy = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    extension = await launchExtension();
    await seedProviders(extension.worker, [
      { id: 'health-primary', name: 'Primary', baseURL: rejecting.url, model: 'primary-model', apiKey: 'sk-e2e-key-0001' },
      { id: 'health-fallback', name: 'Fallback', baseURL: healthy.url, model: 'fallback-model', apiKey: 'sk-e2e-key-0002' },
    ]);
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([rejecting?.close(), healthy?.close(), pages?.close()]);
  });

  it('should turn off a provider whose key was rejected, say so everywhere, and let the user try it again', async () => {
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });

    const first = await summarizeAndWait(extension.worker, page);
    const second = await summarizeAndWait(extension.worker, page);
    const options = await openOptions(extension.context, extension.extensionId);
    const health = options.getByTestId('provider-health');
    await expect.poll(() => health.first().textContent()).toContain('Disabled');
    const badge = await extension.worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
    await options.getByRole('button', { name: 'Try Primary again' }).click();
    await expect.poll(() => health.first().textContent()).not.toContain('Disabled');

    expect(first.answer).toBe(CANONICAL_ANSWER);
    expect(first.status).toContain('Primary (primary-model) failed: 401 key rejected');
    expect(second.status).toContain('Primary (primary-model) was skipped (turned off until fixed in settings: 401 key rejected)');
    expect(rejecting.attempts).toHaveLength(1);
    expect(await health.nth(1).textContent()).toContain('Healthy');
    expect(badge).toBe('1');
    expect(await options.content()).not.toContain('sk-e2e-key-0001');
  });
});
