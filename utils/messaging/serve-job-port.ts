// Serves one job port: identifies the surface once, then lets it follow and steer only the jobs it may see.
import * as v from 'valibot';
import type { DecisionResult, JobDecision } from '../jobs/job-api';
import type { JobRecord } from '../jobs/job-record';
import { identifyCaller, mayFollowJob, mayOpenJobPort, type SenderLike } from './access-table';
import type { JobWorkerMessage } from './job-port';
import { jobClientMessageSchema } from './message-schemas';

/** The slice of `runtime.Port` this needs, so tests can pass a fake. */
export interface JobPortLike {
  sender?: SenderLike;
  postMessage(message: JobWorkerMessage): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** What the port needs of the job API. */
export interface JobPortService {
  current(jobId: string): Promise<JobRecord | undefined>;
  /** Sends the job's snapshot, then its parts, across runs (decisions start it again) until unsubscribed. */
  attach(jobId: string, listener: (message: JobWorkerMessage) => void): Promise<() => void>;
  decide(jobId: string, decision: JobDecision): Promise<DecisionResult>;
}

export const PORT_MESSAGES = {
  otherTab: 'This answer belongs to another tab.',
  gone: 'This answer is no longer known to Lifeline. Ask again.',
} as const;

export function serveJobPort(port: JobPortLike, jobs: JobPortService, extensionId: string): void {
  const caller = identifyCaller(port.sender, extensionId);
  if (!mayOpenJobPort(caller)) {
    port.disconnect();
    return;
  }
  let connected = true;
  const subscriptions = new Map<string, () => void>();
  const send = (message: JobWorkerMessage): void => {
    if (!connected) return;
    try {
      port.postMessage(message);
    } catch {
      connected = false;
    }
  };
  port.onDisconnect.addListener(() => {
    connected = false;
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  });

  /** The job when this surface may see it; otherwise says why not and returns undefined. */
  const allowed = async (jobId: string, mustExist: boolean): Promise<JobRecord | 'unknown' | undefined> => {
    const job = await jobs.current(jobId);
    if (job && !mayFollowJob(caller, job.tabId)) return void send({ type: 'refused', jobId, message: PORT_MESSAGES.otherTab });
    if (!job && caller.role === 'panel-frame') return void send({ type: 'refused', jobId, message: PORT_MESSAGES.gone });
    if (!job && mustExist) return void send({ type: 'refused', jobId, message: PORT_MESSAGES.gone });
    return job ?? 'unknown';
  };

  port.onMessage.addListener((raw) => {
    const parsed = v.safeParse(jobClientMessageSchema, raw);
    if (!parsed.success) return;
    const message = parsed.output;
    void (async () => {
      if (!(await allowed(message.jobId, message.type === 'decide'))) return;
      if (message.type === 'attach') {
        subscriptions.get(message.jobId)?.();
        const unsubscribe = await jobs.attach(message.jobId, send);
        if (connected) subscriptions.set(message.jobId, unsubscribe);
        else unsubscribe();
        return;
      }
      const result = await jobs.decide(message.jobId, message.decision);
      if (!result.ok) send({ type: 'refused', jobId: message.jobId, message: result.message });
    })();
  });
}
