// Builders for conversations, messages and jobs in the history tests.
import type { AssistantMessage, Conversation, UserMessage } from '@/utils/history/conversation';
import type { JobRecord } from '@/utils/jobs/job-record';

export const label = { id: 'claude', name: 'Claude', model: 'sonnet' };

export function job(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    title: 'A page',
    status: 'done',
    text: `Answer of ${id}.`,
    answeredBy: label,
    failures: [],
    workerId: 'w1',
    startedAt: 1,
    heartbeatAt: 1,
    ...overrides,
  };
}

export function question(id: string, text: string, overrides: Partial<UserMessage> = {}): UserMessage {
  return {
    id,
    role: 'user',
    createdAt: 1,
    text,
    action: { kind: 'ask', question: text, includePage: true, includeSelection: false },
    ...overrides,
  };
}

export function answer(id: string, record: JobRecord): AssistantMessage {
  return { id, role: 'assistant', createdAt: 2, job: record };
}

/** A conversation with one question and its answer (job id `job-<id>`), updated at `updatedAt`. */
export function conversation(id: string, updatedAt: number, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    pageKey: `https://example.com/${id}`,
    url: `https://example.com/${id}`,
    title: `Page ${id}`,
    createdAt: updatedAt,
    updatedAt,
    messages: [question(`${id}-q`, `Question about ${id}`), answer(`${id}-a`, job(`job-${id}`))],
    ...overrides,
  };
}
