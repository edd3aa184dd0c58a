import { describe, expect, it, vi } from 'vitest';
import type { JobRunner } from '@/utils/jobs/job-runner';
import { serveJobPort, type JobPortLike } from '@/utils/messaging/serve-job-port';
import { isOwnExtension, isOwnExtensionPage } from '@/utils/messaging/trusted-sender';

const EXTENSION_ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXTENSION_ID}`;

function fakePort(sender: JobPortLike['sender']) {
  const listeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const port: JobPortLike & { receive(message: unknown): void; drop(): void } = {
    sender,
    postMessage: vi.fn(),
    onMessage: { addListener: (listener) => void listeners.push(listener) },
    onDisconnect: { addListener: (listener) => void disconnectListeners.push(listener) },
    disconnect: vi.fn(),
    receive: (message) => listeners.forEach((listener) => listener(message)),
    drop: () => disconnectListeners.forEach((listener) => listener()),
  };
  return port;
}

function fakeRunner() {
  return {
    start: vi.fn<JobRunner['start']>(async () => 'job-1'),
    attach: vi.fn<JobRunner['attach']>(async () => () => undefined),
    stop: vi.fn<JobRunner['stop']>(),
    stopJobsOfTab: vi.fn<JobRunner['stopJobsOfTab']>(),
    current: vi.fn<JobRunner['current']>(),
  };
}

const task = { kind: 'summarize-page', page: { url: 'https://e.com', title: 'E', text: 'T', source: 'readability' } };

describe('serveJobPort', () => {
  it('should refuse a port opened by another extension', () => {
    const port = fakePort({ id: 'someone-else', url: 'https://e.com' });
    const runner = fakeRunner();

    serveJobPort(port, runner, EXTENSION_ID);
    port.receive({ type: 'start', task });

    expect(port.disconnect).toHaveBeenCalled();
    expect(runner.start).not.toHaveBeenCalled();
  });

  it('should start a job for the sender tab of a content script', async () => {
    const port = fakePort({ id: EXTENSION_ID, url: 'https://e.com', tab: { id: 42 } });
    const runner = fakeRunner();

    serveJobPort(port, runner, EXTENSION_ID);
    port.receive({ type: 'start', task });

    await vi.waitFor(() => expect(runner.start).toHaveBeenCalledWith(task, { tabId: 42 }, expect.any(Function)));
  });

  it('should run jobs of an incognito tab without storing them', async () => {
    const port = fakePort({ id: EXTENSION_ID, url: 'https://e.com', tab: { id: 7, incognito: true } });
    const runner = fakeRunner();

    serveJobPort(port, runner, EXTENSION_ID);
    port.receive({ type: 'start', task });

    await vi.waitFor(() => expect(runner.start).toHaveBeenCalledWith(task, { tabId: 7, ephemeral: true }, expect.any(Function)));
  });

  it('should save the consent given in the panel before the job starts', async () => {
    const port = fakePort({ id: EXTENSION_ID, url: 'https://e.com', tab: { id: 1 } });
    const runner = fakeRunner();
    const order: string[] = [];
    runner.start.mockImplementation(async () => {
      order.push('start');
      return 'job-1';
    });
    const onConsent = async (ids: string[]): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`consent ${ids.join(',')}`);
    };

    serveJobPort(port, runner, EXTENSION_ID, { onConsent });
    port.receive({ type: 'start', task, consentTo: ['p1', 'p2'] });

    await vi.waitFor(() => expect(order).toEqual(['consent p1,p2', 'start']));
  });

  it('should ignore malformed messages', () => {
    const port = fakePort({ id: EXTENSION_ID, url: 'https://e.com', tab: { id: 42 } });
    const runner = fakeRunner();

    serveJobPort(port, runner, EXTENSION_ID);
    port.receive({ type: 'start' });
    port.receive({ type: 'start', task, consentTo: 'all' });
    port.receive({ type: 'attach', jobId: 5 });
    port.receive('stop');

    expect(runner.start).not.toHaveBeenCalled();
    expect(runner.attach).not.toHaveBeenCalled();
  });

  it('should route attach and stop to the runner', () => {
    const port = fakePort({ id: EXTENSION_ID, url: `${ORIGIN}/popup.html` });
    const runner = fakeRunner();

    serveJobPort(port, runner, EXTENSION_ID);
    port.receive({ type: 'attach', jobId: 'job-1' });
    port.receive({ type: 'stop', jobId: 'job-1' });

    expect(runner.attach).toHaveBeenCalledWith('job-1', expect.any(Function));
    expect(runner.stop).toHaveBeenCalledWith('job-1');
  });

  it('should stop posting once the port is gone', async () => {
    const port = fakePort({ id: EXTENSION_ID, url: 'https://e.com', tab: { id: 1 } });
    const runner = fakeRunner();
    serveJobPort(port, runner, EXTENSION_ID);
    port.receive({ type: 'start', task });
    await vi.waitFor(() => expect(runner.start).toHaveBeenCalled());
    const send = runner.start.mock.calls[0]![2] as (message: unknown) => void;

    port.drop();
    send({ type: 'part', jobId: 'job-1', part: { type: 'text-delta', text: 'x' } });

    expect(port.postMessage).not.toHaveBeenCalled();
  });
});

describe('trusted senders', () => {
  it('should accept only this extension\'s pages for privileged messages', () => {
    expect(isOwnExtensionPage({ id: EXTENSION_ID, url: `${ORIGIN}/options.html` }, EXTENSION_ID, ORIGIN)).toBe(true);
    expect(isOwnExtensionPage({ id: EXTENSION_ID, url: 'https://evil.example/', tab: {} }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', url: `chrome-extension://other/options.html` }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isOwnExtensionPage({ id: EXTENSION_ID }, EXTENSION_ID, ORIGIN)).toBe(false);
  });

  it('should accept content scripts of this extension for job ports only', () => {
    expect(isOwnExtension({ id: EXTENSION_ID, url: 'https://e.com' }, EXTENSION_ID)).toBe(true);
    expect(isOwnExtension({ id: 'other' }, EXTENSION_ID)).toBe(false);
  });
});
