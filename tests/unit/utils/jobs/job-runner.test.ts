import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRunner } from '@/utils/jobs/job-runner';
import { createJobStore, jobsItem } from '@/utils/jobs/job-store';
import type { TaskRequest } from '@/utils/jobs/task';
import type { JobWorkerMessage } from '@/utils/messaging/job-port';
import type { RouterStreamPart } from '@/utils/llm/types';

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
