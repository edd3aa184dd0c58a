// `npm run screenshots`: every chat surface and its states, light and dark, at the sizes people see them, into
// screenshots/ for review. The built extension in headless Chromium, mock providers on 127.0.0.1, corpus pages served
// offline: nothing of this is used by the tests or the product.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { closePopup, findSidePanel, openPopup, ask, lastAnswer } from '../tests/e2e/support/chat-surfaces';
import { answerEnded, clickContextMenu, openOptions, panel, statusIn } from '../tests/e2e/support/extension-actions';
import { launchExtension, type LaunchedExtension } from '../tests/e2e/support/launch-extension';
import { serveHtml, startPageServer } from '../tests/e2e/support/page-server';
import { seedProviders } from '../tests/e2e/support/seed-providers';
import { selectWordsIn } from '../tests/e2e/support/select-words';
import { HOSTILE_OUTPUTS, longAnswerPartsWithin } from '../tests/mocks/hostile-outputs';
import { startChatMock } from '../tests/mocks/openai-chat-mock';
import { buildExtension } from './bench/build-extension';

const OUT = resolve(import.meta.dirname, '../screenshots');
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

const SUMMARY = [
  'The colophon lists the tools behind **Daring Fireball**.',
  '',
  '## Tools',
  '',
  '- **BBEdit** for writing, Movable Type for publishing',
  '- Verdana and Georgia as the typefaces',
  '',
  '| Tool | Used for |',
  '|---|---|',
  '| BBEdit | Writing |',
  '| Movable Type | Publishing |',
].join('\n');
const COMPOSE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Compose</title>
<style>body{font:16px/1.5 system-ui;margin:40px}textarea{width:560px;height:120px;font:inherit}</style></head>
<body><h1>Reply</h1><textarea id="draft">Thanks for the note. Please send teh report by friday, so we can looks at it before the meeting.</textarea></body></html>`;

/**
 * The panel's frame is an extension page in its own process: the page's emulated colour scheme does not reach it (a
 * real browser's setting reaches every frame), so the scheme is set on the frame's own target as well.
 */
async function frameInScheme(page: Page, frame: Frame, scheme: Scheme): Promise<void> {
  const session = await page.context().newCDPSession(frame);
  await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
}

const shot = async (target: Page | Frame, name: string, page?: Page): Promise<void> => {
  await (page ?? (target as Page)).screenshot({ path: resolve(OUT, `${name}.png`) });
  console.error(`  ${name}.png`);
};

async function popupStates(extension: LaunchedExtension, site: Page, scheme: Scheme): Promise<void> {
  // The first open shows the getting-started card; each scheme starts as a first run.
  await extension.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } };
    await chrome.storage.local.remove('onboarding');
  });
  const popup = await openPopup(extension, site);
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.getByRole('button', { name: 'Got it' }).waitFor();
  await shot(popup, `popup-first-run-${scheme}`);
  await popup.getByRole('button', { name: 'Got it' }).click();
  await shot(popup, `popup-start-${scheme}`);
  await ask(popup, 'What tools does the site use?');
  await answerEnded(popup);
  await shot(popup, `popup-answer-${scheme}`);
  await popup.getByRole('button', { name: 'History' }).click();
  await popup.getByRole('region', { name: 'History' }).waitFor();
  await shot(popup, `popup-history-${scheme}`);
  await closePopup(popup);
}

/** A fail-over (amber chip, story unfolded) and an error (red chip) in the popup. */
async function failureStates(extension: LaunchedExtension, site: Page, scheme: Scheme, mocks: Mocks): Promise<void> {
  const overloaded = { id: 'claude', name: 'Claude', baseURL: mocks.overloaded.baseURL, model: 'claude-sonnet', apiKey: 'sk-shots-1' };
  const healthy = { id: 'openai', name: 'OpenAI', baseURL: mocks.summary.baseURL, model: 'gpt-4o-mini', apiKey: 'sk-shots-2' };
  const rejected = { id: 'gemini', name: 'Gemini', baseURL: mocks.rejected.baseURL, model: 'gemini-flash', apiKey: 'sk-shots-3' };
  for (const [name, providers] of [['failover', [overloaded, healthy]], ['error', [overloaded, rejected]]] as const) {
    await seedProviders(extension.worker, [...providers]);
    const popup = await openPopup(extension, site);
    await popup.emulateMedia({ colorScheme: scheme });
    await ask(popup, 'What tools does the site use?');
    await popup.getByRole('button', { name: /^(Regenerate|Retry)$/ }).waitFor({ timeout: 30_000 });
    await statusIn(popup).getByRole('button', { name: 'Details' }).click();
    await shot(popup, `popup-${name}-${scheme}`);
    await closePopup(popup);
  }
  await seedProviders(extension.worker, [{ id: 'claude', name: 'Claude', baseURL: mocks.summary.baseURL, model: 'claude-sonnet', apiKey: 'sk-shots-1' }]);
}

/** A 750 kB answer: the first 100 kB rendered, and the note under it (the end of the log). */
async function longAnswerState(extension: LaunchedExtension, site: Page, scheme: Scheme, baseURL: string): Promise<void> {
  await seedProviders(extension.worker, [{ id: 'openai', name: 'OpenAI', baseURL, model: 'gpt-4o-mini', apiKey: 'sk-shots-2' }]);
  const popup = await openPopup(extension, site);
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.getByRole('button', { name: 'New chat' }).click();
  await ask(popup, 'Tell me everything.');
  await lastAnswer(popup).getByTestId('answer-cut').waitFor({ timeout: 60_000 });
  await answerEnded(popup);
  // Every part that starts within the first 100 kB is on screen before the end of the log is shot.
  const lastPart = `Part ${longAnswerPartsWithin(100_000) - 1}`;
  await popup.getByRole('heading', { name: lastPart, exact: true }).waitFor({ timeout: 60_000 });
  await popup.getByTestId('chat-log').evaluate((log) => log.scrollTo({ top: log.scrollHeight }));
  await shot(popup, `popup-long-answer-${scheme}`);
  // The states after this one start from an empty chat, not one that fills the model's context with 750 kB.
  await popup.getByRole('button', { name: 'New chat' }).click();
  await closePopup(popup);
}

async function sidePanelStates(extension: LaunchedExtension, site: Page, scheme: Scheme): Promise<void> {
  const popup = await openPopup(extension, site);
  await popup.getByRole('button', { name: 'Side panel' }).click();
  const side = await findSidePanel(extension);
  await side.setViewportSize({ width: 360, height: 700 });
  await side.emulateMedia({ colorScheme: scheme });
  await ask(side, 'Summarize it in one line.');
  await answerEnded(side);
  await shot(side, `sidepanel-answer-${scheme}`);
  await side.close();
}

/** A web page at 1280x800 in the scheme (its panel's frame is set to the same once it exists). */
async function pageInScheme(extension: LaunchedExtension, url: string, scheme: Scheme): Promise<Page> {
  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

async function panelStates(extension: LaunchedExtension, url: string, scheme: Scheme): Promise<void> {
  const site = await pageInScheme(extension, url, scheme);
  await clickContextMenu(extension.worker, site, 'lifeline-summarize-page');
  const frame = await panel(site);
  await frameInScheme(site, frame, scheme);
  await answerEnded(frame);
  await statusIn(frame).waitFor();
  await shot(frame, `panel-summary-${scheme}`, site);
  await site.close();
}

async function rewriteStates(extension: LaunchedExtension, url: string, scheme: Scheme): Promise<void> {
  const compose = await pageInScheme(extension, url, scheme);
  await selectWordsIn(compose, 'draft', 'Please send teh report by friday, so we can looks at it');
  await clickContextMenu(extension.worker, compose, 'lifeline-rewrite-fix', { selectionText: 'Please send teh report by friday, so we can looks at it', editable: true });
  const frame = await panel(compose);
  await frameInScheme(compose, frame, scheme);
  await frame.getByRole('button', { name: 'Replace', exact: true }).waitFor({ timeout: 30_000 });
  await shot(frame, `rewrite-popover-${scheme}`, compose);
  await frame.getByRole('button', { name: 'Replace', exact: true }).click();
  await frame.getByRole('button', { name: 'Undo' }).waitFor();
  await shot(frame, `rewrite-replaced-${scheme}`, compose);
  await compose.close();
}

interface Mocks {
  summary: Awaited<ReturnType<typeof startChatMock>>;
  overloaded: Awaited<ReturnType<typeof startChatMock>>;
  rejected: Awaited<ReturnType<typeof startChatMock>>;
}

async function main(): Promise<void> {
  buildExtension();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const summary = await startChatMock({ kind: 'healthy', answer: SUMMARY, model: 'claude-sonnet' });
  const rewrite = await startChatMock({ kind: 'healthy', answer: 'Please send the report by Friday, so we can look at it', model: 'claude-sonnet' });
  const errorBody = (type: string, message: string) => ({ error: { type, message } });
  const overloaded = await startChatMock({ kind: 'status', status: 529, body: errorBody('overloaded_error', 'Overloaded') });
  const rejected = await startChatMock({ kind: 'status', status: 401, body: errorBody('invalid_api_key', 'Incorrect API key provided.') });
  const long = await startChatMock({ kind: 'healthy', answer: HOSTILE_OUTPUTS['long-answer'], model: 'gpt-4o-mini', chunkChars: 4_000 });
  const pages = await startPageServer();
  const composeSite = await serveHtml(COMPOSE);
  const extension = await launchExtension();
  try {
    // Before any provider: the settings page's welcome.
    for (const scheme of SCHEMES) {
      const options = await openOptions(extension.context, extension.extensionId);
      await options.setViewportSize({ width: 1280, height: 900 });
      await options.emulateMedia({ colorScheme: scheme });
      await options.getByRole('heading', { name: 'Welcome to Lifeline' }).waitFor();
      await shot(options, `options-welcome-${scheme}`);
      await options.close();
    }
    await seedProviders(extension.worker, [{ id: 'claude', name: 'Claude', baseURL: summary.baseURL, model: 'claude-sonnet', apiKey: 'sk-shots-1' }]);
    const site = await extension.context.newPage();
    await site.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    for (const scheme of SCHEMES) {
      await popupStates(extension, site, scheme);
      await failureStates(extension, site, scheme, { summary, overloaded, rejected });
      await longAnswerState(extension, site, scheme, long.baseURL);
      await seedProviders(extension.worker, [{ id: 'claude', name: 'Claude', baseURL: summary.baseURL, model: 'claude-sonnet', apiKey: 'sk-shots-1' }]);
      await sidePanelStates(extension, site, scheme);
      await panelStates(extension, pages.url('daringfireball-1'), scheme);
    }
    await seedProviders(extension.worker, [{ id: 'claude', name: 'Claude', baseURL: rewrite.baseURL, model: 'claude-sonnet', apiKey: 'sk-shots-1' }]);
    for (const scheme of SCHEMES) await rewriteStates(extension, composeSite.url, scheme);
    for (const scheme of SCHEMES) {
      const options = await openOptions(extension.context, extension.extensionId);
      await options.setViewportSize({ width: 1280, height: 900 });
      await options.emulateMedia({ colorScheme: scheme });
      await options.getByRole('heading', { name: 'Providers' }).waitFor();
      await shot(options, `options-${scheme}`);
      await options.close();
    }
    console.error(`Screenshots in ${OUT}`);
  } finally {
    await extension.close();
    await Promise.all([summary.close(), rewrite.close(), long.close(), overloaded.close(), rejected.close(), pages.close(), composeSite.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
