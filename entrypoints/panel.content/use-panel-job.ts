// Runs one panel task: builds it from the page, starts the background job and follows it across worker restarts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { createJobClient, type ClientPortLike, type JobClient } from '@/utils/jobs/job-client';
import type { JobRecord } from '@/utils/jobs/job-record';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { sendMessage } from '@/utils/messaging/protocol';
import type { TaskOrProblem } from './panel-task';

export type PanelPhase = { phase: 'reading' } | { phase: 'job'; job: JobRecord } | { phase: 'problem'; message: string };

/** `buildTask` runs on every (re)try; it may read the page synchronously. */
export function usePanelJob(buildTask: () => TaskOrProblem) {
  const [state, setState] = useState<PanelPhase>({ phase: 'reading' });
  const clientRef = useRef<JobClient | undefined>(undefined);
  const buildRef = useRef(buildTask);
  buildRef.current = buildTask;

  /** Runs the task; `consentTo` carries the user's agreement to send page text to these providers. */
  const run = useCallback((consentTo?: string[]) => {
    setState({ phase: 'reading' });
    // Let the "Reading the page…" state paint before the synchronous extraction.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const built = buildRef.current();
        if ('problem' in built) return setState({ phase: 'problem', message: built.problem });
        clientRef.current?.start(built.task, consentTo);
      }, 0),
    );
  }, []);

  useEffect(() => {
    const client = createJobClient({
      connect: () => browser.runtime.connect({ name: JOB_PORT_NAME }) as unknown as ClientPortLike,
      onChange: (job) => setState({ phase: 'job', job }),
    });
    clientRef.current = client;
    run();
    return () => client.close();
  }, [run]);

  return {
    state,
    retry: () => run(),
    consent: (providerIds: string[]) => run(providerIds),
    stop: () => clientRef.current?.stop(),
    openSettings: () => void sendMessage('openSettings').catch(() => undefined),
  };
}
