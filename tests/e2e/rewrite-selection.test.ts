// End to end on the built extension: "Improve writing" shows the rewrite next to the selection with its changes, and
// replaces it in place (or inserts it below), undoably, in three kinds of field.
import type { Frame, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { clickContextMenu, closePanel, lastAnswerIn, panel } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { serveHtml } from './support/page-server';
import { selectWordsIn } from './support/select-words';
import { seedProviders } from './support/seed-providers';

const ORIGINAL = 'Please send teh report by friday.';
const SELECTED = 'teh report';
const REWRITE = 'the final report';
const REWRITTEN = 'Please send the final report by friday.';

// A textarea, a contenteditable div, a read-only paragraph, and an input controlled like React does it: React hides the
// value behind its own setter, ignores 'input' events whose value it already knows, and re-renders from its state.
const FIXTURE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Compose</title></head><body>
<textarea id="textarea" rows="3" cols="60">${ORIGINAL}</textarea>
<div id="editable" contenteditable="true">${ORIGINAL}</div>
<input id="controlled" type="text" value="${ORIGINAL}"><p id="mirror">${ORIGINAL}</p>
<p id="readonly">The quarterly report is late because teh report template changed.</p>
<script>
  const input = document.getElementById('controlled');
  const mirror = document.getElementById('mirror');
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  let tracked = input.value;
  let state = input.value;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() { return native.get.call(this); },
    set(value) { tracked = String(value); native.set.call(this, value); },
  });
  const render = () => { mirror.textContent = state; if (input.value !== state) input.value = state; };
  input.addEventListener('input', () => {
    if (input.value === tracked) return;
    tracked = input.value;
    state = input.value;
    render();
  });
</script>
</body></html>`;

/** Runs the real context-menu listener as a right-click on the selection would, with what Chrome reports for it. */
function clickMenu(worker: Worker, page: Page, menuItemId: string, selectionText: string, editable: boolean): Promise<void> {
  return clickContextMenu(worker, page, menuItemId, { selectionText, editable });
}

const fieldText = (page: Page, id: string): Promise<string> =>
  page.evaluate((fieldId) => {
    const field = document.getElementById(fieldId)!;
    return field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement ? field.value : (field.textContent ?? '');
  }, id);

describe('Rewrite selection in place', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let site: Awaited<ReturnType<typeof serveHtml>>;
  let page: Page;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: REWRITE, model: 'rewrite-model' });
    site = await serveHtml(FIXTURE);
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'rewrite-provider', name: 'Writer', baseURL: provider.baseURL, model: 'rewrite-model', apiKey: 'sk-e2e-rewrite-0001' }]);
    page = await extension.context.newPage();
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), site?.close()]);
  });

  /** Runs "Improve writing" on SELECTED in the field and waits for the rewrite next to it. */
  async function improveIn(id: string): Promise<Frame> {
    await closePanel(page);
    await selectWordsIn(page, id, SELECTED);
    await clickMenu(extension.worker, page, 'lifeline-rewrite-improve', SELECTED, true);
    const frame = await panel(page);
    await frame.getByRole('button', { name: 'Replace', exact: true }).waitFor({ timeout: 30_000 });
    return frame;
  }

  it.each([
    { id: 'textarea', label: 'a textarea' },
    { id: 'editable', label: 'a contenteditable element' },
    { id: 'controlled', label: 'a React-style controlled input' },
  ])('should show the rewrite next to the selection in $label, replace it, undo it from the note, and undo with Control+Z', async ({ id }) => {
    const frame = await improveIn(id);
    const field = (await page.locator(`#${id}`).boundingBox())!;
    const popover = (await page.locator('lifeline-panel').boundingBox())!;
    const changes = await frame.getByTestId('rewrite-diff').innerText();

    await frame.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect.poll(() => fieldText(page, id)).toBe(REWRITTEN);
    const mirrorAfterReplace = await page.locator('#mirror').textContent();
    await expect.poll(async () => (await page.locator('lifeline-panel').boundingBox())?.height ?? 0).toBeLessThan(100);
    await frame.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => fieldText(page, id)).toBe(ORIGINAL);
    const mirrorAfterUndo = await page.locator('#mirror').textContent();
    await frame.getByRole('status').filter({ hasText: 'Original restored.' }).waitFor();
    // The page's own undo still works: a fresh rewrite replaced, then Control+Z in the field.
    const again = await improveIn(id);
    await again.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect.poll(() => fieldText(page, id)).toBe(REWRITTEN);
    await page.keyboard.press('Control+z');

    await expect.poll(() => fieldText(page, id)).toBe(ORIGINAL);
    // Next to the selected text, never over it: below the field or above it.
    expect(popover.y >= field.y + field.height || popover.y + popover.height <= field.y).toBe(true);
    expect(changes).toContain('teh');
    expect(changes).toContain('the final');
    if (id === 'controlled') {
      expect(mirrorAfterReplace).toBe(REWRITTEN);
      expect(mirrorAfterUndo).toBe(ORIGINAL);
    }
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain(`<text>\\n${SELECTED}\\n</text>`);
  });

  it('should insert the rewrite below the selection, keeping the original', async () => {
    const frame = await improveIn('textarea');

    await frame.getByRole('button', { name: 'Insert below' }).click();

    await expect.poll(() => fieldText(page, 'textarea')).toBe(`Please send ${SELECTED}\n${REWRITE} by friday.`);
    await frame.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => fieldText(page, 'textarea')).toBe(ORIGINAL);
  });

  it('should ask for the instruction before sending a custom rewrite', async () => {
    await closePanel(page);
    await selectWordsIn(page, 'textarea', SELECTED);
    const requestsBefore = provider.requests.length;

    await clickMenu(extension.worker, page, 'lifeline-rewrite-custom', SELECTED, true);
    const frame = await panel(page);
    const instruction = frame.getByRole('textbox', { name: 'Instruction' });
    await instruction.waitFor();
    const sentBeforeRewrite = provider.requests.length - requestsBefore;
    await instruction.fill('Make it sound like a pirate');
    await frame.getByRole('button', { name: 'Rewrite', exact: true }).click();
    await frame.getByRole('button', { name: 'Replace', exact: true }).waitFor({ timeout: 30_000 });

    expect(sentBeforeRewrite).toBe(0);
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain("following the user's instruction: Make it sound like a pirate");
  });

  it('should offer Copy but no Replace after summarizing a read-only selection', async () => {
    await closePanel(page);
    await selectWordsIn(page, 'readonly', SELECTED);

    await clickMenu(extension.worker, page, 'lifeline-summarize-selection', SELECTED, false);
    const frame = await panel(page);
    await lastAnswerIn(frame).getByRole('button', { name: 'Copy' }).waitFor({ timeout: 30_000 });

    expect(await frame.getByRole('button', { name: 'Replace', exact: true }).count()).toBe(0);
    const questions = frame.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'You' });
    expect(await questions.last().locator('.ll-chat-question').textContent()).toBe('Summarize the selection');
    expect(JSON.stringify(provider.requests.at(-1)?.body.messages)).toContain(`<selection>\\n${SELECTED}\\n</selection>`);
  });
});
