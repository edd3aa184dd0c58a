// In-flight jobs in storage.session: survives a service-worker restart, stays out of synced or disk storage.
import { storage } from 'wxt/utils/storage';
import { createSerialQueue } from '../storage/serial-writes';
import type { JobRecord } from './job-record';

export type JobMap = Record<string, JobRecord>;

/** Older finished jobs are dropped beyond this many: storage.session holds only 10 MB. */
export const MAX_KEPT_JOBS = 20;

export const jobsItem = storage.defineItem<JobMap>('session:jobs', { fallback: {}, version: 1 });

export interface JobStore {
  get(id: string): Promise<JobRecord | undefined>;
  put(job: JobRecord): Promise<void>;
}

/** Serialises writes so that concurrent checkpoints of several jobs never overwrite each other. */
export function createJobStore(item: Pick<typeof jobsItem, 'getValue' | 'setValue'> = jobsItem): JobStore {
  const enqueue = createSerialQueue();
  return {
    get: (id) => enqueue(async () => (await item.getValue())[id]),
    put: (job) =>
      enqueue(async () => {
        const jobs = { ...(await item.getValue()), [job.id]: job };
        await item.setValue(pruneJobs(jobs));
      }),
  };
}

export function pruneJobs(jobs: JobMap, max = MAX_KEPT_JOBS): JobMap {
  const all = Object.values(jobs);
  if (all.length <= max) return jobs;
  const keep = all
    .sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running') || b.startedAt - a.startedAt)
    .slice(0, max);
  return Object.fromEntries(keep.map((job) => [job.id, job]));
}
