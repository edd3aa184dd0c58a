// The job port: a chat surface attaches to background jobs by id, receives their state and parts, and sends the
// user's decisions. What a surface may send is checked by jobClientMessageSchema (message-schemas.ts).
import type { JobRecord } from '../jobs/job-record';
import type { RouterStreamPart } from '../llm/types';

export type { JobClientMessage } from './message-schemas';

export const JOB_PORT_NAME = 'lifeline-job';

export type JobWorkerMessage =
  /** The job's current state: sent on attach and whenever the job starts again (a decision), before any part. */
  | { type: 'snapshot'; job: JobRecord }
  | { type: 'part'; jobId: string; part: RouterStreamPart }
  /** A decision or attach that was not taken, in plain words (the job is gone, or belongs to another tab). */
  | { type: 'refused'; jobId: string; message: string };
