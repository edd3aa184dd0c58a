// End to end: the status chip in the popup for a clean answer, a fail-over, an offline summary and an error, folded and
// unfolded, light and dark: short label, the story behind "Details" (keyboard), no serious axe issue (contrast included).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerErrorBody, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { seriousViolations } from './support/axe';
import { ask, closePopup, lastAnswer, openPopup } from './support/chat-surfaces';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { statusIn } from './support/extension-actions';
import { seedProviders } from './support/seed-providers';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');

interface Scenario {
  name: string;
  /** Mock providers listen on 127.0.0.1 and so count as "on this computer": file the answer as a cloud provider's. */
  cloud: boolean;
  providers: { id: string; name: string; model: string; server: () => FaultServer }[];
  run: (popup: Page) => Promise<void>;
  label: string;
  tone: string;
  story: string;
}

describe('The status chip in the popup', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;
  const servers: Record<string, FaultServer> = {};

  beforeAll(async () => {
    const status = (code: number, type: string, message: string) => ({ kind: 'status' as const, status: code, body: providerErrorBody('openai', type, message) });
    servers.ok = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    servers.overloaded = await startFaultServer({ wire: 'openai', script: () => status(529, 'overloaded_error', 'Overloaded') });
    servers.rejected = await startFaultServer({ wire: 'openai', script: () => status(401, 'invalid_api_key', 'Incorrect API key provided.') });
    pages = await startPageServer();
    extension = await launchExtension();
    page = await extension.context.newPage();
    await page.goto(pages.url('ars-1'), { waitUntil: 'domcontentloaded' });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([...Object.values(servers).map((server) => server.close()), pages?.close()]);
  });

  const question = (popup: Page) => ask(popup, 'What is this page about?');
  const scenarios: Scenario[] = [
    {
      name: 'clean',
      cloud: true,
      providers: [{ id: 'chip-openai', name: 'OpenAI', model: 'gpt-4o-mini', server: () => servers.ok! }],
      run: question,
      label: 'gpt-4o-mini',
      tone: 'neutral',
      story: 'Answered by OpenAI (gpt-4o-mini).',
    },
    {
      name: 'failover',
      cloud: true,
      providers: [
        { id: 'chip-claude', name: 'Claude', model: 'claude-sonnet', server: () => servers.overloaded! },
        { id: 'chip-openai', name: 'OpenAI', model: 'gpt-4o-mini', server: () => servers.ok! },
      ],
      run: question,
      label: 'gpt-4o-mini · Claude 529',
      tone: 'degraded',
      story: 'Claude (claude-sonnet) failed: 529 overloaded.',
    },
    {
      name: 'offline',
      cloud: false,
      providers: [{ id: 'chip-rejected', name: 'Claude', model: 'claude-sonnet', server: () => servers.rejected! }],
      run: (popup) => popup.getByRole('button', { name: 'Summarize this page' }).click(),
      label: 'Offline summary',
      tone: 'degraded',
      story: 'Claude (claude-sonnet) failed: 401 key rejected.',
    },
    {
      name: 'error',
      cloud: false,
      providers: [{ id: 'chip-rejected-again', name: 'Claude', model: 'claude-sonnet', server: () => servers.rejected! }],
      run: question,
      label: 'No AI reachable',
      tone: 'error',
      story: 'Claude (claude-sonnet) failed: 401 key rejected.',
    },
  ];

  const reopen = async (popup: Page): Promise<Page> => {
    await closePopup(popup);
    return openPopup(extension, page);
  };

  it.each(scenarios)('should show the $name chip folded, unfold its story from the keyboard, and pass axe in light and dark', async (scenario) => {
    await seedProviders(
      extension.worker,
      scenario.providers.map(({ server, ...provider }) => ({ ...provider, baseURL: server().url, apiKey: `sk-e2e-${provider.id}-0001` })),
    );
    const asked = await openPopup(extension, page);
    await scenario.run(asked);
    await lastAnswer(asked).getByRole('button', { name: /^(Regenerate|Retry)$/ }).waitFor({ timeout: 30_000 });
    if (scenario.cloud) await fileAsCloudAnswer(extension);
    const popup = scenario.cloud ? await reopen(asked) : asked;
    const answer = lastAnswer(popup);
    await answer.getByRole('button', { name: /^(Regenerate|Retry)$/ }).waitFor({ timeout: 30_000 });
    // The last answer's chip is docked under the log, in view however long the conversation.
    const chip = statusIn(popup);
    const details = chip.getByRole('button', { name: 'Details' });

    const seen: Record<string, { label: string; expanded: (string | null)[]; violations: unknown[] }> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await details.blur();
      await chip.screenshot({ path: resolve(ARTIFACTS, `status-chip-${scenario.name}-${colorScheme}-folded.png`) });
      const folded = await details.getAttribute('aria-expanded');
      await details.focus();
      await popup.keyboard.press('Enter');
      await chip.getByRole('listitem').first().waitFor();
      await chip.screenshot({ path: resolve(ARTIFACTS, `status-chip-${scenario.name}-${colorScheme}-unfolded.png`) });
      const violations = await seriousViolations(popup);
      const unfolded = await details.getAttribute('aria-expanded');
      await popup.keyboard.press('Space');
      seen[colorScheme] = { label: (await chip.getByRole('status').getAttribute('aria-label')) ?? '', expanded: [folded, unfolded], violations };
    }

    for (const colorScheme of ['light', 'dark']) {
      expect(seen[colorScheme]).toEqual({ label: scenario.label, expanded: ['false', 'true'], violations: [] });
    }
    expect(await chip.getAttribute('data-tone')).toBe(scenario.tone);
    expect(await chip.locator('li').allTextContents()).toContain(scenario.story);
    expect(await chip.getByRole('list').isVisible()).toBe(false);
    await closePopup(popup);
  });
});

/**
 * Files the last answer again as if a cloud provider gave it: a copy of its job under a new id (the worker keeps the
 * original in memory), with the same entries but without their "on this computer" tier.
 */
async function fileAsCloudAnswer(extension: LaunchedExtension): Promise<void> {
  await extension.worker.evaluate(async () => {
    type Label = { tier?: string };
    type Job = { id: string; answeredBy?: Label; failures: { entry: Label }[] };
    type Area = { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } };
    const { conversations } = (await chrome.storage.local.get('conversations')) as { conversations: Record<string, { updatedAt: number; messages: { job?: Job }[] }> };
    const answer = Object.values(conversations).sort((a, b) => b.updatedAt - a.updatedAt)[0]?.messages.at(-1);
    if (!answer?.job) throw new Error('No answer to file');
    const job: Job = structuredClone(answer.job);
    job.id = `${job.id}-cloud`;
    for (const label of [job.answeredBy, ...job.failures.map((failure) => failure.entry)]) if (label?.tier === 'local') delete label.tier;
    answer.job = job;
    const { jobs } = (await chrome.storage.session.get('jobs')) as { jobs: Record<string, Job> };
    await chrome.storage.session.set({ jobs: { ...jobs, [job.id]: job } });
    await chrome.storage.local.set({ conversations });
  });
}
