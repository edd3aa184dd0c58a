// Long tasks of an extension page, measured by the browser itself: a PerformanceObserver for "longtask" installed before
// the page's first script, and a question asked in the page's chat with the wait for its answer done by cheap DOM checks
// (Playwright's role queries over a huge answer would be long tasks of their own, in the page's thread).
import type { Page } from 'playwright-core';

/** The toolbar popup's size: where the hostile answers are rendered and measured. */
export const POPUP_SIZE = { width: 420, height: 600 };

interface RecordedTask {
  start: number;
  duration: number;
}

/** Installs the recorder; call before the page navigates. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: RecordedTask[] = [];
    (window as unknown as { __longTasks: RecordedTask[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** What shows that an answer is on screen: a text in it, the note that it was cut, a number of `h2` headings. */
export interface AnswerShown {
  text?: string;
  cutNote?: boolean;
  headings?: number;
}

export interface AskMeasured {
  /** Durations of the long tasks (over 50 ms) from the question until the answer was shown, ms, in order. */
  longTasksMs: number[];
  /** From the question until the answer was shown, ms. */
  shownMs: number;
}

/** Asks `question` in the chat page and waits until the last answer has ended and is shown. */
export async function askAndMeasure(chat: Page, question: string, shown: AnswerShown, timeoutMs = 60_000): Promise<AskMeasured> {
  const box = chat.locator('textarea[aria-label="Message"]');
  await box.fill(question);
  const since = await chat.evaluate(() => performance.now());
  await box.press('Enter');
  await chat.waitForFunction(
    ({ text, cutNote, headings }) => {
      const answers = document.querySelectorAll('[data-testid="chat-log"] article[aria-label="Lifeline"]');
      const answer = answers[answers.length - 1];
      if (!answer?.querySelector('button[aria-label="Regenerate"]')) return false;
      if (text !== undefined && !answer.textContent?.includes(text)) return false;
      if (cutNote && !answer.querySelector('[data-testid="answer-cut"]')) return false;
      return headings === undefined || answer.querySelectorAll('h2').length >= headings;
    },
    shown,
    { timeout: timeoutMs, polling: 100 },
  );
  return chat.evaluate((from) => {
    const tasks = (window as unknown as { __longTasks: RecordedTask[] }).__longTasks;
    return { longTasksMs: tasks.filter((task) => task.start >= from).map((task) => Math.round(task.duration)), shownMs: performance.now() - from };
  }, since);
}
