// The UI side of a job port: starts or re-attaches to a background job and keeps a local copy of its state.
import type { JobClientMessage, JobWorkerMessage } from '../messaging/job-port';
import { applyRouterPart, createJobRecord, markInterrupted, type JobRecord } from './job-record';
import type { TaskRequest } from './task';

export interface ClientPortLike {
  postMessage(message: JobClientMessage): void;
  onMessage: { addListener(listener: (message: JobWorkerMessage) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface JobClientOptions {
  connect: () => ClientPortLike;
  onChange: (job: JobRecord) => void;
  /** Re-attach attempts after the worker goes away before the job is shown as interrupted. */
  maxReconnects?: number;
}

export interface JobClient {
  /** `consentTo`: providers the user just agreed to send page text to. */
  start(task: TaskRequest, consentTo?: string[]): void;
  attach(jobId: string): void;
  stop(): void;
  close(): void;
}

export function createJobClient(options: JobClientOptions): JobClient {
  const maxReconnects = options.maxReconnects ?? 3;
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
      reconnects = 0;
      update(message.job);
    } else if (job && message.jobId === job.id) {
      update(applyRouterPart(job, message.part));
    }
  };

  const interrupt = (): void => {
    update(markInterrupted(job ?? createJobRecord({ id: 'unstarted', title: 'Answer', workerId: '', now: Date.now() })));
  };

  const open = (): ClientPortLike | undefined => {
    try {
      const next = options.connect();
      next.onMessage.addListener(handle);
      next.onDisconnect.addListener(() => onDisconnect(next));
      port = next;
      return next;
    } catch {
      return undefined;
    }
  };

  // The worker went away (stopped by the browser, or updated): re-attach, and say so if the job did not survive.
  const onDisconnect = (from: ClientPortLike): void => {
    if (port !== from) return;
    port = undefined;
    if (closed || (job && job.status !== 'running')) return;
    if (!job || reconnects >= maxReconnects) return interrupt();
    reconnects++;
    const jobId = job.id;
    const next = open();
    if (!next) return interrupt();
    next.postMessage({ type: 'attach', jobId });
  };

  const send = (message: JobClientMessage): void => {
    const target = port ?? open();
    if (!target) return interrupt();
    target.postMessage(message);
  };

  return {
    start(task, consentTo) {
      job = undefined;
      reconnects = 0;
      send({ type: 'start', task, ...(consentTo ? { consentTo } : {}) });
    },
    attach(jobId) {
      send({ type: 'attach', jobId });
    },
    stop() {
      if (job) send({ type: 'stop', jobId: job.id });
    },
    close() {
      closed = true;
      port?.disconnect();
      port = undefined;
    },
  };
}
