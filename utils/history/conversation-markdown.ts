// Conversations as a Markdown file: each turn with who answered, and answers that did not finish marked as incomplete.
import { describeJobStatus } from '../jobs/describe-job-status';
import type { JobRecord, JobStatus } from '../jobs/job-record';
import type { AssistantMessage, Conversation, ConversationMessage, UserMessage } from './conversation';

const UNTITLED = 'Untitled page';

/** "lifeline-history-2026-11-22.md", the date as the user's clock shows it. */
export function historyFileName(date: Date): string {
  return `lifeline-history-${localDate(date)}.md`;
}

export function historyToMarkdown(conversations: readonly Conversation[], exportedAt: Date): string {
  const count = `${conversations.length} ${conversations.length === 1 ? 'conversation' : 'conversations'}`;
  const header = `# Lifeline chat history\n\nExported ${localDateTime(exportedAt)}: ${count}.\n`;
  return [header, ...conversations.map(conversationToMarkdown)].join('\n---\n\n');
}

export function conversationToMarkdown(conversation: Conversation): string {
  const started = localDateTime(new Date(conversation.createdAt));
  const updated = localDateTime(new Date(conversation.updatedAt));
  const head = [`# ${oneLine(conversation.title) || UNTITLED}`, conversation.url, `Started ${started}, last updated ${updated}.`];
  return `${[...head, ...conversation.messages.map(messageToMarkdown)].join('\n\n')}\n`;
}

const messageToMarkdown = (message: ConversationMessage): string =>
  message.role === 'user' ? questionToMarkdown(message) : answerToMarkdown(message);

function questionToMarkdown(message: UserMessage): string {
  const question = `**You:** ${message.text}`;
  return message.selection?.trim() ? `${question}\n\n${blockquote(message.selection)}` : question;
}

function answerToMarkdown(message: AssistantMessage): string {
  const { job } = message;
  const heading = `**Lifeline** (${describeJobStatus(job).replace(/\.$/, '')}):`;
  const incomplete = incompleteMark(job);
  return [heading, ...(incomplete ? [incomplete] : []), ...(job.text.trim() ? [job.text] : [])].join('\n\n');
}

/** Said before any answer that did not finish, so an export never passes part of an answer off as the whole. */
function incompleteMark(job: JobRecord): string | undefined {
  if (job.status === 'done') return undefined;
  const what = job.text.trim() ? 'this answer is incomplete' : 'there is no answer';
  return `_(${unfinishedState(job.status, job)}: ${what})_`;
}

function unfinishedState(status: Exclude<JobStatus, 'done'>, job: JobRecord): string {
  switch (status) {
    case 'error':
      return job.error?.kind === 'aborted' ? 'stopped' : 'failed';
    case 'interrupted':
      return 'interrupted';
    case 'running':
      return 'still running when exported';
    case 'needs-consent':
    case 'needs-confirm':
    case 'needs-instruction':
      return 'not sent';
  }
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const blockquote = (text: string): string =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');

const pad = (n: number): string => String(n).padStart(2, '0');

const localDate = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** "2026-11-22 14:05 (UTC+01:00)": the user's local time, with its offset so the file stays unambiguous. */
function localDateTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())} (${zone})`;
}
