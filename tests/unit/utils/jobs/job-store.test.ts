import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import { createJobStore, jobsItem, MAX_KEPT_JOBS, pruneJobs, type JobMap } from '@/utils/jobs/job-store';

const job = (id: string, startedAt: number, status: JobRecord['status'] = 'done'): JobRecord => ({
  ...createJobRecord({ id, title: id, workerId: 'w', now: startedAt }),
  status,
});

describe('job store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should keep every job when many are saved at once', async () => {
    const store = createJobStore();
    await Promise.all(Array.from({ length: 10 }, (_, index) => store.put(job(`j${index}`, index))));
    expect(Object.keys(await jobsItem.getValue()).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `j${index}`).sort());
  });

  it('should give back the latest state of a job', async () => {
    const store = createJobStore();
    await store.put(job('a', 1, 'running'));
    await store.put({ ...job('a', 1), text: 'final' });
    expect(await store.get('a')).toMatchObject({ status: 'done', text: 'final' });
    expect(await store.get('missing')).toBeUndefined();
  });

  it('should drop the oldest finished jobs beyond the cap and never a running one', () => {
    const jobs: JobMap = { old: job('old', 0, 'running') };
    for (let index = 1; index <= MAX_KEPT_JOBS; index++) jobs[`j${index}`] = job(`j${index}`, index);
    const kept = pruneJobs(jobs);
    expect(Object.keys(kept)).toHaveLength(MAX_KEPT_JOBS);
    expect(kept.old).toBeDefined();
    expect(kept.j1).toBeUndefined();
    expect(kept[`j${MAX_KEPT_JOBS}`]).toBeDefined();
  });

  it('should leave a map under the cap as it is', () => {
    const jobs: JobMap = { a: job('a', 1), b: job('b', 2) };
    expect(pruneJobs(jobs)).toBe(jobs);
  });
});
