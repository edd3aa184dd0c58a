import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRunner } from '@/utils/jobs/job-runner';
import { createJobStore, jobsItem } from '@/utils/jobs/job-store';
import type { TaskRequest } from '@/utils/jobs/task';
import type { JobWorkerMessage } from '@/utils/messaging/job-port';
import type { RouterStreamPart } from '@/utils/llm/types';
import { createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import type { JobStore } from '@/utils/jobs/job-store';

const task: TaskRequest = { kind: 'summarize-page', page: { url: 'https://example.com/a', title: 'A page', text: 'Text.', source: 'readability' } };
const label = { id: 'a', name: 'A', model: 'a-model' };

/** A router stream the test releases part by part. */
function controllableRoute() {
  const queue: RouterStreamPart[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const route = async function* (_task: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (ended || signal.aborted) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  };
  return {
    route,
    push(...parts: RouterStreamPart[]) {
      queue.push(...parts);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
  };
}

const until = async (condition: () => boolean | Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(await condition()).toBe(true);
};

describe('createJobRunner', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should stream parts to the starter and store the finished answer', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, checkpointIntervalMs: 0 });
    const seen: JobWorkerMessage[] = [];

    const jobId = await runner.start(task, { tabId: 7 }, (message) => seen.push(message));
    source.push({ type: 'attempt', entry: label, attempt: 1 }, { type: 'text-delta', text: 'Hello' });
    source.push({ type: 'finish', finishReason: 'stop', usage: {}, answeredBy: label, failures: [] });
    source.end();

    await until(async () => (await jobsItem.getValue())[jobId]?.status === 'done');
    expect(seen[0]).toMatchObject({ type: 'snapshot', job: { status: 'running', tabId: 7 } });
    expect(seen.filter((m) => m.type === 'part')).toHaveLength(3);
    expect((await jobsItem.getValue())[jobId]).toMatchObject({ text: 'Hello', answeredBy: label });
  });

  it('should checkpoint streaming text so a later worker finds it', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, checkpointIntervalMs: 0 });

    const jobId = await runner.start(task, {}, () => undefined);
    source.push({ type: 'text-delta', text: 'Partial' });

    await until(async () => (await jobsItem.getValue())[jobId]?.text === 'Partial');
    expect((await jobsItem.getValue())[jobId]?.status).toBe('running');
  });

  it('should report a job of an earlier worker as interrupted on attach', async () => {
    const source = controllableRoute();
    const first = createJobRunner({ store: createJobStore(), workerId: 'old-worker', route: source.route, checkpointIntervalMs: 0 });
    const jobId = await first.start(task, {}, () => undefined);
    source.push({ type: 'text-delta', text: 'Half an ans' });
    await until(async () => (await jobsItem.getValue())[jobId]?.text === 'Half an ans');
    const second = createJobRunner({ store: createJobStore(), workerId: 'new-worker', route: controllableRoute().route });
    const seen: JobWorkerMessage[] = [];

    await second.attach(jobId, (message) => seen.push(message));

    expect(seen).toEqual([{ type: 'snapshot', job: expect.objectContaining({ id: jobId, status: 'interrupted', text: 'Half an ans' }) }]);
    expect((await jobsItem.getValue())[jobId]?.status).toBe('interrupted');
  });

  it('should send live parts to a surface that attaches mid-answer', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route });
    const jobId = await runner.start(task, {}, () => undefined);
    source.push({ type: 'text-delta', text: 'One ' });
    const seen: JobWorkerMessage[] = [];

    await until(async () => {
      seen.length = 0;
      await runner.attach(jobId, (message) => seen.push(message));
      return seen[0]?.type === 'snapshot' && seen[0].job.text === 'One ';
    });
    source.push({ type: 'text-delta', text: 'two' });

    await until(() => seen.some((m) => m.type === 'part' && m.part.type === 'text-delta' && m.part.text === 'two'));
  });

  it('should stop the jobs of a closed tab and only those', async () => {
    const signals: AbortSignal[] = [];
    const route = async function* (_task: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> {
      signals.push(signal);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route });
    await runner.start(task, { tabId: 3 }, () => undefined);
    await runner.start(task, { tabId: 4 }, () => undefined);
    await until(() => signals.length === 2);

    runner.stopJobsOfTab(3);

    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });

  it('should report an unknown job as interrupted rather than saying nothing', async () => {
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: controllableRoute().route });
    const seen: JobWorkerMessage[] = [];

    await runner.attach('missing', (message) => seen.push(message));

    expect(seen).toEqual([{ type: 'snapshot', job: expect.objectContaining({ id: 'missing', status: 'interrupted' }) }]);
  });
});

