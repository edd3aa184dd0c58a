// End to end: the settings page as a careful user meets it: first run, Test, keyboard reorder, export/import (old files too), lock, never-send.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerErrorBody, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { addProviderThroughOptions, clickContextMenu, lastAnswerIn, panel, statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';

const KEYS = { working: 'sk-working-e2e-aaaa1111', rejected: 'sk-rejected-e2e-bbbb2222', refusing: '', gone: 'sk-gone-e2e-cccc3333' };

describe('Settings page', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let working: FaultServer;
  let rejecting: FaultServer;
  let refusingOrigin: FaultServer;
  let options: Page;

  const providerNames = async (): Promise<string[]> =>
    (await options.getByRole('button', { name: /^Edit / }).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''))).map((label) =>
      label.replace(/^Edit /, ''),
    );

  beforeAll(async () => {
    pages = await startPageServer();
    working = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    rejecting = await startFaultServer({
      wire: 'openai',
      script: () => ({ kind: 'status', status: 401, body: providerErrorBody('openai', 'invalid_request_error', 'Incorrect API key provided.', 'invalid_api_key') }),
    });
    // A local server whose allowed origins do not include the extension answers 403 with an empty body (Ollama).
    refusingOrigin = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'status', status: 403, body: '' }) });
    extension = await launchExtension();
    options = extension.welcome;
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([working?.close(), rejecting?.close(), refusingOrigin?.close(), pages?.close()]);
  });

  it('should welcome a first-time user on the settings page it opens by itself', async () => {
    await options.getByRole('heading', { name: 'Welcome to Lifeline' }).waitFor();

    expect(await options.getByRole('button', { name: 'Add your first provider' }).isVisible()).toBe(true);
  });

  it('should test each provider with a real request and explain failures in plain words', async () => {
    const add = (name: string, baseURL: string, apiKey: string) =>
      addProviderThroughOptions(options, { type: 'OpenAI-compatible', name, baseURL, apiKey, model: 'test-model' });
    await add('Working', working.url, KEYS.working);
    await add('Rejected', rejecting.url, KEYS.rejected);
    await add('Refusing', refusingOrigin.url, 'sk-refusing-e2e-dddd4444');
    await add('Gone', 'http://127.0.0.1:9/v1', KEYS.gone);
    const results: Record<string, string> = {};

    for (const name of ['Working', 'Rejected', 'Refusing', 'Gone']) {
      await options.getByRole('button', { name: `Test ${name}`, exact: true }).click();
      const result = options.getByRole('listitem').filter({ has: options.getByRole('button', { name: `Test ${name}`, exact: true }) }).getByRole('status').first();
      await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Working|Key|refused|reach/);
      results[name] = (await result.textContent()) ?? '';
    }

    expect(results.Working).toMatch(/^Working: answered in \d+ ms/);
    expect(results.Rejected).toContain("Key rejected (401): check the key in your provider's console.");
    expect(results.Refusing).toContain(`Refusing refused this extension (403): add chrome-extension://${extension.extensionId} to OLLAMA_ORIGINS`);
    expect(results.Gone).toContain('Could not reach 127.0.0.1:9');
    expect(working.attempts.at(-1)?.body).toMatchObject({ max_tokens: 1, stream: true });
    expect(JSON.stringify(results)).not.toContain(KEYS.rejected);
  });

  it('should reorder providers from the keyboard', async () => {
    const before = await providerNames();

    await options.getByRole('button', { name: 'Move Gone up' }).focus();
    await options.keyboard.press('Enter');
    await options.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();

    expect(before).toEqual(['Working', 'Rejected', 'Refusing', 'Gone']);
    await expect.poll(providerNames).toEqual(['Working', 'Rejected', 'Gone', 'Refusing']);
  });

  it('should export settings with encrypted keys, and import them back after clearing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lifeline-export-'));
    await options.getByLabel('Include API keys (encrypted with a passphrase)').check();
    await options.getByLabel('Passphrase for the file').fill('correct horse battery');
    const downloading = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export settings' }).click();
    const file = join(folder, (await downloading).suggestedFilename());
    await (await downloading).saveAs(file);
    const exported = readFileSync(file, 'utf8');
    for (const name of ['Working', 'Rejected', 'Gone', 'Refusing']) {
      await options.getByRole('button', { name: `Remove ${name}` }).click();
      await options.getByRole('button', { name: `Edit ${name}` }).waitFor({ state: 'detached' });
    }
    const cleared = await providerNames();

    await options.getByLabel('Settings file').setInputFiles(file);
    await options.getByLabel('File passphrase').fill('correct horse battery');
    await options.getByRole('button', { name: 'Import settings' }).click();
    await options.getByRole('region', { name: 'What this import will change' }).getByRole('button', { name: 'Import', exact: true }).click();

    await expect.poll(providerNames).toEqual(['Working', 'Rejected', 'Gone', 'Refusing']);
    expect(cleared).toEqual([]);
    expect(exported).toContain('"format": "lifeline-settings"');
    for (const key of Object.values(KEYS).filter(Boolean)) expect(exported).not.toContain(key);
    const workingItem = options.getByRole('listitem').filter({ has: options.getByRole('button', { name: 'Edit Working' }) });
    expect(await workingItem.textContent()).toContain('…1111');
  });

  it('should list the keys an old settings file would delete, change nothing on Cancel, and keep the keys when asked', async () => {
    // Version 1 files had no provider ids: importing one used to drop the stored key of every endpoint it listed.
    const file = join(mkdtempSync(join(tmpdir(), 'lifeline-old-file-')), 'lifeline-settings-v1.json');
    const endpoints = { Working: working.url, Rejected: rejecting.url, Gone: 'http://127.0.0.1:9/v1', Refusing: refusingOrigin.url };
    const providers = Object.entries(endpoints).map(([name, baseURL]) => ({ kind: 'openai-compatible', name, baseURL, model: 'test-model' }));
    writeFileSync(file, JSON.stringify({ format: 'lifeline-settings', version: 1, settings: { providers } }));
    const preview = options.getByRole('region', { name: 'What this import will change' });
    const workingItem = options.getByRole('listitem').filter({ has: options.getByRole('button', { name: 'Edit Working' }) });
    await options.getByLabel('Settings file').setInputFiles(file);
    await options.getByRole('button', { name: 'Import settings' }).click();
    const atRisk = (await preview.getByRole('list', { name: '4 stored keys at risk' }).textContent()) ?? '';
    const choices = await preview.getByRole('button').allTextContents();
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await options.getByRole('status').filter({ hasText: 'Nothing was imported' }).waitFor();
    const afterCancel = { names: await providerNames(), working: await workingItem.textContent() };

    await options.getByRole('button', { name: 'Import settings' }).click();
    await preview.getByRole('button', { name: 'Import and keep my keys' }).click();
    const done = options.getByRole('status').filter({ hasText: 'Kept your key for "Working".' });
    await done.waitFor();

    expect(atRisk).toContain('"Working" (key …1111): the file lists the same endpoint as "Working" but without a key; you can keep your key for it.');
    expect(choices).toEqual(['Import and keep my keys', 'Import and remove 4 keys', 'Cancel']);
    expect(afterCancel.names).toEqual(['Working', 'Rejected', 'Gone', 'Refusing']);
    expect(afterCancel.working).toContain('…1111');
    expect(await done.textContent()).toContain('Imported 4 providers');
    await expect.poll(() => workingItem.textContent()).toContain('…1111');
    expect(await preview.count()).toBe(0);
  });

  it('should show the locked state in the settings page and in the panel, and unlock', async () => {
    await options.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await options.getByLabel('Repeat passphrase').fill('a long passphrase');
    await options.getByRole('button', { name: 'Protect keys with a passphrase' }).click();
    await options.getByRole('button', { name: 'Lock now' }).click();
    await options.getByText('Keys locked: unlock below', { exact: false }).first().waitFor();
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');
    const frame = await panel(page);
    const status = statusIn(frame);
    await expect.poll(() => status.textContent()).toContain('Lifeline is locked');
    const requestsWhileLocked = working.attempts.length;
    await options.bringToFront();
    await options.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await options.getByRole('button', { name: 'Unlock' }).click();

    await options.getByText('Unlocked for this browser session').first().waitFor();
    expect(await lastAnswerIn(frame).getByRole('button', { name: 'Open Lifeline settings' }).isVisible()).toBe(true);
    // Passphrases are typed only in the settings page: the in-page panel has no field to type one.
    expect(await frame.locator('input[type=password]').count()).toBe(0);
    expect(await frame.getByLabel(/passphrase/i).count()).toBe(0);
    expect(working.attempts.length).toBe(requestsWhileLocked);
  });

  it('should use only the providers chosen for a task', async () => {
    await options.bringToFront();
    await options.getByRole('group', { name: 'Summaries' }).getByLabel('Working', { exact: true }).check();
    await options.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');

    const status = statusIn(await panel(page));
    await expect.poll(() => status.textContent()).toContain('Nothing has been sent yet');
    expect(await status.textContent()).toContain('text to Working (test-model).');
  });

  it('should ask before summarizing a page above the long-page threshold set in settings', async () => {
    await options.bringToFront();
    await options.getByLabel('Ask before summarizing pages longer than (tokens)').fill('1000');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').filter({ hasText: 'asks before summarizing pages above about 1,000 tokens' }).waitFor();
    const page = await extension.context.newPage();
    await page.goto(pages.url('wikipedia'), { waitUntil: 'domcontentloaded' });
    const before = working.attempts.length;

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');
    const frame = await panel(page);
    const status = statusIn(frame);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Nothing has been sent yet/);
    // Nothing was ever sent to Working from a page: the consent question comes first, then the size question.
    await frame.getByRole('button', { name: 'Send to this provider' }).click();

    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('This page is long');
    expect(working.attempts.length).toBe(before);
  });

  it('should never send a page of a site on the never-send list', async () => {
    await options.bringToFront();
    await options.getByLabel('Site (for example mail.example.com)').fill('http://127.0.0.1/');
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.getByRole('listitem').filter({ hasText: '127.0.0.1' }).first().waitFor();
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    const before = working.attempts.length + rejecting.attempts.length;

    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');

    const frame = await panel(page);
    await expect.poll(() => statusIn(frame).textContent()).toContain('never to send pages of this site');
    expect(working.attempts.length + rejecting.attempts.length).toBe(before);
  });
});
