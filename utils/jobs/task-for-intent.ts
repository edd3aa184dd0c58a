// From what the user asked (an intent) and what the tab reader found, the task a job runs, or why it cannot run.
import type { ConversationMessage } from '../history/conversation';
import type { ChatMessage } from '../llm/types';
import type { PageSnapshot } from '../page/page-snapshot';
import { MAX_REWRITE_CHARS, rewriteStyleLabel } from '../prompts/rewrite-selection';
import type { JobChoices, JobIntent, JobProblem } from './job-api';
import type { TaskRequest } from './task';

export type IntentRefusal = { ok: false; problem: JobProblem; message: string };

export const refuse = (problem: JobProblem, message: string): IntentRefusal => ({ ok: false, problem, message });

/** What an intent is called in the conversation ("Summarize this page", the question itself, …). */
export function intentLabel(intent: JobIntent, uiLanguage: string): string {
  switch (intent.kind) {
    case 'ask':
      return intent.question;
    case 'summarize-page':
      return 'Summarize this page';
    case 'summarize-selection':
      return 'Summarize the selection';
    case 'rewrite-selection':
      return intent.style === 'custom'
        ? `Rewrite the selection: ${intent.instruction ?? 'your instruction'}`
        : `Rewrite the selection: ${rewriteStyleLabel(intent.style, uiLanguage)}`;
  }
}

/** Whether the intent needs the page's text (the selection is always read). */
export const needsPage = (intent: JobIntent): boolean => intent.kind === 'summarize-page' || (intent.kind === 'ask' && intent.includePage);

/** A custom rewrite asked from the menu: the selection is read now, the instruction comes next. */
export const waitsForInstruction = (intent: JobIntent): boolean => intent.kind === 'rewrite-selection' && intent.style === 'custom' && !intent.instruction?.trim();

/** Earlier turns as the model sees them: each question with its complete answer; unanswered turns are left out. */
export function earlierTurns(messages: readonly ConversationMessage[]): ChatMessage[] {
  const turns: ChatMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role !== 'user') return;
    const answer = messages[index + 1];
    if (answer?.role !== 'assistant' || answer.job.status !== 'done' || !answer.job.text) return;
    turns.push({ role: 'user', content: message.text }, { role: 'assistant', content: answer.job.text });
  });
  return turns;
}

/** The task for one intent, or why it cannot run (nothing is sent then). */
export function taskForIntent(intent: JobIntent, snapshot: PageSnapshot, earlier: ChatMessage[], choices: JobChoices, uiLanguage: string): TaskRequest | IntentRefusal {
  const prefer = choices.preferProviderId ? { preferProviderId: choices.preferProviderId } : {};
  const style = choices.summaryStyle ? { summaryStyle: choices.summaryStyle } : {};
  const selection = snapshot.selection.text;
  switch (intent.kind) {
    case 'summarize-page':
      if (!snapshot.page) return refuse('no-text', snapshot.pageProblem ?? 'This page has no readable text to summarize.');
      return { kind: 'summarize-page', page: snapshot.page, ...style, ...prefer };
    case 'summarize-selection':
      if (!selection.trim()) return refuse('no-selection', 'Select some text on the page first, then try again.');
      return { kind: 'summarize-selection', page: snapshot.info, selection, ...style, ...prefer };
    case 'rewrite-selection':
      if (!selection.trim()) return refuse('no-selection', 'Select the text to rewrite on the page first, then try again.');
      if (selection.length > MAX_REWRITE_CHARS) {
        return refuse(
          'too-long',
          `The selection is too long to rewrite (${selection.length.toLocaleString('en')} characters; at most ${MAX_REWRITE_CHARS.toLocaleString('en')}). Select a shorter part.`,
        );
      }
      return {
        kind: 'rewrite-selection',
        page: snapshot.info,
        selection,
        style: intent.style,
        ...(intent.style === 'custom' && intent.instruction ? { instruction: intent.instruction } : {}),
        ...(intent.style === 'translate' ? { targetLanguage: uiLanguage } : {}),
        ...prefer,
      };
    case 'ask': {
      if (!intent.question.trim()) return refuse('empty', 'Type a question first.');
      if (intent.includePage && !snapshot.page) {
        return refuse('no-text', `${snapshot.pageProblem ?? 'This page has no readable text.'} Turn off "Include the page" to ask anyway.`);
      }
      if (intent.includeSelection && !selection.trim()) {
        return refuse('no-selection', 'Nothing is selected on the page. Select some text, or turn off "Include the selection".');
      }
      return {
        kind: 'chat',
        page: snapshot.info,
        ...(intent.includePage && snapshot.page ? { pageContent: snapshot.page } : {}),
        ...(intent.includeSelection ? { selection } : {}),
        messages: [...earlier, { role: 'user', content: intent.question }],
        ...prefer,
      };
    }
  }
}

/** What a decision changes in a task before it runs again. */
export interface TaskChange {
  /** Present (even undefined): the provider tried first, or none. */
  preferProviderId?: string | undefined;
  confirmedLong?: true;
  summaryStyle?: JobChoices['summaryStyle'];
  instruction?: string;
}

/** The task with a decision's change applied; changes that do not fit the task's kind are ignored. */
export function changeTask(task: TaskRequest, change: TaskChange): TaskRequest {
  let next: TaskRequest = { ...task };
  if ('preferProviderId' in change) {
    const { preferProviderId: _dropped, ...rest } = next;
    next = (change.preferProviderId ? { ...rest, preferProviderId: change.preferProviderId } : rest) as TaskRequest;
  }
  if (next.kind === 'summarize-page' && change.confirmedLong) next = { ...next, confirmedLong: true };
  if ((next.kind === 'summarize-page' || next.kind === 'summarize-selection') && change.summaryStyle) next = { ...next, summaryStyle: change.summaryStyle };
  if (next.kind === 'rewrite-selection' && next.style === 'custom' && change.instruction) next = { ...next, instruction: change.instruction };
  return next;
}