describe('createJobRunner: caller-chosen ids, settling and the current state', () => {
  beforeEach(() => fakeBrowser.reset());

  /** A job store that logs each write (status and text) in `events`. */
  function loggingStore(events: string[]): JobStore {
    const store = createJobStore();
    return {
      get: (id) => store.get(id),
      put: async (job) => {
        await store.put(job);
        events.push(`put ${job.status} "${job.text}"`);
      },
    };
  }

  /** onSettled that records each call and resolves once the first one came. */
  function settledSpy(events: string[] = []) {
    const settled: JobRecord[] = [];
    let resolve!: (job: JobRecord) => void;
    const first = new Promise<JobRecord>((done) => (resolve = done));
    return {
      settled,
      first,
      onSettled: (job: JobRecord) => {
        events.push(`settled ${job.status}`);
        settled.push(job);
        resolve(job);
      },
    };
  }

  /** A listener and a promise for the first message it gets that matches. */
  function waitFor(predicate: (message: JobWorkerMessage) => boolean) {
    let resolve!: () => void;
    const seen = new Promise<void>((done) => (resolve = done));
    return { seen, listener: (message: JobWorkerMessage) => predicate(message) && resolve() };
  }

  it('should run the job under the id its caller chose', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, newId: () => 'generated-id', onSettled: spy.onSettled });
    const seen: JobWorkerMessage[] = [];

    const jobId = await runner.start(task, { tabId: 2, jobId: 'filed-in-a-conversation' }, (message) => seen.push(message));

    expect(jobId).toBe('filed-in-a-conversation');
    expect(seen[0]).toMatchObject({ type: 'snapshot', job: { id: 'filed-in-a-conversation', tabId: 2 } });
    expect(await createJobStore().get('filed-in-a-conversation')).toMatchObject({ status: 'running', tabId: 2 });
    expect(await createJobStore().get('generated-id')).toBeUndefined();
    source.end();
    expect(await spy.first).toMatchObject({ id: 'filed-in-a-conversation' });
  });

  it('should make up an id when the caller chose none', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, newId: () => 'generated-id', onSettled: spy.onSettled });

    expect(await runner.start(task, {}, () => undefined)).toBe('generated-id');
    source.end();
    expect(await spy.first).toMatchObject({ id: 'generated-id' });
  });

  it('should tell onSettled the final record once, after saving it', async () => {
    const events: string[] = [];
    const spy = settledSpy(events);
    const source = controllableRoute();
    const store = loggingStore(events);
    const runner = createJobRunner({ store, workerId: 'w1', route: source.route, checkpointIntervalMs: 60_000, onSettled: spy.onSettled });

    const jobId = await runner.start(task, { jobId: 'j1' }, () => undefined);
    source.push({ type: 'text-delta', text: 'All ' }, { type: 'text-delta', text: 'done.' });
    source.push({ type: 'finish', finishReason: 'stop', usage: {}, answeredBy: label, failures: [] });
    source.end();
    const final = await spy.first;
    // Anything still queued behind the final save has run by now.
    await store.get(jobId);

    expect(final).toMatchObject({ id: 'j1', status: 'done', text: 'All done.', answeredBy: label });
    expect(spy.settled).toEqual([final]);
    expect(await store.get(jobId)).toEqual(final);
    expect(events).toEqual(['put running ""', 'put done "All done."', 'settled done']);
  });

  it('should tell onSettled about an ephemeral job without writing it anywhere', async () => {
    const events: string[] = [];
    const spy = settledSpy(events);
    const source = controllableRoute();
    const runner = createJobRunner({ store: loggingStore(events), workerId: 'w1', route: source.route, checkpointIntervalMs: 0, onSettled: spy.onSettled });

    await runner.start(task, { ephemeral: true, jobId: 'private' }, () => undefined);
    source.push({ type: 'text-delta', text: 'Secret.' }, { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: label, failures: [] });
    source.end();

    expect(await spy.first).toMatchObject({ id: 'private', status: 'done', text: 'Secret.' });
    expect(events).toEqual(['settled done']);
    expect(await jobsItem.getValue()).toEqual({});
  });

  it('should give the live record while the job runs and the saved one after it ended', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const store = createJobStore();
    const runner = createJobRunner({ store, workerId: 'w1', route: source.route, checkpointIntervalMs: 60_000, onSettled: spy.onSettled });
    const streamed = waitFor((message) => message.type === 'part' && message.part.type === 'text-delta');

    const jobId = await runner.start(task, { tabId: 4 }, streamed.listener);
    source.push({ type: 'text-delta', text: 'Half' });
    await streamed.seen;

    // Not checkpointed yet: only the live record has the text.
    expect(await store.get(jobId)).toMatchObject({ status: 'running', text: '' });
    expect(await runner.current(jobId)).toMatchObject({ id: jobId, status: 'running', text: 'Half', tabId: 4, workerId: 'w1' });

    source.push({ type: 'text-delta', text: ' and whole.' }, { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: label, failures: [] });
    source.end();
    await spy.first;

    const after = await runner.current(jobId);
    expect(after).toMatchObject({ status: 'done', text: 'Half and whole.' });
    expect(after).toEqual(await store.get(jobId));
    expect(spy.settled).toHaveLength(1);
  });

  it("should report another worker's running job as interrupted, save it so and tell onSettled, once", async () => {
    const spy = settledSpy();
    const store = createJobStore();
    const orphan = { ...createJobRecord({ id: 'orphan', title: 'Old', tabId: 9, workerId: 'old-worker', now: Date.now() }), text: 'Half an ans' };
    await store.put(orphan);
    const runner = createJobRunner({ store, workerId: 'new-worker', route: controllableRoute().route, onSettled: spy.onSettled });

    const current = await runner.current('orphan');

    expect(current).toEqual({ ...orphan, status: 'interrupted' });
    expect(await store.get('orphan')).toEqual(current);
    expect(spy.settled).toEqual([current]);

    expect(await runner.current('orphan')).toEqual(current);
    expect(spy.settled).toHaveLength(1);
  });

  it("should give another worker's finished job as it was saved, without telling onSettled", async () => {
    const spy = settledSpy();
    const store = createJobStore();
    const finished = { ...createJobRecord({ id: 'old-done', title: 'Old', workerId: 'old-worker', now: 1 }), status: 'done' as const, text: 'Answer.' };
    await store.put(finished);
    const runner = createJobRunner({ store, workerId: 'new-worker', route: controllableRoute().route, onSettled: spy.onSettled });

    expect(await runner.current('old-done')).toEqual(finished);
    expect(spy.settled).toEqual([]);
  });

  it('should know nothing of a job it never saw', async () => {
    const spy = settledSpy();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: controllableRoute().route, onSettled: spy.onSettled });

    expect(await runner.current('unknown')).toBeUndefined();
    expect(await jobsItem.getValue()).toEqual({});
    expect(spy.settled).toEqual([]);
  });
});

