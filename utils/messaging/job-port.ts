// The streaming protocol of a job port: UI surfaces start or re-attach to background jobs and receive their parts.
import type { RouterStreamPart } from '../llm/types';
import type { JobRecord } from '../jobs/job-record';
import type { TaskRequest } from '../jobs/task';

export const JOB_PORT_NAME = 'lifeline-job';

export type JobClientMessage =
  /** `consentTo`: the user just agreed, in the panel, to send page text to these providers. */
  | { type: 'start'; task: TaskRequest; consentTo?: string[] }
  | { type: 'attach'; jobId: string }
  | { type: 'stop'; jobId: string };

export type JobWorkerMessage =
  /** The job's current state: sent on start and on attach, before any part. */
  | { type: 'snapshot'; job: JobRecord }
  | { type: 'part'; jobId: string; part: RouterStreamPart };

export function isJobClientMessage(value: unknown): value is JobClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; jobId?: unknown; task?: unknown };
  switch (message.type) {
    case 'start': {
      const consent = (value as { consentTo?: unknown }).consentTo;
      const consentOk = consent === undefined || (Array.isArray(consent) && consent.every((id) => typeof id === 'string'));
      return typeof message.task === 'object' && message.task !== null && consentOk;
    }
    case 'attach':
    case 'stop':
      return typeof message.jobId === 'string';
    default:
      return false;
  }
}
