import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRunner } from '@/utils/jobs/job-runner';
import { createJobStore, jobsItem } from '@/utils/jobs/job-store';
import type { TaskRequest } from '@/utils/jobs/task';
import type { JobWorkerMessage } from '@/utils/messaging/job-port';
import type { RouterStreamPart } from '@/utils/llm/types';
import { applyRouterPart, createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import type { JobStore } from '@/utils/jobs/job-store';

const task: TaskRequest = { kind: 'summarize-page', page: { url: 'https://example.com/a', title: 'A page', text: 'Text.', source: 'readability' } };
const label = { id: 'a', name: 'A', model: 'a-model' };
const finish: RouterStreamPart = { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: label, failures: [] };

/** A router stream the test releases part by part. */
function controllableRoute() {
  const queue: RouterStreamPart[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const signals: AbortSignal[] = [];
  const route = async function* (_task: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> {
    signals.push(signal);
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
    signals,
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

/** One controllable stream per run, in the order the runs start: a job started again gets the next one. */
function controllableRuns(count: number) {
  const runs = Array.from({ length: count }, () => controllableRoute());
  let started = 0;
  const route = (routed: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> => {
    const run = runs[started++];
    if (!run) throw new Error('more runs than expected');
    return run.route(routed, signal);
  };
  return { runs, route, started: () => started };
}

const until = async (condition: () => boolean | Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(await condition()).toBe(true);
};

/** A listener that keeps what it was sent. */
function listener() {
  const seen: JobWorkerMessage[] = [];
  return { seen, listen: (message: JobWorkerMessage) => void seen.push(message) };
}

/** The state a surface holds after these messages: the last snapshot with the parts after it folded in. */
function folded(seen: JobWorkerMessage[]): JobRecord | undefined {
  let job: JobRecord | undefined;
  for (const message of seen) {
    if (message.type === 'snapshot') job = message.job;
    else if (message.type === 'part' && job) job = applyRouterPart(job, message.part);
  }
  return job;
}

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

describe('createJobRunner', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should stream parts to a subscriber and store the finished answer', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, checkpointIntervalMs: 0 });
    const { seen, listen } = listener();

    const started = await runner.start(task, { tabId: 7 });
    await runner.subscribe(started.id, listen);
    source.push({ type: 'attempt', entry: label, attempt: 1 }, { type: 'text-delta', text: 'Hello' }, finish);
    source.end();

    await until(async () => (await jobsItem.getValue())[started.id]?.status === 'done');
    expect(started).toMatchObject({ status: 'running', tabId: 7, text: '' });
    expect(seen[0]).toMatchObject({ type: 'snapshot', job: { id: started.id, status: 'running', tabId: 7 } });
    expect(seen.filter((message) => message.type === 'part')).toHaveLength(3);
    expect((await jobsItem.getValue())[started.id]).toMatchObject({ text: 'Hello', answeredBy: label });
  });

  it('should checkpoint streaming text so a later worker finds it', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, checkpointIntervalMs: 0 });

    const { id } = await runner.start(task, {});
    source.push({ type: 'text-delta', text: 'Partial' });

    await until(async () => (await jobsItem.getValue())[id]?.text === 'Partial');
    expect((await jobsItem.getValue())[id]?.status).toBe('running');
  });

  it('should report a job of an earlier worker as interrupted to a subscriber', async () => {
    const source = controllableRoute();
    const first = createJobRunner({ store: createJobStore(), workerId: 'old-worker', route: source.route, checkpointIntervalMs: 0 });
    const { id } = await first.start(task, {});
    source.push({ type: 'text-delta', text: 'Half an ans' });
    await until(async () => (await jobsItem.getValue())[id]?.text === 'Half an ans');
    const second = createJobRunner({ store: createJobStore(), workerId: 'new-worker', route: controllableRoute().route });
    const { seen, listen } = listener();

    await second.subscribe(id, listen);

    expect(seen).toEqual([{ type: 'snapshot', job: expect.objectContaining({ id, status: 'interrupted', text: 'Half an ans' }) }]);
    expect((await jobsItem.getValue())[id]?.status).toBe('interrupted');
  });

  it('should send a surface that subscribes mid-answer the answer so far first, then only the parts after it', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route });
    const { id } = await runner.start(task, {});
    source.push({ type: 'text-delta', text: 'One ' });
    await until(async () => (await runner.current(id))?.text === 'One ');
    const { seen, listen } = listener();

    await runner.subscribe(id, listen);
    source.push({ type: 'text-delta', text: 'two' }, finish);
    source.end();

    await until(() => seen.some((message) => message.type === 'part' && message.part.type === 'finish'));
    expect(seen[0]).toEqual({ type: 'snapshot', job: expect.objectContaining({ text: 'One ' }) });
    expect(seen.slice(1).map((message) => message.type)).toEqual(['part', 'part']);
    expect(folded(seen)).toMatchObject({ status: 'done', text: 'One two' });
  });

  it('should send nothing more once a subscriber unsubscribed', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route });
    const { id } = await runner.start(task, {});
    const gone = listener();
    const staying = listener();
    const unsubscribe = await runner.subscribe(id, gone.listen);
    await runner.subscribe(id, staying.listen);

    unsubscribe();
    source.push({ type: 'text-delta', text: 'After.' }, finish);
    source.end();

    await until(() => staying.seen.length === 3);
    expect(gone.seen.map((message) => message.type)).toEqual(['snapshot']);
  });

  it('should stop a job by aborting its route', async () => {
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route });
    const { id } = await runner.start(task, {});
    await until(() => source.signals.length === 1);

    runner.stop(id);

    expect(source.signals[0]?.aborted).toBe(true);
  });

  it('should stop the jobs of a closed tab and only those', async () => {
    const signals: AbortSignal[] = [];
    const route = async function* (_task: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> {
      signals.push(signal);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route });
    await runner.start(task, { tabId: 3 });
    await runner.start(task, { tabId: 4 });
    await until(() => signals.length === 2);

    runner.stopJobsOfTab(3);

    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });

  it('should report an unknown job as interrupted rather than saying nothing', async () => {
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: controllableRoute().route });
    const { seen, listen } = listener();

    await runner.subscribe('missing', listen);

    expect(seen).toEqual([{ type: 'snapshot', job: expect.objectContaining({ id: 'missing', status: 'interrupted' }) }]);
  });
});

