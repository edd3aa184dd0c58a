// End to end: the fixed shells of the chat surfaces. With a long conversation (20 messages) the header and the message
// box stay inside the popup, the side panel and the in-page panel; the status of the last answer is in view when it
// ends; nothing overflows sideways; the axe audit (colour contrast included) is clean in light and dark.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePageUrl } from '../../utils/history/normalize-page-url';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { seriousViolations } from './support/axe';
import { ask, closePopup, findSidePanel, openPopup } from './support/chat-surfaces';
import { answerEnded, clickContextMenu, closePanel, panel, statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const ANSWER = 'A steady answer.\n\n## What the page says\n\n- one point\n- another point\n\n| column | value |\n|---|---|\n| a | 1 |';
const LONG = 'Twenty messages make a conversation much taller than any surface. '.repeat(6);

/** Files a conversation of `pairs` questions and complete answers for `url`, as the job API would have. */
async function seedConversation(extension: LaunchedExtension, url: string, title: string, pairs: number): Promise<void> {
  await extension.worker.evaluate(
    async ({ address, pageKey, name, count, text }) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
      const now = Date.now();
      const messages = Array.from({ length: count }).flatMap((_, index) => [
        { id: `q${index}`, role: 'user', createdAt: now + index, text: `Question ${index + 1}`, action: { kind: 'ask', question: `Question ${index + 1}`, includePage: false, includeSelection: false } },
        {
          id: `a${index}`,
          role: 'assistant',
          createdAt: now + index,
          job: {
            id: `seeded-${index}`,
            title: 'Chat',
            status: 'done',
            text,
            failures: [],
            answeredBy: { id: 'layout', name: 'Layout model', model: 'layout-model' },
            finishReason: 'stop',
            usage: {},
            workerId: 'seeded',
            startedAt: now,
            heartbeatAt: now,
          },
        },
      ]);
      await chrome.storage.local.set({
        conversations: { seeded: { id: 'seeded', pageKey, url: address, title: name, createdAt: now, updatedAt: now, messages } },
        conversations$: { v: 1 },
      });
    },
    { address: url, pageKey: normalizePageUrl(url), name: title, count: pairs, text: LONG },
  );
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (box: Box | null, view: { width: number; height: number }): boolean =>
  box !== null && box.x >= -0.5 && box.y >= -0.5 && box.x + box.width <= view.width + 0.5 && box.y + box.height <= view.height + 0.5;

/** The surface's own viewport, and whether its document scrolls sideways. */
async function viewOf(surface: Page | Frame): Promise<{ width: number; height: number; sideways: boolean }> {
  return surface.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.clientHeight,
    sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth || document.body.scrollWidth > document.body.clientWidth,
  }));
}

/** The header, the message box and the last answer's status: boxes in the surface's own coordinates. */
async function shellBoxes(surface: Page | Frame): Promise<{ header: Box | null; composer: Box | null; status: Box | null }> {
  return surface.evaluate(() => {
    const box = (element: Element | null): Box | null => {
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    return {
      header: box(document.querySelector('.ll-chat-header')),
      composer: box(document.querySelector('textarea[aria-label="Message"]')),
      status: box(document.querySelector('[data-testid="answer-status"]')),
    };
  });
}

async function expectFixedShell(surface: Page | Frame): Promise<void> {
  const view = await viewOf(surface);
  const boxes = await shellBoxes(surface);
  expect(inside(boxes.header, view)).toBe(true);
  expect(inside(boxes.composer, view)).toBe(true);
  expect(inside(boxes.status, view)).toBe(true);
  expect(view.sideways).toBe(false);
}

describe('Fixed shells of the chat surfaces', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let page: Page;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: ANSWER, model: 'layout-model' });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'layout', name: 'Layout model', baseURL: provider.baseURL, model: 'layout-model', apiKey: 'sk-e2e-layout-0001' }]);
    page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    await seedConversation(extension, page.url(), 'Daring Fireball: Colophon', 10);
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), pages?.close()]);
  });

  it.each(['light', 'dark'] as const)('should keep the popup at its one size with its header, status and message box in view (%s)', async (colorScheme) => {
    const popup = await openPopup(extension, page);
    await popup.emulateMedia({ colorScheme });
    const sizeBefore = await viewOf(popup);
    await ask(popup, `How does it look in ${colorScheme}?`);
    await answerEnded(popup);

    await expectFixedShell(popup);
    expect(await viewOf(popup)).toEqual(sizeBefore);
    expect(await seriousViolations(popup)).toEqual([]);
    await closePopup(popup);
  });

  it.each(['light', 'dark'] as const)('should keep the side panel shell in view after a long conversation (%s)', async (colorScheme) => {
    const popup = await openPopup(extension, page);
    await popup.getByRole('button', { name: 'Side panel' }).click();
    const sidePanel = await findSidePanel(extension);
    await sidePanel.setViewportSize({ width: 360, height: 700 });
    await sidePanel.emulateMedia({ colorScheme });
    await ask(sidePanel, `And in the side panel, ${colorScheme}?`);
    await answerEnded(sidePanel);

    await expectFixedShell(sidePanel);
    expect(await seriousViolations(sidePanel)).toEqual([]);
    await sidePanel.close();
  });

  it.each(['light', 'dark'] as const)('should keep the in-page panel shell in view, its status included, at its one size (%s)', async (colorScheme) => {
    await page.bringToFront();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme });
    await clickContextMenu(extension.worker, page, 'lifeline-summarize-page');
    const frame = await panel(page);
    const hostBefore = await page.locator('lifeline-panel').boundingBox();
    await answerEnded(frame);

    await expectFixedShell(frame);
    expect(await statusIn(frame).textContent()).toContain('Answered by Layout model');
    expect(await page.locator('lifeline-panel').boundingBox()).toEqual(hostBefore);
    expect(await seriousViolations(frame)).toEqual([]);
    await closePanel(page);
  });
});
