// Runs tasks as background jobs: streams to subscribed surfaces, checkpoints to storage, and keeps a heartbeat. A job
// can be started again in place (a decision: consent, retry, style…): subscribers stay attached across its runs.
import type { JobWorkerMessage } from '../messaging/job-port';
import type { RouterStreamPart } from '../llm/types';
import { applyRouterPart, createJobRecord, isInterrupted, markInterrupted, type JobRecord } from './job-record';
import type { JobStore } from './job-store';
import { taskTitle, type TaskRequest } from './task';

export type JobListener = (message: JobWorkerMessage) => void;

export interface JobRunnerDeps {
  store: JobStore;
  /** Identifies this service-worker instance; jobs recorded by another instance were interrupted. */
  workerId: string;
  /** `ephemeral`: a private window's job, of which nothing may be kept. */
  route: (task: TaskRequest, signal: AbortSignal, options: { ephemeral?: boolean }) => AsyncIterable<RouterStreamPart>;
  now?: () => number;
  newId?: () => string;
  /** Streaming text is saved at most this often. */
  checkpointIntervalMs?: number;
  /** An extension API call at least this often keeps the worker alive (Chrome stops it after 30 s idle). */
  heartbeatIntervalMs?: number;
  /** Told each run's first state (running, or waiting for the user) once saved, e.g. to file it in its conversation. */
  onStarted?: (job: JobRecord) => void | Promise<void>;
  /** Told each run's final state once it has ended and been saved (e.g. to file the answer in its conversation). */
  onSettled?: (job: JobRecord) => void | Promise<void>;
}

export interface StartOptions {
  tabId?: number;
  /** Incognito tabs: never written to storage. */
  ephemeral?: boolean;
  /** An id chosen by the caller (already filed in a conversation), or the id of a job to start again in place. */
  jobId?: string;
  /** The job waits for the user before anything is sent (a custom rewrite's instruction): recorded, not routed. */
  waitFor?: 'instruction';
}

export interface JobRunner {
  start(task: TaskRequest, options: StartOptions): Promise<JobRecord>;
  /** Sends the job's current state, then its live parts, across later runs, until the returned function is called. */
  subscribe(jobId: string, listener: JobListener): Promise<() => void>;
  /** The job's state now: live, recently ended, as saved, or interrupted when its worker is gone; undefined when unknown. */
  current(jobId: string): Promise<JobRecord | undefined>;
  stop(jobId: string): void;
  stopJobsOfTab(tabId: number): void;
}

interface RunningJob {
  record: JobRecord;
  controller: AbortController;
  /** Started again before it ended: its end is not this job's end. */
  superseded: boolean;
}

/** Ended jobs kept in memory (private windows' jobs are never stored, and a decision may follow an end). */
const RECENT_LIMIT = 50;

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const checkpointIntervalMs = deps.checkpointIntervalMs ?? 1_000;
  const heartbeatIntervalMs = deps.heartbeatIntervalMs ?? 10_000;
  const running = new Map<string, RunningJob>();
  const recent = new Map<string, JobRecord>();
  const subscribers = new Map<string, Set<JobListener>>();

  const NO_STORE: JobStore = { get: async () => undefined, put: async () => undefined };

  const notify = (jobId: string, message: JobWorkerMessage): void => {
    for (const listener of subscribers.get(jobId) ?? []) listener(message);
  };

  const remember = (record: JobRecord): void => {
    recent.delete(record.id);
    recent.set(record.id, record);
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  };

  async function run(job: RunningJob, task: TaskRequest, store: JobStore, ephemeral: boolean): Promise<void> {
    let lastCheckpoint = now();
    const save = (): Promise<void> => {
      job.record = { ...job.record, heartbeatAt: now() };
      lastCheckpoint = now();
      return store.put(job.record);
    };
    const heartbeat = setInterval(() => {
      if (!job.superseded) void save();
    }, heartbeatIntervalMs);
    try {
      for await (const part of deps.route(task, job.controller.signal, ephemeral ? { ephemeral } : {})) {
        if (job.superseded) return;
        job.record = applyRouterPart(job.record, part);
        notify(job.record.id, { type: 'part', jobId: job.record.id, part });
        if (now() - lastCheckpoint >= checkpointIntervalMs) void save();
      }
    } finally {
      clearInterval(heartbeat);
      if (!job.superseded) {
        running.delete(job.record.id);
        // save() stamps the final heartbeat at once: memory, storage and the conversation get the same record.
        const saved = save();
        remember(job.record);
        await saved;
        await deps.onSettled?.(job.record);
      }
    }
  }

  /** A stored job whose worker is gone is marked interrupted (and saved so) before anyone sees it. */
  async function stored(jobId: string): Promise<JobRecord | undefined> {
    const saved = await deps.store.get(jobId);
    if (!saved || !isInterrupted(saved, deps.workerId, now())) return saved;
    const interrupted = markInterrupted(saved);
    await deps.store.put(interrupted);
    await deps.onSettled?.(interrupted);
    return interrupted;
  }

  const current = async (jobId: string): Promise<JobRecord | undefined> => running.get(jobId)?.record ?? recent.get(jobId) ?? (await stored(jobId));

  return {
    async start(task, options) {
      const { ephemeral, jobId, waitFor, ...placement } = options;
      const store = ephemeral ? NO_STORE : deps.store;
      const id = jobId ?? newId();
      const previous = running.get(id);
      if (previous) {
        previous.superseded = true;
        previous.controller.abort();
      }
      const fresh = createJobRecord({ id, title: taskTitle(task), workerId: deps.workerId, now: now(), ...placement });
      const record: JobRecord = waitFor === 'instruction' ? { ...fresh, status: 'needs-instruction' } : fresh;
      // The first write is queued before any checkpoint; routing need not wait for it.
      const saved = store.put(record);
      notify(id, { type: 'snapshot', job: record });
      if (waitFor) {
        running.delete(id);
        remember(record);
      } else {
        const job: RunningJob = { record, controller: new AbortController(), superseded: false };
        running.set(id, job);
        void run(job, task, store, ephemeral === true);
      }
      await saved;
      await deps.onStarted?.(record);
      return record;
    },

    async subscribe(jobId, listener) {
      const listeners = subscribers.get(jobId) ?? new Set<JobListener>();
      subscribers.set(jobId, listeners);
      const unsubscribe = (): void => {
        listeners.delete(listener);
        if (listeners.size === 0 && subscribers.get(jobId) === listeners) subscribers.delete(jobId);
      };
      // The snapshot goes out before the listener joins, in the same turn: no part can arrive ahead of it.
      const known = running.get(jobId)?.record ?? recent.get(jobId);
      if (known) {
        listener({ type: 'snapshot', job: known });
        listeners.add(listener);
        return unsubscribe;
      }
      // A job this browser session never saw is reported as interrupted rather than left silent.
      const saved = (await stored(jobId)) ?? markInterrupted(createJobRecord({ id: jobId, title: 'Earlier answer', workerId: '', now: now() }));
      listener({ type: 'snapshot', job: running.get(jobId)?.record ?? saved });
      listeners.add(listener);
      return unsubscribe;
    },

    current,

    stop(jobId) {
      running.get(jobId)?.controller.abort();
    },

    stopJobsOfTab(tabId) {
      for (const job of running.values()) if (job.record.tabId === tabId) job.controller.abort();
    },
  };
}