describe('createJobRunner: caller-chosen ids, settling and the current state', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should run the job under the id its caller chose', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, newId: () => 'generated-id', onSettled: spy.onSettled });

    const started = await runner.start(task, { tabId: 2, jobId: 'filed-in-a-conversation' });

    expect(started).toMatchObject({ id: 'filed-in-a-conversation', tabId: 2 });
    expect(await createJobStore().get('filed-in-a-conversation')).toMatchObject({ status: 'running', tabId: 2 });
    expect(await createJobStore().get('generated-id')).toBeUndefined();
    source.end();
    expect(await spy.first).toMatchObject({ id: 'filed-in-a-conversation' });
  });

  it('should make up an id when the caller chose none', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: source.route, newId: () => 'generated-id', onSettled: spy.onSettled });

    const started = await runner.start(task, {});

    expect(started.id).toBe('generated-id');
    source.end();
    expect(await spy.first).toMatchObject({ id: 'generated-id' });
  });

  it('should tell onStarted the first state once saved, and onSettled the final record once, after saving it', async () => {
    const events: string[] = [];
    const spy = settledSpy(events);
    const source = controllableRoute();
    const store = loggingStore(events);
    const runner = createJobRunner({
      store,
      workerId: 'w1',
      route: source.route,
      checkpointIntervalMs: 60_000,
      onStarted: (job) => void events.push(`started ${job.status}`),
      onSettled: spy.onSettled,
    });

    const { id } = await runner.start(task, { jobId: 'j1' });
    source.push({ type: 'text-delta', text: 'All ' }, { type: 'text-delta', text: 'done.' }, finish);
    source.end();
    const final = await spy.first;
    // Anything still queued behind the final save has run by now.
    await store.get(id);

    expect(final).toMatchObject({ id: 'j1', status: 'done', text: 'All done.', answeredBy: label });
    expect(spy.settled).toEqual([final]);
    expect(await store.get(id)).toEqual(final);
    expect(events).toEqual(['put running ""', 'started running', 'put done "All done."', 'settled done']);
  });

  it('should tell onSettled about an ephemeral job without writing it anywhere, and still know it once ended', async () => {
    const events: string[] = [];
    const spy = settledSpy(events);
    const source = controllableRoute();
    const runner = createJobRunner({ store: loggingStore(events), workerId: 'w1', route: source.route, checkpointIntervalMs: 0, onSettled: spy.onSettled });

    await runner.start(task, { ephemeral: true, jobId: 'private' });
    source.push({ type: 'text-delta', text: 'Secret.' }, finish);
    source.end();
    const final = await spy.first;

    expect(final).toMatchObject({ id: 'private', status: 'done', text: 'Secret.' });
    expect(events).toEqual(['settled done']);
    expect(await jobsItem.getValue()).toEqual({});
    expect(await runner.current('private')).toMatchObject({ id: 'private', status: 'done', text: 'Secret.' });
  });

  it('should give the live record while the job runs and the ended one after', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const store = createJobStore();
    // A clock that moves on every reading: each save stamps a new heartbeat.
    let clock = 1_000;
    const runner = createJobRunner({ store, workerId: 'w1', route: source.route, checkpointIntervalMs: 60_000, now: () => ++clock, onSettled: spy.onSettled });
    const { id } = await runner.start(task, { tabId: 4 });
    const { seen, listen } = listener();
    await runner.subscribe(id, listen);

    source.push({ type: 'text-delta', text: 'Half' });
    await until(() => seen.some((message) => message.type === 'part'));

    // Not checkpointed yet: only the live record has the text.
    expect(await store.get(id)).toMatchObject({ status: 'running', text: '' });
    expect(await runner.current(id)).toMatchObject({ id, status: 'running', text: 'Half', tabId: 4, workerId: 'w1' });

    source.push({ type: 'text-delta', text: ' and whole.' }, finish);
    source.end();
    await spy.first;

    const after = await runner.current(id);
    expect(after).toMatchObject({ status: 'done', text: 'Half and whole.' });
    // One end state: what current() gives is what was saved and what onSettled filed in the conversation.
    expect(spy.settled).toHaveLength(1);
    expect(after).toEqual(spy.settled[0]);
    expect(after).toEqual(await store.get(id));
  });

  it('should still know a recently ended job when the store has dropped it', async () => {
    const spy = settledSpy();
    const source = controllableRoute();
    const forgetful: JobStore = { get: async () => undefined, put: async () => undefined };
    const runner = createJobRunner({ store: forgetful, workerId: 'w1', route: source.route, onSettled: spy.onSettled });

    const { id } = await runner.start(task, { tabId: 4 });
    source.push({ type: 'consent-required', entries: [label], sends: 'page' });
    source.end();
    await spy.first;

    expect(await runner.current(id)).toMatchObject({ id, status: 'needs-consent', consentFor: [label] });
  });

  it("should report another worker's running job as interrupted, save it so and tell onSettled, once", async () => {
    const spy = settledSpy();
    const store = createJobStore();
    const orphan = { ...createJobRecord({ id: 'orphan', title: 'Old', tabId: 9, workerId: 'old-worker', now: Date.now() }), text: 'Half an ans' };
    await store.put(orphan);
    const runner = createJobRunner({ store, workerId: 'new-worker', route: controllableRoute().route, onSettled: spy.onSettled });

    const current = await runner.current('orphan');
    const again = await runner.current('orphan');

    expect(current).toEqual({ ...orphan, status: 'interrupted' });
    expect(await store.get('orphan')).toEqual(current);
    expect(again).toEqual(current);
    expect(spy.settled).toEqual([current]);
  });

  it("should give another worker's finished job as it was saved, without telling onSettled", async () => {
    const spy = settledSpy();
    const store = createJobStore();
    const finished = { ...createJobRecord({ id: 'old-done', title: 'Old', workerId: 'old-worker', now: 1 }), status: 'done' as const, text: 'Answer.' };
    await store.put(finished);
    const runner = createJobRunner({ store, workerId: 'new-worker', route: controllableRoute().route, onSettled: spy.onSettled });

    const current = await runner.current('old-done');

    expect(current).toEqual(finished);
    expect(spy.settled).toEqual([]);
  });

  it('should know nothing of a job it never saw', async () => {
    const spy = settledSpy();
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: controllableRoute().route, onSettled: spy.onSettled });

    const current = await runner.current('unknown');

    expect(current).toBeUndefined();
    expect(await jobsItem.getValue()).toEqual({});
    expect(spy.settled).toEqual([]);
  });
});

