// The crash-test catalogue through the built extension: network-level faults as Chromium's service worker sees them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_ANSWER, providerErrorBody, startFaultServer, type Fault, type FaultServer } from '../mocks/fault-server';
import { answerEnded, clickContextMenu, closePanel, lastAnswerIn, panel, summarizeAndWait } from './support/extension-actions';
import { currentWorker, launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';
import { stopExtensionWorker } from './support/stop-worker';
import type { Page } from 'playwright-core';

const unavailable503: Fault = { kind: 'status', status: 503, body: providerErrorBody('openai', 'server_error', 'Service unavailable') };

describe('Crash scenarios in the built extension', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;
  const servers: FaultServer[] = [];
  let series = 0;

  /** A primary with the given faults and a healthy fallback, under fresh provider ids (fresh health). */
  async function configure(primaryScript: (n: number) => Fault, fallbackScript: (n: number) => Fault = () => ({ kind: 'ok' })) {
    const primary = await startFaultServer({ wire: 'openai', script: primaryScript, tokenIntervalMs: 5 });
    const fallback = await startFaultServer({ wire: 'openai', script: fallbackScript, tokenIntervalMs: 5 });
    servers.push(primary, fallback);
    series++;
    await seedProviders(await currentWorker(extension.context), [
      { id: `primary-${series}`, name: 'Primary', baseURL: primary.url, model: 'primary-model', apiKey: 'sk-e2e-primary' },
      { id: `fallback-${series}`, name: 'Fallback', baseURL: fallback.url, model: 'fallback-model', apiKey: 'sk-e2e-fallback' },
    ]);
    return { primary, fallback };
  }

  const summarize = async () => summarizeAndWait(await currentWorker(extension.context), page);

  beforeAll(async () => {
    pages = await startPageServer();
    extension = await launchExtension();
    page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  afterAll(async () => {
    await extension?.close();
    await pages?.close();
  });

  it.each<[string, (n: number) => Fault, string]>([
    ['S04: 503 forever', () => unavailable503, '503 unavailable'],
    ['S05: connection reset before headers, then healthy', (n) => (n === 1 ? { kind: 'reset' } : { kind: 'ok' }), 'network error'],
    ['S06: no response at all', () => ({ kind: 'silent' }), ''],
    ['S08: stream cut after 40 of 60 tokens', () => ({ kind: 'cut', afterTokens: 40 }), 'cut off'],
    ['S09: stream stalls after 20 tokens for 30 s', () => ({ kind: 'stall', afterTokens: 20, stallMs: 30_000 }), 'stalled mid-answer'],
  ])('should deliver the whole answer from the fallback on %s and say what happened', async (_title, primaryScript, reason) => {
    const { primary, fallback } = await configure(primaryScript);

    const result = await summarize();

    expect(result.answer).toBe(CANONICAL_ANSWER);
    expect(result.status).toContain('Answered by Fallback (fallback-model)');
    expect(result.status).toContain(reason);
    expect(primary.attempts.length).toBeGreaterThanOrEqual(1);
    expect(primary.attempts.length).toBeLessThanOrEqual(6);
    expect(fallback.attempts).toHaveLength(1);
  });

  it('should serve every request during an outage, skip the primary once its breaker opens, and return to it after recovery (S15)', async () => {
    const outageMs = 16_000;
    const gapMs = 2_000;
    const started = Date.now();
    const { primary } = await configure(() => (Date.now() - started < outageMs ? unavailable503 : { kind: 'ok' }));
    const primaryAttemptsPerRequest: number[] = [];
    const answeredBy: string[] = [];

    for (let request = 0; request < 12; request++) {
      await page.waitForFunction((at) => Date.now() >= at, started + request * gapMs, { polling: 50, timeout: 60_000 });
      const before = primary.attempts.length;
      const result = await summarize();
      expect(result.answer).toBe(CANONICAL_ANSWER);
      primaryAttemptsPerRequest.push(primary.attempts.length - before);
      answeredBy.push(result.status.match(/Answered by (\w+)/)?.[1] ?? 'nobody');
    }

    expect(Math.max(...primaryAttemptsPerRequest)).toBeLessThanOrEqual(1);
    // The breaker skipped the primary for several requests during the outage instead of trying it each time.
    expect(primaryAttemptsPerRequest.filter((attempts) => attempts === 0).length).toBeGreaterThanOrEqual(3);
    const firstPrimaryAnswerAt = primary.attempts.find((attempt) => attempt.fault === 'ok')?.at;
    expect(firstPrimaryAnswerAt).toBeDefined();
    expect(firstPrimaryAnswerAt! - (started + outageMs)).toBeLessThan(30_000);
    expect(answeredBy.at(-1)).toBe('Primary');
  });

  it('should keep the breaker across a worker stop, and end an in-flight answer complete or interrupted', async () => {
    // The fallback answers the third request slowly, so the worker can be stopped in the middle of it.
    const { primary } = await configure(() => unavailable503, (n) => (n === 3 ? { kind: 'ok', tokenIntervalMs: 150 } : { kind: 'ok' }));
    await summarize();
    await summarize();
    const healthBefore = await primaryHealth();
    await closePanel(page);
    await clickContextMenu(await currentWorker(extension.context), page, 'lifeline-summarize-page');
    const frame = await panel(page);
    await expect.poll(() => lastAnswerIn(frame).getByTestId('chat-answer').textContent(), { timeout: 30_000 }).toContain('t02');

    await stopExtensionWorker(extension.context, extension.extensionId);

    const { status: inFlightStatus } = await answerEnded(frame);
    const healthAfter = await primaryHealth();
    const afterRestart = await summarize();
    expect(healthBefore).toMatchObject({ consecutiveFailures: 2, openings: 1 });
    expect(healthAfter).toMatchObject({ consecutiveFailures: healthBefore?.consecutiveFailures, openUntil: healthBefore?.openUntil });
    expect(inFlightStatus).toMatch(/^Interrupted|Answered by Fallback \(fallback-model\)\./);
    expect(afterRestart.answer).toBe(CANONICAL_ANSWER);
    expect(afterRestart.status).toContain('Answered by Fallback (fallback-model).');
    expect(afterRestart.status).toContain('Primary (primary-model)');
    expect(primary.attempts.length).toBeLessThanOrEqual(3);
  });

  /** The primary's health as the (possibly restarted) worker has stored it in storage.session. */
  async function primaryHealth(): Promise<{ consecutiveFailures: number; openings: number; openUntil?: number } | undefined> {
    const worker = await currentWorker(extension.context);
    return worker.evaluate(async (id) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, Record<string, never>>> } } } };
      return (await chrome.storage.session.get('health')).health?.[id];
    }, `primary-${series}`);
  }
});