describe('createJobRunner heartbeat', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should write a heartbeat while a silent job runs, so it is not taken for interrupted', async () => {
    let clock = 1_000;
    const puts: JobRecord[] = [];
    const store: JobStore = { get: async () => undefined, put: async (job) => void puts.push(job) };
    const source = controllableRoute();
    const intervals: (() => void)[] = [];
    const realSetInterval = globalThis.setInterval;
    // The heartbeat timer is driven by hand: each tick is one interval of the runner's.
    globalThis.setInterval = ((callback: () => void) => {
      intervals.push(callback);
      return 0 as unknown as ReturnType<typeof setInterval>;
    }) as typeof setInterval;
    try {
      const runner = createJobRunner({ store, workerId: 'w1', route: source.route, now: () => clock, heartbeatIntervalMs: 10_000 });
      await runner.start(task, {}, () => undefined);
      await until(() => intervals.length === 1);
      const before = puts.length;
      clock += 10_000;
      intervals[0]!();
      clock += 10_000;
      intervals[0]!();
      await until(() => puts.length === before + 2);
      expect(puts.slice(-2).map((job) => job.heartbeatAt)).toEqual([11_000, 21_000]);
      expect(puts.at(-1)?.status).toBe('running');
      source.end();
    } finally {
      globalThis.setInterval = realSetInterval;
    }
  });
});