describe('createJobRunner: a job waiting for an instruction', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should record it as waiting, send nothing, and tell onStarted', async () => {
    const routed: TaskRequest[] = [];
    const route = async function* (routedTask: TaskRequest): AsyncGenerator<RouterStreamPart> {
      routed.push(routedTask);
    };
    const started: JobRecord[] = [];
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route, onStarted: (job) => void started.push(job) });
    const { seen, listen } = listener();

    const record = await runner.start(task, { tabId: 2, jobId: 'custom', waitFor: 'instruction' });
    await runner.subscribe('custom', listen);

    expect(record).toMatchObject({ id: 'custom', status: 'needs-instruction', tabId: 2 });
    expect(routed).toEqual([]);
    expect(started).toEqual([record]);
    expect(await createJobStore().get('custom')).toEqual(record);
    expect(await runner.current('custom')).toEqual(record);
    expect(seen).toEqual([{ type: 'snapshot', job: record }]);
  });

  it("should keep a private window's waiting job in memory only", async () => {
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route: controllableRoute().route });

    await runner.start(task, { jobId: 'custom', ephemeral: true, waitFor: 'instruction' });

    expect(await jobsItem.getValue()).toEqual({});
    expect(await runner.current('custom')).toMatchObject({ status: 'needs-instruction' });
  });
});

