// End to end on the built extension: a real Chromium policy file pre-configures a provider for the organization.
// Needs the e2e build that carries the test key (fixed extension id) and a writable /etc/chromium/policies/managed (root).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../mocks/fault-server';
import { openOptions } from './support/extension-actions';
import { TEST_EXTENSION_ID, TEST_EXTENSION_KEY_FILE, testExtensionKey } from './support/extension-id';
import { EXTENSION_DIR, launchExtension, type LaunchedExtension } from './support/launch-extension';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'lifeline-e2e-test.json');
const ORG_KEY = 'sk-org-managed-0001';

/** Never leave the policy behind: it would pre-configure every later run of the test build. */
const removePolicy = (): void => rmSync(POLICY_FILE, { force: true });

const WRONG_BUILD =
  `${EXTENSION_DIR} is not the e2e build with the test key, so its id is not ${TEST_EXTENSION_ID} and the policy cannot reach it. ` +
  `Build it with LIFELINE_MANIFEST_KEY="$(cat ${TEST_EXTENSION_KEY_FILE})" npx wxt build (scripts/test-all.mjs does).`;

function assertKeyedBuild(): void {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { key?: string };
  if (manifest.key !== testExtensionKey()) throw new Error(WRONG_BUILD);
}

function writePolicy(extensionPolicy: object): void {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [TEST_EXTENSION_ID]: extensionPolicy } } }, null, 2));
  } catch (error) {
    throw new Error(
      `Cannot write the Chromium policy file ${POLICY_FILE} (${(error as Error).message}). ` +
        'This test sets a real machine policy: run the e2e tests as root (as CI does), e.g. `sudo npx vitest run --project e2e tests/e2e/managed-policy.test.ts`.',
    );
  }
}

interface ChromeManaged {
  storage: { managed: { get(keys?: null): Promise<Record<string, unknown>> } };
}

describe('Enterprise policy (chrome.storage.managed)', () => {
  let extension: LaunchedExtension | undefined;
  let gateway: FaultServer;
  let policy: { providers: object[]; lockedSettings: string[] };

  beforeAll(async () => {
    process.once('exit', removePolicy);
    gateway = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    policy = {
      providers: [
        { id: 'org-gateway', preset: 'custom', kind: 'openai-compatible', name: 'Company gateway', baseURL: gateway.url, model: 'org-model', apiKey: ORG_KEY },
      ],
      lockedSettings: ['hedging'],
    };
    assertKeyedBuild();
    removePolicy();
    writePolicy(policy);
    // Chromium reads platform policy at start-up: the file must exist before the launch.
    extension = await launchExtension();
  });

  afterAll(async () => {
    removePolicy();
    process.removeListener('exit', removePolicy);
    await extension?.close();
    await gateway?.close();
  });

  it('should load the build that carries the test key, with the fixed id the policy names', () => {
    expect(extension!.extensionId, WRONG_BUILD).toBe(TEST_EXTENSION_ID);
  });

  it('should expose the policy to the service worker through chrome.storage.managed', async () => {
    const readManaged = () =>
      extension!.worker.evaluate(async () => {
        const { chrome } = globalThis as unknown as { chrome: ChromeManaged };
        return chrome.storage.managed.get(null);
      });

    await expect
      .poll(readManaged, { timeout: 20_000, interval: 250, message: 'chrome.storage.managed never showed the policy file' })
      .toHaveProperty('providers');
    expect(await readManaged()).toEqual(policy);
  });

  // Needs the lead's wiring: the background merges the policy (mergeManaged) and the options page marks managed providers.
  it('should show the organization provider on the options page as managed', async () => {
    const options = await openOptions(extension!.context, extension!.extensionId);
    const managedProvider = options
      .getByRole('list', { name: 'Providers in fail-over order' })
      .getByRole('listitem')
      .filter({ hasText: 'Company gateway' });

    await expect
      .poll(() => managedProvider.count(), { timeout: 15_000, message: 'the options page lists no provider named "Company gateway"' })
      .toBeGreaterThan(0);
    await expect
      .poll(() => managedProvider.first().innerText(), { timeout: 5_000 })
      .toContain('Managed by your organization');
    // The policy key is used by the background only: never shown on the page.
    expect(await options.content()).not.toContain(ORG_KEY);
  });
});
