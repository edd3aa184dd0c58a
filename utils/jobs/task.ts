// What a user asked for: the tasks a job can run, with the page text they carry.
import type { TaskCategory } from '../storage/task-chains';

export interface PageContent {
  url: string;
  title: string;
  byline?: string;
  lang?: string;
  text: string;
  /** How the text was obtained: the article found by Readability, or the page's visible text. */
  source: 'readability' | 'visible-text';
}

export type PanelTaskKind = 'summarize-page';

export type TaskRequest = { kind: 'summarize-page'; page: PageContent };

/** Which per-task provider choice a task follows. */
export function taskCategory(task: TaskRequest): TaskCategory {
  switch (task.kind) {
    case 'summarize-page':
      return 'summarize';
  }
}

export function taskTitle(task: TaskRequest): string {
  switch (task.kind) {
    case 'summarize-page':
      return `Summary of ${task.page.title || task.page.url}`;
  }
}
