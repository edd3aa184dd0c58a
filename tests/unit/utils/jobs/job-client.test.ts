import { describe, expect, it } from 'vitest';
import { createJobClient, type ClientPortLike } from '@/utils/jobs/job-client';
import { createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import type { JobClientMessage, JobWorkerMessage } from '@/utils/messaging/job-port';

class FakePort implements ClientPortLike {
  sent: JobClientMessage[] = [];
  private messageListeners: ((message: JobWorkerMessage) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (listener: (message: JobWorkerMessage) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  postMessage(message: JobClientMessage): void {
    this.sent.push(message);
  }
  disconnect(): void {}
  deliver(message: JobWorkerMessage): void {
    for (const listener of this.messageListeners) listener(message);
  }
  dropConnection(): void {
    for (const listener of this.disconnectListeners) listener();
  }
}

const task = { kind: 'summarize-page' as const, page: { url: 'https://e.com', title: 'E', text: 'T', source: 'readability' as const } };
const running = (text = ''): JobRecord => ({ ...createJobRecord({ id: 'job-1', title: 'S', workerId: 'w', now: 1 }), text });

function setup() {
  const ports: FakePort[] = [];
  const states: JobRecord[] = [];
  const client = createJobClient({
    connect: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    onChange: (job) => states.push(job),
  });
  return { client, ports, states };
}

describe('createJobClient', () => {
  it('should start a job and fold its parts into the local state', () => {
    const { client, ports, states } = setup();

    client.start(task);
    ports[0]!.deliver({ type: 'snapshot', job: running() });
    ports[0]!.deliver({ type: 'part', jobId: 'job-1', part: { type: 'text-delta', text: 'Hi' } });

    expect(ports[0]!.sent).toEqual([{ type: 'start', task }]);
    expect(states.at(-1)?.text).toBe('Hi');
  });

  it('should re-attach to the job when the worker goes away mid-answer', () => {
    const { client, ports, states } = setup();
    client.start(task);
    ports[0]!.deliver({ type: 'snapshot', job: running('Half') });

    ports[0]!.dropConnection();
    ports[1]!.deliver({ type: 'snapshot', job: { ...running('Half'), status: 'interrupted' } });

    expect(ports[1]!.sent).toEqual([{ type: 'attach', jobId: 'job-1' }]);
    expect(states.at(-1)?.status).toBe('interrupted');
  });

  it('should replace, not append, the text when a fresh snapshot arrives', () => {
    const { client, ports, states } = setup();
    client.start(task);
    ports[0]!.deliver({ type: 'snapshot', job: running('Half') });

    ports[0]!.dropConnection();
    ports[1]!.deliver({ type: 'snapshot', job: running('Half and more') });

    expect(states.at(-1)?.text).toBe('Half and more');
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
      onChange: (job) => states.push(job),
    });
    client.start(task);
    first.deliver({ type: 'snapshot', job: running('Half') });

    first.dropConnection();

    expect(states.at(-1)).toMatchObject({ status: 'interrupted', text: 'Half' });
  });

  it('should not reconnect once the surface closed', () => {
    const { client, ports } = setup();
    client.start(task);
    ports[0]!.deliver({ type: 'snapshot', job: running() });

    client.close();
    ports[0]!.dropConnection();

    expect(ports).toHaveLength(1);
  });
});
