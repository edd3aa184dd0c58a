// A job's state as every surface sees it, and the pure reducer that folds router parts into it.
import type { LlmError } from '../llm/errors';
import type { EntryFailure, EntryLabel, FinishReason, RouterStreamPart, TokenUsage } from '../llm/types';

/** `needs-…`: nothing was sent; the job waits for the user's decision (consent, a long page, a custom instruction). */
export type JobStatus = 'running' | 'done' | 'error' | 'interrupted' | 'needs-consent' | 'needs-confirm' | 'needs-instruction';

export interface JobRecord {
  id: string;
  title: string;
  tabId?: number;
  status: JobStatus;
  /** The answer so far; replaced, never appended to, when an entry fails mid-answer. */
  text: string;
  trying?: EntryLabel;
  answeredBy?: EntryLabel;
  failures: EntryFailure[];
  /** Why partial text was discarded, shown until the new answer completes. */
  restartedBecause?: EntryFailure;
  finishReason?: FinishReason;
  usage?: TokenUsage;
  /** The answer is a kept summary made at this time (answeredBy.tier 'cache'). */
  cachedAt?: number;
  /** No provider is set up: surfaces invite the user to add one. */
  noProviderConfigured?: boolean;
  error?: LlmError;
  /** Set when the user must agree to send page text to these providers before anything is sent. */
  consentFor?: EntryLabel[];
  /** What would be sent: the whole page's text, or only the selection. */
  consentSends?: 'page' | 'selection';
  /** Set when the page is long and the user must confirm before anything is sent. */
  confirmLong?: { estimatedTokens: number; parts: number };
  /** A long page read in parts: the part being read now. */
  progress?: { part: number; of: number };
  /** A long page read in parts: how many parts, and the share of the page's text they carried. */
  coverage?: { parts: number; fraction: number; complete: boolean };
  /** The service-worker instance that runs the job; another instance means the job was cut short. */
  workerId: string;
  startedAt: number;
  heartbeatAt: number;
}

export function createJobRecord(init: { id: string; title: string; tabId?: number; workerId: string; now: number }): JobRecord {
  return {
    id: init.id,
    title: init.title,
    ...(init.tabId !== undefined ? { tabId: init.tabId } : {}),
    status: 'running',
    text: '',
    failures: [],
    workerId: init.workerId,
    startedAt: init.now,
    heartbeatAt: init.now,
  };
}

export function applyRouterPart(job: JobRecord, part: RouterStreamPart): JobRecord {
  switch (part.type) {
    case 'attempt':
      return { ...job, trying: part.entry };
    case 'text-delta':
      return { ...job, text: job.text + part.text };
    case 'restart':
      return { ...job, text: '', restartedBecause: part.failure };
    case 'finish':
      return {
        ...job,
        status: 'done',
        answeredBy: part.answeredBy,
        failures: part.failures,
        finishReason: part.finishReason,
        usage: part.usage,
        ...(part.cachedAt !== undefined ? { cachedAt: part.cachedAt } : {}),
        ...(part.noProviderConfigured ? { noProviderConfigured: true } : {}),
      };
    case 'error':
      return { ...job, status: 'error', error: part.error, failures: part.failures };
    case 'consent-required':
      return { ...job, status: 'needs-consent', consentFor: part.entries, consentSends: part.sends };
    case 'confirm-required':
      return { ...job, status: 'needs-confirm', confirmLong: { estimatedTokens: part.estimatedTokens, parts: part.parts } };
    case 'progress':
      return { ...job, progress: { part: part.part, of: part.of } };
    case 'coverage':
      return { ...job, coverage: { parts: part.parts, fraction: part.fraction, complete: part.complete } };
  }
}

/** A job that claims to run but whose worker is gone (another instance) or silent for too long. */
export const HEARTBEAT_STALE_MS = 45_000;

export function isInterrupted(job: JobRecord, currentWorkerId: string, now: number): boolean {
  return job.status === 'running' && (job.workerId !== currentWorkerId || now - job.heartbeatAt > HEARTBEAT_STALE_MS);
}

export function markInterrupted(job: JobRecord): JobRecord {
  return { ...job, status: 'interrupted' };
}
