// Serves one job port: validates the sender and messages, starts, attaches and stops jobs.
import type { JobRunner } from '../jobs/job-runner';
import { isJobClientMessage, type JobWorkerMessage } from './job-port';
import { isOwnExtension, type SenderLike } from './trusted-sender';

/** The slice of `runtime.Port` this needs, so tests can pass a fake. */
export interface JobPortLike {
  sender?: SenderLike & { tab?: { id?: number; incognito?: boolean } };
  postMessage(message: JobWorkerMessage): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface JobPortHandlers {
  /** Records the user's agreement to send page text to these providers. */
  onConsent?: (providerIds: string[]) => Promise<void>;
}

export function serveJobPort(port: JobPortLike, runner: JobRunner, extensionId: string, handlers: JobPortHandlers = {}): void {
  if (!port.sender || !isOwnExtension(port.sender, extensionId)) {
    port.disconnect();
    return;
  }
  let connected = true;
  const unsubscribers: (() => void)[] = [];
  const send = (message: JobWorkerMessage): void => {
    if (!connected) return;
    try {
      port.postMessage(message);
    } catch {
      connected = false;
    }
  };
  port.onDisconnect.addListener(() => {
    connected = false;
    for (const unsubscribe of unsubscribers) unsubscribe();
  });
  port.onMessage.addListener((message) => {
    if (!isJobClientMessage(message)) return;
    switch (message.type) {
      case 'start': {
        const tab = port.sender?.tab;
        // Incognito answers are never written anywhere, not even to session storage.
        const options = { ...(tab?.id !== undefined ? { tabId: tab.id } : {}), ...(tab?.incognito ? { ephemeral: true } : {}) };
        // Consent is saved before the job reads it.
        const consented = message.consentTo && handlers.onConsent ? handlers.onConsent(message.consentTo) : Promise.resolve();
        void consented.then(() => runner.start(message.task, options, send));
        return;
      }
      case 'attach':
        void runner.attach(message.jobId, send).then((unsubscribe) => unsubscribers.push(unsubscribe));
        return;
      case 'stop':
        runner.stop(message.jobId);
        return;
    }
  });
}
