// Runs tasks as background jobs: streams to attached surfaces, checkpoints to storage, and keeps a heartbeat.
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
  /** Told each job's final state once it has ended and been saved (e.g. to file the answer in its conversation). */
  onSettled?: (job: JobRecord) => void | Promise<void>;
}

interface RunningJob {
  record: JobRecord;
  controller: AbortController;
  listeners: Set<JobListener>;
}

export interface JobRunner {
  /** `ephemeral` jobs (incognito tabs) are never written to storage. `jobId`: an id chosen by the caller (e.g. already filed in a conversation). */
  start(task: TaskRequest, options: { tabId?: number; ephemeral?: boolean; jobId?: string }, listener: JobListener): Promise<string>;
  /** Sends the job's snapshot, then its live parts while it runs. Returns the unsubscribe function. */
  attach(jobId: string, listener: JobListener): Promise<() => void>;
  /** The job's state now: live, as saved, or interrupted when its worker is gone; undefined when unknown. */
  current(jobId: string): Promise<JobRecord | undefined>;
  stop(jobId: string): void;
  stopJobsOfTab(tabId: number): void;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const checkpointIntervalMs = deps.checkpointIntervalMs ?? 1_000;
  const heartbeatIntervalMs = deps.heartbeatIntervalMs ?? 10_000;
  const running = new Map<string, RunningJob>();

  const NO_STORE: JobStore = { get: async () => undefined, put: async () => undefined };

  async function run(job: RunningJob, task: TaskRequest, store: JobStore, ephemeral: boolean): Promise<void> {
    let lastCheckpoint = now();
    const save = (): Promise<void> => {
      job.record = { ...job.record, heartbeatAt: now() };
      lastCheckpoint = now();
      return store.put(job.record);
    };
    const heartbeat = setInterval(() => void save(), heartbeatIntervalMs);
    try {
      for await (const part of deps.route(task, job.controller.signal, ephemeral ? { ephemeral } : {})) {
        job.record = applyRouterPart(job.record, part);
        for (const listener of job.listeners) listener({ type: 'part', jobId: job.record.id, part });
        if (now() - lastCheckpoint >= checkpointIntervalMs) void save();
      }
    } finally {
      clearInterval(heartbeat);
      running.delete(job.record.id);
      await save();
      await deps.onSettled?.(job.record);
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

  return {
    async start(task, options, listener) {
      const { ephemeral, jobId, ...placement } = options;
      const store = ephemeral ? NO_STORE : deps.store;
      const record = createJobRecord({ id: jobId ?? newId(), title: taskTitle(task), workerId: deps.workerId, now: now(), ...placement });
      const job: RunningJob = { record, controller: new AbortController(), listeners: new Set([listener]) };
      running.set(record.id, job);
      // The first write is queued before any checkpoint; routing need not wait for it.
      const saved = store.put(record);
      listener({ type: 'snapshot', job: record });
      void run(job, task, store, ephemeral === true);
      await saved;
      return record.id;
    },

    async attach(jobId, listener) {
      const live = running.get(jobId);
      if (live) {
        live.listeners.add(listener);
        listener({ type: 'snapshot', job: live.record });
        return () => live.listeners.delete(listener);
      }
      // A job this browser session never saw is reported as interrupted rather than left silent.
      const job = (await stored(jobId)) ?? markInterrupted(createJobRecord({ id: jobId, title: 'Earlier answer', workerId: '', now: now() }));
      listener({ type: 'snapshot', job });
      return () => undefined;
    },

    async current(jobId) {
      return running.get(jobId)?.record ?? (await stored(jobId));
    },

    stop(jobId) {
      running.get(jobId)?.controller.abort();
    },

    stopJobsOfTab(tabId) {
      for (const job of running.values()) if (job.record.tabId === tabId) job.controller.abort();
    },
  };
}