describe('createJobRunner: a job started again in place', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should send its subscribers a fresh snapshot, then the new run\'s parts', async () => {
    const { runs, route } = controllableRuns(2);
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route });
    await runner.start(task, { jobId: 'j', tabId: 1 });
    const { seen, listen } = listener();
    await runner.subscribe('j', listen);
    runs[0]!.push({ type: 'consent-required', entries: [label], sends: 'page' });
    runs[0]!.end();
    await until(async () => (await runner.current('j'))?.status === 'needs-consent');

    await runner.start({ ...task, preferProviderId: 'a' }, { jobId: 'j', tabId: 1 });
    runs[1]!.push({ type: 'text-delta', text: 'Fresh.' }, finish);
    runs[1]!.end();

    await until(async () => (await runner.current('j'))?.status === 'done');
    const snapshots = seen.filter((message) => message.type === 'snapshot');
    expect(snapshots).toEqual([
      { type: 'snapshot', job: expect.objectContaining({ status: 'running' }) },
      { type: 'snapshot', job: expect.objectContaining({ id: 'j', status: 'running', text: '', tabId: 1 }) },
    ]);
    expect(folded(seen)).toMatchObject({ status: 'done', text: 'Fresh.' });
    expect(folded(seen)).not.toHaveProperty('consentFor');
  });

  it("should stop the run it replaces, whose end then neither overwrites the new run's state nor counts as the job's end", async () => {
    const { runs, route } = controllableRuns(2);
    const spy = settledSpy();
    const store = createJobStore();
    const runner = createJobRunner({ store, workerId: 'w1', route, checkpointIntervalMs: 0, onSettled: spy.onSettled });
    await runner.start(task, { jobId: 'j' });
    const { seen, listen } = listener();
    await runner.subscribe('j', listen);
    runs[0]!.push({ type: 'text-delta', text: 'Old ' });
    await until(async () => (await runner.current('j'))?.text === 'Old ');

    await runner.start(task, { jobId: 'j' });
    // The replaced run still delivers what it had, then ends.
    runs[0]!.push({ type: 'text-delta', text: 'stale' }, finish);
    runs[0]!.end();
    runs[1]!.push({ type: 'text-delta', text: 'New' });
    await until(async () => (await runner.current('j'))?.text === 'New');

    expect(runs[0]!.signals[0]?.aborted).toBe(true);
    expect(spy.settled).toEqual([]);
    expect(await runner.current('j')).toMatchObject({ status: 'running', text: 'New' });
    expect(await store.get('j')).toMatchObject({ status: 'running' });
    expect(seen.some((message) => message.type === 'part' && message.part.type === 'text-delta' && message.part.text === 'stale')).toBe(false);

    runs[1]!.push(finish);
    runs[1]!.end();
    const final = await spy.first;

    expect(final).toMatchObject({ status: 'done', text: 'New' });
    expect(spy.settled).toHaveLength(1);
    expect(await store.get('j')).toEqual(final);
  });

  it('should run a job that waited for an instruction once it is started again', async () => {
    const { runs, route, started } = controllableRuns(1);
    const runner = createJobRunner({ store: createJobStore(), workerId: 'w1', route });
    await runner.start(task, { jobId: 'custom', waitFor: 'instruction' });
    const { seen, listen } = listener();
    await runner.subscribe('custom', listen);

    await runner.start(task, { jobId: 'custom' });
    runs[0]!.push({ type: 'text-delta', text: 'Rewritten.' }, finish);
    runs[0]!.end();

    await until(async () => (await runner.current('custom'))?.status === 'done');
    expect(started()).toBe(1);
    expect(seen.filter((message) => message.type === 'snapshot').map((message) => message.type === 'snapshot' && message.job.status)).toEqual(['needs-instruction', 'running']);
    expect(folded(seen)).toMatchObject({ status: 'done', text: 'Rewritten.' });
  });
});

describe('createJobRunner heartbeat', () => {
  beforeEach(() => fakeBrowser.reset());

  /** Runs `work` with setInterval driven by hand: each call of a collected callback is one interval of the runner's. */
  async function withManualIntervals(work: (intervals: (() => void)[]) => Promise<void>): Promise<void> {
    const intervals: (() => void)[] = [];
    const realSetInterval = globalThis.setInterval;
    globalThis.setInterval = ((callback: () => void) => {
      intervals.push(callback);
      return 0 as unknown as ReturnType<typeof setInterval>;
    }) as typeof setInterval;
    try {
      await work(intervals);
    } finally {
      globalThis.setInterval = realSetInterval;
    }
  }

  it('should write a heartbeat while a silent job runs, so it is not taken for interrupted', async () => {
    let clock = 1_000;
    const puts: JobRecord[] = [];
    const store: JobStore = { get: async () => undefined, put: async (job) => void puts.push(job) };
    const source = controllableRoute();

    await withManualIntervals(async (intervals) => {
      const runner = createJobRunner({ store, workerId: 'w1', route: source.route, now: () => clock, heartbeatIntervalMs: 10_000 });
      await runner.start(task, {});
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
    });
  });
});
