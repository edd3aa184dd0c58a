// End to end: model output shaped to freeze a Markdown renderer (5,000 nested list levels, deep indentation, 50,000
// "](" pairs, a 750 kB answer) streams into the chat of the built extension, and the chat stays responsive: the browser
// reports no task over 200 ms from the question until the answer is shown. Long tasks are measured in the chat page
// itself (tests/e2e/support/long-tasks.ts); `npm run bench` reports the same figures against the DESIGN budget.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerHostile, END_OF_ANSWER, longAnswerPartsWithin } from '../mocks/hostile-outputs';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { lastAnswer, openChatInTab } from './support/chat-surfaces';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { askAndMeasure, POPUP_SIZE, recordLongTasks } from './support/long-tasks';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const MAX_TASK_MS = 200;
const overBudget = (tasks: number[]): number[] => tasks.filter((duration) => duration > MAX_TASK_MS);

describe('Hostile output rendering', () => {
  let extension: LaunchedExtension;
  let provider: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let chat: Page;

  beforeAll(async () => {
    provider = await startChatMock({ kind: 'healthy', answer: answerHostile, model: 'hostile-model', chunkChars: 4_000, chunkIntervalMs: 10 });
    pages = await startPageServer();
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'hostile', name: 'Hostile', baseURL: provider.baseURL, model: 'hostile-model', apiKey: 'sk-hostile-0001' }]);
    const page = await extension.context.newPage();
    await page.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    // The chat of that tab at the popup's size, as the toolbar popup shows it.
    chat = await openChatInTab(extension, page, { size: POPUP_SIZE, beforeLoad: recordLongTasks });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([provider?.close(), pages?.close()]);
  });

  it('should show 5,000 nested list levels without a long task', async () => {
    const { longTasksMs } = await askAndMeasure(chat, 'Please answer hostile:nested-lists', { text: END_OF_ANSWER });

    expect(overBudget(longTasksMs)).toEqual([]);
    expect(await lastAnswer(chat).locator('ul').count()).toBe(0);
  });

  it('should show 300 lines nested ever deeper without a long task', async () => {
    const { longTasksMs } = await askAndMeasure(chat, 'Please answer hostile:deep-indentation', { text: END_OF_ANSWER });

    expect(overBudget(longTasksMs)).toEqual([]);
    expect(await lastAnswer(chat).getByText('level 299').count()).toBe(1);
  });

  it('should show 50,000 "](" pairs without a long task', async () => {
    const { longTasksMs } = await askAndMeasure(chat, 'Please answer hostile:link-brackets', { text: END_OF_ANSWER, cutNote: true });

    expect(overBudget(longTasksMs)).toEqual([]);
  });

  it('should show a 750 kB answer as Markdown, in part and saying so, without a long task', async () => {
    // Shown once the note is there and the Markdown goes all the way to the cut (every part that starts before 100 kB).
    const parts = longAnswerPartsWithin(100_000);
    const { longTasksMs } = await askAndMeasure(chat, 'Please answer hostile:long-answer', { cutNote: true, headings: parts });
    const answer = lastAnswer(chat);

    expect(overBudget(longTasksMs)).toEqual([]);
    expect(await answer.getByTestId('answer-cut').textContent()).toBe('A long answer (750 kB): the first 100 kB are shown. Copy copies all of it.');
    expect(await answer.getByRole('heading', { name: 'Part 0', exact: true }).count()).toBe(1);
    expect(await answer.locator('h2').count()).toBe(parts);
  });
});
