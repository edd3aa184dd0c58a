// The UI side of the job port: follows one background job by id (across its runs and worker restarts), keeps a
// local copy of its state, and sends the user's decisions.
import type { JobClientMessage, JobWorkerMessage } from '../messaging/job-port';
import type { JobDecision } from './job-api';
import { applyRouterPart, createJobRecord, markInterrupted, type JobRecord } from './job-record';

export interface ClientPortLike {
  postMessage(message: JobClientMessage): void;
  onMessage: { addListener(listener: (message: JobWorkerMessage) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface JobClientOptions {
  connect: () => ClientPortLike;
  onChange: (job: JobRecord) => void;
  /** A decision (or attach) the background did not take, in plain words. */
  onRefused?: (message: string) => void;
  /** Re-attach attempts after the worker goes away before the job is shown as interrupted. */
  maxReconnects?: number;
}

export interface JobClient {
  /** Follows this job from now on (its snapshot comes first). */
  attach(jobId: string): void;
  /** Sends a decision about the followed job. */
  decide(decision: JobDecision): void;
  close(): void;
}

export function createJobClient(options: JobClientOptions): JobClient {
  const maxReconnects = options.maxReconnects ?? 3;
  let jobId: string | undefined;
  let job: JobRecord | undefined;
  let port: ClientPortLike | undefined;
  let closed = false;
  let reconnects = 0;

  const update = (next: JobRecord): void => {
    job = next;
    options.onChange(next);
  };

  const handle = (message: JobWorkerMessage): void => {
    if (message.type === 'snapshot') {
      if (message.job.id !== jobId) return;
      reconnects = 0;
      update(message.job);
    } else if (message.type === 'part') {
      if (job && message.jobId === job.id) update(applyRouterPart(job, message.part));
    } else if (message.jobId === jobId) {
      options.onRefused?.(message.message);
    }
  };

  const interrupt = (): void => {
    update(markInterrupted(job ?? createJobRecord({ id: jobId ?? 'unstarted', title: 'Answer', workerId: '', now: Date.now() })));
  };

  /** A port that follows the current job: a new one attaches first. */
  const open = (): ClientPortLike | undefined => {
    if (port) return port;
    try {
      const next = options.connect();
      next.onMessage.addListener(handle);
      next.onDisconnect.addListener(() => onDisconnect(next));
      port = next;
      if (jobId) next.postMessage({ type: 'attach', jobId });
      return next;
    } catch {
      return undefined;
    }
  };

  // The worker went away (stopped by the browser, or updated): re-attach, and say so if the job did not survive.
  const onDisconnect = (from: ClientPortLike): void => {
    if (port !== from) return;
    port = undefined;
    if (closed || !jobId || (job && job.status !== 'running')) return;
    if (reconnects >= maxReconnects) return interrupt();
    reconnects++;
    if (!open()) interrupt();
  };

  return {
    attach(next) {
      jobId = next;
      job = undefined;
      reconnects = 0;
      // An open port is told to follow this job too; a fresh one attaches as it opens.
      if (port) port.postMessage({ type: 'attach', jobId: next });
      else if (!open()) interrupt();
    },
    decide(decision) {
      if (!jobId) return;
      const target = open();
      if (!target) return interrupt();
      target.postMessage({ type: 'decide', jobId, decision });
    },
    close() {
      closed = true;
      port?.disconnect();
      port = undefined;
    },
  };
}
