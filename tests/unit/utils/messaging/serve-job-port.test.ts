import { describe, expect, it, vi } from 'vitest';
import type { DecisionResult, JobDecision } from '@/utils/jobs/job-api';
import { createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import type { JobWorkerMessage } from '@/utils/messaging/job-port';
import { PORT_MESSAGES, serveJobPort, type JobPortLike, type JobPortService } from '@/utils/messaging/serve-job-port';

const EXTENSION_ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXTENSION_ID}`;
const POPUP = { id: EXTENSION_ID, url: `${ORIGIN}/popup.html` };
const PANEL_IN_TAB_1 = { id: EXTENSION_ID, url: `${ORIGIN}/panel.html?tabId=1`, tab: { id: 1 } };

function fakePort(sender: JobPortLike['sender']) {
  const listeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const posted: JobWorkerMessage[] = [];
  let disconnected = false;
  const port: JobPortLike = {
    sender,
    postMessage: (message) => void posted.push(message),
    onMessage: { addListener: (listener) => void listeners.push(listener) },
    onDisconnect: { addListener: (listener) => void disconnectListeners.push(listener) },
    disconnect: () => {
      disconnected = true;
    },
  };
  return {
    port,
    posted,
    disconnected: () => disconnected,
    receive: (message: unknown) => listeners.forEach((listener) => listener(message)),
    drop: () => disconnectListeners.forEach((listener) => listener()),
  };
}

/** The job API as the port sees it: jobs by id, who follows them, and the decisions it was sent. */
class FakeJobs implements JobPortService {
  readonly jobs = new Map<string, JobRecord>();
  readonly listeners = new Map<string, Set<(message: JobWorkerMessage) => void>>();
  readonly decisions: Array<{ jobId: string; decision: JobDecision }> = [];
  decideResult: DecisionResult = { ok: true };

  add(id: string, tabId: number | undefined): JobRecord {
    const job = createJobRecord({ id, title: 'T', workerId: 'w', now: 1, ...(tabId !== undefined ? { tabId } : {}) });
    this.jobs.set(id, job);
    return job;
  }

  async current(jobId: string): Promise<JobRecord | undefined> {
    return this.jobs.get(jobId);
  }

  async attach(jobId: string, listener: (message: JobWorkerMessage) => void): Promise<() => void> {
    const job = this.jobs.get(jobId);
    listener({ type: 'snapshot', job: job ?? { ...createJobRecord({ id: jobId, title: 'Earlier answer', workerId: '', now: 0 }), status: 'interrupted' } });
    const set = this.listeners.get(jobId) ?? new Set();
    set.add(listener);
    this.listeners.set(jobId, set);
    return () => void set.delete(listener);
  }

  async decide(jobId: string, decision: JobDecision): Promise<DecisionResult> {
    this.decisions.push({ jobId, decision });
    return this.decideResult;
  }

  emit(jobId: string, message: JobWorkerMessage): void {
    for (const listener of this.listeners.get(jobId) ?? []) listener(message);
  }

  followers(jobId: string): number {
    return this.listeners.get(jobId)?.size ?? 0;
  }
}

const part = (text: string): JobWorkerMessage => ({ type: 'part', jobId: 'job-1', part: { type: 'text-delta', text } });

describe('serveJobPort: who may open it', () => {
  it.each([
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/popup.html' }],
    ['a content script', { id: EXTENSION_ID, url: 'https://e.com', tab: { id: 42 } }],
    ['the options page', { id: EXTENSION_ID, url: `${ORIGIN}/options.html` }],
    ['a sender without an address', { id: EXTENSION_ID }],
  ])('should close a port opened by %s and act on nothing it sends', async (_name, sender) => {
    const { port, receive, disconnected, posted } = fakePort(sender);
    const jobs = new FakeJobs();
    jobs.add('job-1', 42);

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'stop' } });
    await Promise.resolve();

    expect(disconnected()).toBe(true);
    expect(jobs.followers('job-1')).toBe(0);
    expect(jobs.decisions).toEqual([]);
    expect(posted).toEqual([]);
  });
});

describe('serveJobPort: following and steering jobs', () => {
  it('should attach a chat page to any job and pass on its snapshot and parts', async () => {
    const { port, receive, posted } = fakePort(POPUP);
    const jobs = new FakeJobs();
    const job = jobs.add('job-1', 7);

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });
    await vi.waitFor(() => expect(jobs.followers('job-1')).toBe(1));
    jobs.emit('job-1', part('Hi'));

    expect(posted).toEqual([{ type: 'snapshot', job }, part('Hi')]);
  });

  it("should let a chat page decide about any tab's job, and pass on the job API's refusal", async () => {
    const { port, receive, posted } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);
    jobs.decideResult = { ok: false, message: 'This answer is not waiting for that any more.' };

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'read-whole-page' } });

    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(jobs.decisions).toEqual([{ jobId: 'job-1', decision: { kind: 'read-whole-page' } }]);
    expect(posted).toEqual([{ type: 'refused', jobId: 'job-1', message: 'This answer is not waiting for that any more.' }]);
  });

  it("should attach a chat page to a job Lifeline no longer knows, to show it interrupted, but refuse decisions about it", async () => {
    const { port, receive, posted } = fakePort(POPUP);
    const jobs = new FakeJobs();

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'gone' });
    receive({ type: 'decide', jobId: 'gone', decision: { kind: 'retry' } });

    await vi.waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toContainEqual({ type: 'snapshot', job: expect.objectContaining({ id: 'gone', status: 'interrupted' }) });
    expect(posted).toContainEqual({ type: 'refused', jobId: 'gone', message: PORT_MESSAGES.gone });
    expect(jobs.decisions).toEqual([]);
  });

  it("should let a panel frame follow and steer its own tab's job", async () => {
    const { port, receive, posted } = fakePort(PANEL_IN_TAB_1);
    const jobs = new FakeJobs();
    jobs.add('job-1', 1);

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'consent', providerIds: ['p1'] } });

    await vi.waitFor(() => expect(jobs.decisions).toHaveLength(1));
    expect(jobs.followers('job-1')).toBe(1);
    expect(posted.map((message) => message.type)).toEqual(['snapshot']);
  });

  it("should refuse a panel frame another tab's job, attach or decision, saying so", async () => {
    const { port, receive, posted } = fakePort(PANEL_IN_TAB_1);
    const jobs = new FakeJobs();
    jobs.add('other-tab', 2);
    jobs.add('no-tab', undefined);

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'other-tab' });
    receive({ type: 'decide', jobId: 'other-tab', decision: { kind: 'stop' } });
    receive({ type: 'attach', jobId: 'no-tab' });

    await vi.waitFor(() => expect(posted).toHaveLength(3));
    expect(posted).toEqual([
      { type: 'refused', jobId: 'other-tab', message: PORT_MESSAGES.otherTab },
      { type: 'refused', jobId: 'other-tab', message: PORT_MESSAGES.otherTab },
      { type: 'refused', jobId: 'no-tab', message: PORT_MESSAGES.otherTab },
    ]);
    expect(jobs.followers('other-tab')).toBe(0);
    expect(jobs.followers('no-tab')).toBe(0);
    expect(jobs.decisions).toEqual([]);
  });

  it('should refuse a panel frame a job Lifeline does not know, rather than show it', async () => {
    const { port, receive, posted } = fakePort(PANEL_IN_TAB_1);
    const jobs = new FakeJobs();

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'unknown' });

    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted).toEqual([{ type: 'refused', jobId: 'unknown', message: PORT_MESSAGES.gone }]);
    expect(jobs.followers('unknown')).toBe(0);
  });

  it('should ignore malformed messages', async () => {
    const { port, receive, posted } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach' });
    receive({ type: 'attach', jobId: 5 });
    receive({ type: 'attach', jobId: '' });
    receive({ type: 'decide', jobId: 'job-1' });
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'delete-everything' } });
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'instruction', instruction: '   ' } });
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'consent', providerIds: 'all' } });
    receive({ type: 'start', task: {} });
    receive('stop');
    receive(null);
    // A well-formed message after them is still served: the port is not broken by the junk.
    receive({ type: 'attach', jobId: 'job-1' });

    await vi.waitFor(() => expect(jobs.followers('job-1')).toBe(1));
    expect(jobs.decisions).toEqual([]);
    expect(posted.map((message) => message.type)).toEqual(['snapshot']);
  });

  it('should pass on a decision as the schema cleaned it', async () => {
    const { port, receive } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);

    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'decide', jobId: 'job-1', decision: { kind: 'instruction', instruction: '  Make it rhyme  ', extra: true } });

    await vi.waitFor(() => expect(jobs.decisions).toHaveLength(1));
    expect(jobs.decisions[0]).toEqual({ jobId: 'job-1', decision: { kind: 'instruction', instruction: 'Make it rhyme' } });
  });
});

describe('serveJobPort: when the surface goes away', () => {
  it('should unsubscribe from every job it followed and post nothing more', async () => {
    const { port, receive, posted, drop } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);
    jobs.add('job-2', 7);
    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });
    receive({ type: 'attach', jobId: 'job-2' });
    await vi.waitFor(() => expect(jobs.followers('job-1') + jobs.followers('job-2')).toBe(2));
    const postedBefore = posted.length;

    drop();
    jobs.emit('job-1', part('late'));

    expect(jobs.followers('job-1')).toBe(0);
    expect(jobs.followers('job-2')).toBe(0);
    expect(posted).toHaveLength(postedBefore);
  });

  it('should not keep a subscription that completes after the surface went away', async () => {
    const { port, receive, drop } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);
    let release!: () => void;
    const attached = new Promise<void>((resolve) => (release = resolve));
    const attach = jobs.attach.bind(jobs);
    jobs.attach = async (jobId, listener) => {
      await attached;
      return attach(jobId, listener);
    };
    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });

    drop();
    release();

    await vi.waitFor(() => expect(jobs.listeners.has('job-1')).toBe(true));
    await vi.waitFor(() => expect(jobs.followers('job-1')).toBe(0));
  });

  it('should follow a job once when a surface attaches to it again', async () => {
    const { port, receive, posted } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);
    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });
    await vi.waitFor(() => expect(jobs.followers('job-1')).toBe(1));

    receive({ type: 'attach', jobId: 'job-1' });
    await vi.waitFor(() => expect(posted.filter((message) => message.type === 'snapshot')).toHaveLength(2));
    jobs.emit('job-1', part('once'));

    expect(jobs.followers('job-1')).toBe(1);
    expect(posted.filter((message) => message.type === 'part')).toEqual([part('once')]);
  });

  it('should stop posting to a port that can no longer take messages', async () => {
    const { port, receive } = fakePort(POPUP);
    const jobs = new FakeJobs();
    jobs.add('job-1', 7);
    let posts = 0;
    port.postMessage = () => {
      posts++;
      throw new Error('Attempting to use a disconnected port object');
    };
    serveJobPort(port, jobs, EXTENSION_ID);
    receive({ type: 'attach', jobId: 'job-1' });
    await vi.waitFor(() => expect(posts).toBe(1));

    jobs.emit('job-1', part('lost'));

    expect(posts).toBe(1);
  });
});
