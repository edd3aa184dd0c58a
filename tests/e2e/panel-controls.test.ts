// End to end on the built extension: move the panel (remembered), switch the summary style, retry with another provider.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../mocks/fault-server';
import { seriousViolations } from './support/axe';
import { answerEnded, clickContextMenu, expectSoon, isPanelOpen, panel, statusIn, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const promptOf = (server: FaultServer, index: number): string => JSON.stringify((server.attempts[index]?.body as { messages?: unknown })?.messages ?? []);

/** The panel's place on the page: its host element (the frame inside it fills it). */
async function panelBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('lifeline-panel').boundingBox();
  if (!box) throw new Error('The panel is not on screen');
  return box;
}

/** The focused control's name as a screen reader says it: its label, else its text. */
const focusedText = (frame: Frame): Promise<string | undefined> =>
  frame.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? undefined);

async function viewport(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => ({ width: document.documentElement.clientWidth, height: window.innerHeight }));
}

describe('Panel controls', () => {
  let extension: LaunchedExtension;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let first: FaultServer;
  let second: FaultServer;
  let page: Page;

  beforeAll(async () => {
    pages = await startPageServer();
    first = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    second = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    extension = await launchExtension();
    await seedProviders(extension.worker, [
      { id: 'first', name: 'First model', baseURL: first.url, model: 'first-model', apiKey: 'sk-first-0000' },
      { id: 'second', name: 'Second model', baseURL: second.url, model: 'second-model', apiKey: 'sk-second-1111' },
    ]);
    page = await extension.context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([first?.close(), second?.close(), pages?.close()]);
  });

  it('should move by its header, stay inside the viewport and reopen where it was put', async () => {
    const { status, frame } = await summarizeAndWait(extension.worker, page);
    expect(status).toContain('Answered by First model');
    const layoutBefore = await page.evaluate(() => document.documentElement.scrollHeight);
    const before = await panelBox(page);
    const header = frame.getByRole('heading', { name: 'Lifeline' });
    const grab = (await header.boundingBox())!;

    const from = { x: grab.x + 10, y: grab.y + grab.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 310, from.y + 150, { steps: 8 });
    await page.mouse.up();

    await expectSoon(async () => Math.abs((await panelBox(page)).x - (before.x - 310)) < 2, 'the panel to follow the pointer');
    const moved = await panelBox(page);
    expect(Math.abs(moved.x - (before.x - 310))).toBeLessThan(2);
    expect(Math.abs(moved.y - (before.y + 150))).toBeLessThan(2);

    // Dragged into the bottom-left corner, further than the panel can go: it stops at the edges.
    const again = (await header.boundingBox())!;
    const view0 = await viewport(page);
    await page.mouse.move(again.x + 10, again.y + again.height / 2);
    await page.mouse.down();
    await page.mouse.move(1, view0.height - 1, { steps: 8 });
    await page.mouse.up();
    await expectSoon(async () => (await panelBox(page)).x < 2, 'the panel to stop at the left edge');
    const edge = await panelBox(page);
    const view = await viewport(page);
    expect(edge.x).toBeGreaterThanOrEqual(0);
    expect(edge.x).toBeLessThan(2);
    expect(edge.y + edge.height).toBeLessThanOrEqual(view.height + 1);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(layoutBefore);

    // Keyboard: arrow keys on "Move panel" move it by 20 px.
    await frame.getByRole('button', { name: 'Move panel' }).focus();
    await page.keyboard.press('ArrowRight');
    await expectSoon(async () => Math.round((await panelBox(page)).x) === Math.round(edge.x + 20), 'the panel to move right');
    await page.keyboard.press('ArrowUp');
    await expectSoon(async () => Math.round((await panelBox(page)).y) === Math.round(edge.y - 20), 'the panel to move up');
    const keyed = await panelBox(page);
    expect(keyed.x).toBeCloseTo(edge.x + 20, 0);
    expect(keyed.y).toBeCloseTo(edge.y - 20, 0);

    // Escape still closes it; a panel opened on another page comes back where the user left it.
    await page.keyboard.press('Escape');
    await expectSoon(() => !isPanelOpen(page), 'Escape to close the panel');
    const other = await extension.context.newPage();
    await other.setViewportSize({ width: 1200, height: 800 });
    await other.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    await clickContextMenu(extension.worker, other, 'lifeline-summarize-page');
    await answerEnded(await panel(other));
    await expect.poll(async () => (await panelBox(other)).x, { timeout: 5_000 }).toBeCloseTo(keyed.x, 0);
    const reopened = await panelBox(other);
    expect(reopened.y).toBeCloseTo(keyed.y, 0);

    // The × button closes it too.
    await (await panel(other)).getByRole('button', { name: 'Close Lifeline panel' }).click();
    await expectSoon(() => !isPanelOpen(other), 'the × button to close the panel');
    await other.close();
  });

  it('should re-run the summary as a TL;DR when the style is switched', async () => {
    const { frame } = await summarizeAndWait(extension.worker, page);
    const group = frame.getByRole('radiogroup', { name: 'Summary style' });
    expect(await group.getByRole('radio', { name: 'Key points' }).isChecked()).toBe(true);
    const sent = first.attempts.length;

    await group.getByText('TL;DR').click();

    await expect.poll(() => first.attempts.length, { timeout: 30_000 }).toBe(sent + 1);
    expect(promptOf(first, sent)).toContain('TL;DR');
    expect(promptOf(first, sent - 1)).not.toContain('TL;DR');
    await statusIn(frame).filter({ hasText: 'Answered by First model' }).waitFor({ timeout: 30_000 });
    expect(await group.getByRole('radio', { name: 'TL;DR' }).isChecked()).toBe(true);
  });

  it('should retry with the provider picked from "Retry with…", keyboard accessible and clean for axe', async () => {
    const { frame } = await summarizeAndWait(extension.worker, page);
    const button = frame.getByRole('button', { name: 'Retry with…' });
    expect(await button.getAttribute('aria-haspopup')).toBe('menu');

    await button.focus();
    await page.keyboard.press('Enter');
    const menu = frame.getByRole('menu');
    const items = menu.getByRole('menuitem');
    await expect.poll(() => items.allInnerTexts()).toEqual(['First model (first-model)', 'Second model (second-model)']);
    expect(await focusedText(frame)).toBe('First model (first-model)');
    expect(await seriousViolations(frame)).toEqual([]);

    // Escape closes the menu (not the panel) and gives focus back to its button.
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(isPanelOpen(page)).toBe(true);
    expect(await focusedText(frame)).toBe('Retry with…');

    const secondBefore = second.attempts.length;
    await page.keyboard.press('Enter');
    await items.first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await statusIn(frame).filter({ hasText: 'Answered by Second model (second-model)' }).waitFor({ timeout: 30_000 });
    expect(second.attempts.length).toBe(secondBefore + 1);
  });
});
