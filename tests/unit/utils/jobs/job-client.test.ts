import { describe, expect, it } from 'vitest';
import { createJobClient, type ClientPortLike } from '@/utils/jobs/job-client';
import { createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import type { JobClientMessage, JobWorkerMessage } from '@/utils/messaging/job-port';

class FakePort implements ClientPortLike {
  sent: JobClientMessage[] = [];
  disconnected = false;
  private messageListeners: ((message: JobWorkerMessage) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (listener: (message: JobWorkerMessage) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  postMessage(message: JobClientMessage): void {
    this.sent.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  deliver(message: JobWorkerMessage): void {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The worker went away (stopped or updated). */
  dropConnection(): void {
    for (const listener of this.disconnectListeners) listener();
  }
}

const job = (overrides: Partial<JobRecord> = {}): JobRecord => ({ ...createJobRecord({ id: 'job-1', title: 'S', workerId: 'w', now: 1 }), ...overrides });

function setup(options: { maxReconnects?: number } = {}) {
  const ports: FakePort[] = [];
  const states: JobRecord[] = [];
  const refusals: string[] = [];
  const client = createJobClient({
    connect: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    onChange: (next) => states.push(next),
    onRefused: (message) => refusals.push(message),
    ...options,
  });
  return { client, ports, states, refusals };
}

describe('createJobClient', () => {
  it('should attach to a job and fold its parts into the local state', () => {
    const { client, ports, states } = setup();

    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job() });
    ports[0]!.deliver({ type: 'part', jobId: 'job-1', part: { type: 'text-delta', text: 'Hi' } });

    expect(ports).toHaveLength(1);
    expect(ports[0]!.sent).toEqual([{ type: 'attach', jobId: 'job-1' }]);
    expect(states.map((state) => state.text)).toEqual(['', 'Hi']);
  });

  it('should send a decision about the job it follows', () => {
    const { client, ports } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ status: 'needs-consent' }) });

    client.decide({ kind: 'consent', providerIds: ['p1'] });

    expect(ports[0]!.sent).toEqual([
      { type: 'attach', jobId: 'job-1' },
      { type: 'decide', jobId: 'job-1', decision: { kind: 'consent', providerIds: ['p1'] } },
    ]);
  });

  it('should send no decision before it follows a job', () => {
    const { client, ports } = setup();

    client.decide({ kind: 'stop' });

    expect(ports).toEqual([]);
  });

  it('should follow another job on the same port, ignoring what still comes of the one before', () => {
    const { client, ports, states } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ text: 'First' }) });

    client.attach('job-2');
    ports[0]!.deliver({ type: 'part', jobId: 'job-1', part: { type: 'text-delta', text: ' late' } });
    ports[0]!.deliver({ type: 'snapshot', job: job({ text: 'First late' }) });
    ports[0]!.deliver({ type: 'snapshot', job: job({ id: 'job-2', text: 'Second' }) });

    expect(ports).toHaveLength(1);
    expect(ports[0]!.sent).toEqual([
      { type: 'attach', jobId: 'job-1' },
      { type: 'attach', jobId: 'job-2' },
    ]);
    expect(states.map((state) => `${state.id}: ${state.text}`)).toEqual(['job-1: First', 'job-2: Second']);
  });

  it('should take the fresh snapshot of a job started again in place, replacing the old answer', () => {
    const { client, ports, states } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ status: 'error', text: 'Broken' }) });

    client.decide({ kind: 'retry' });
    ports[0]!.deliver({ type: 'snapshot', job: job({ status: 'running', text: '' }) });
    ports[0]!.deliver({ type: 'part', jobId: 'job-1', part: { type: 'text-delta', text: 'Better' } });

    expect(states.at(-1)).toMatchObject({ status: 'running', text: 'Better' });
  });

  it("should pass on a refusal about the job it follows, and only that job's", () => {
    const { client, ports, refusals } = setup();
    client.attach('job-1');

    ports[0]!.deliver({ type: 'refused', jobId: 'job-1', message: 'This answer belongs to another tab.' });
    ports[0]!.deliver({ type: 'refused', jobId: 'job-0', message: 'Old news.' });

    expect(refusals).toEqual(['This answer belongs to another tab.']);
  });

  it('should re-attach to the job when the worker goes away mid-answer', () => {
    const { client, ports, states } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ text: 'Half' }) });

    ports[0]!.dropConnection();
    ports[1]!.deliver({ type: 'snapshot', job: job({ text: 'Half', status: 'interrupted' }) });

    expect(ports[1]!.sent).toEqual([{ type: 'attach', jobId: 'job-1' }]);
    expect(states.at(-1)?.status).toBe('interrupted');
  });

  it('should replace, not append, the text when a fresh snapshot arrives', () => {
    const { client, ports, states } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ text: 'Half' }) });

    ports[0]!.dropConnection();
    ports[1]!.deliver({ type: 'snapshot', job: job({ text: 'Half and more' }) });

    expect(states.at(-1)?.text).toBe('Half and more');
  });

  it('should not reconnect for a job that is no longer running, but attach again before its next decision', () => {
    const { client, ports } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ status: 'needs-confirm' }) });
    ports[0]!.dropConnection();
    const portsAfterDrop = ports.length;

    client.decide({ kind: 'read-whole-page' });

    expect(portsAfterDrop).toBe(1);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent).toEqual([
      { type: 'attach', jobId: 'job-1' },
      { type: 'decide', jobId: 'job-1', decision: { kind: 'read-whole-page' } },
    ]);
  });

  it('should show the interrupted state when the worker cannot be reached again', () => {
    const states: JobRecord[] = [];
    let connects = 0;
    const first = new FakePort();
    const client = createJobClient({
      connect: () => {
        if (connects++ > 0) throw new Error('Extension context invalidated.');
        return first;
      },
      onChange: (next) => states.push(next),
    });
    client.attach('job-1');
    first.deliver({ type: 'snapshot', job: job({ text: 'Half' }) });

    first.dropConnection();

    expect(states.at(-1)).toMatchObject({ status: 'interrupted', text: 'Half' });
  });

  it('should give up and show the job interrupted after too many reconnects that bring no snapshot', () => {
    const { client, ports, states } = setup({ maxReconnects: 2 });
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job({ text: 'Half' }) });

    ports[0]!.dropConnection();
    ports[1]!.dropConnection();
    ports[2]!.dropConnection();

    expect(ports).toHaveLength(3);
    expect(states.at(-1)).toMatchObject({ status: 'interrupted', text: 'Half' });
  });

  it('should not reconnect once the surface closed', () => {
    const { client, ports } = setup();
    client.attach('job-1');
    ports[0]!.deliver({ type: 'snapshot', job: job() });

    client.close();
    ports[0]!.dropConnection();

    expect(ports[0]!.disconnected).toBe(true);
    expect(ports).toHaveLength(1);
  });
});
