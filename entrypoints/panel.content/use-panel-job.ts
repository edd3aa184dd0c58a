// Runs one panel task: builds it from the page, starts the background job and follows it across worker restarts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { createJobClient, type ClientPortLike, type JobClient } from '@/utils/jobs/job-client';
import type { JobRecord } from '@/utils/jobs/job-record';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { sendMessage } from '@/utils/messaging/protocol';
import { withRunChoices, type RunChoices } from './panel-choices';
import type { TaskOrProblem } from './panel-task';

export type PanelPhase = { phase: 'reading' } | { phase: 'job'; job: JobRecord } | { phase: 'problem'; message: string };

/** `buildTask` runs on every (re)try; it may read the page synchronously, or asynchronously (a PDF). */
export function usePanelJob(buildTask: () => TaskOrProblem | Promise<TaskOrProblem>) {
  const [state, setState] = useState<PanelPhase>({ phase: 'reading' });
  const clientRef = useRef<JobClient | undefined>(undefined);
  const buildRef = useRef(buildTask);
  buildRef.current = buildTask;
  // Kept for every later run (Retry, consent) until the user changes them.
  const choicesRef = useRef<RunChoices>({});
  // Only the latest run may start a job: an older one still reading a PDF is dropped.
  const runRef = useRef(0);

  /** Runs the task; `consentTo` carries the user's agreement to send page text to these providers. */
  const run = useCallback((consentTo?: string[], confirmedLong?: boolean) => {
    setState({ phase: 'reading' });
    const runId = ++runRef.current;
    const startBuilt = (taskOrProblem: TaskOrProblem): void => {
      if (runId !== runRef.current) return;
      const built = withRunChoices(taskOrProblem, choicesRef.current);
      if ('problem' in built) return setState({ phase: 'problem', message: built.problem });
      // `confirmedLong`: the user agreed to summarize a page above the long-page threshold.
      clientRef.current?.start(confirmedLong && built.task.kind === 'summarize-page' ? { ...built.task, confirmedLong: true } : built.task, consentTo);
    };
    // Let the "Reading the page…" state paint before the synchronous extraction.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const built = buildRef.current();
        if (built instanceof Promise) void built.then(startBuilt);
        else startBuilt(built);
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
    /** Runs again with these choices (summary style, a provider tried first); a job still running is stopped first. */
    rerun: (choices: RunChoices) => {
      clientRef.current?.stop();
      choicesRef.current = { ...choicesRef.current, ...choices };
      run();
    },
    consent: (providerIds: string[]) => run(providerIds),
    confirmLong: () => run(undefined, true),
    stop: () => clientRef.current?.stop(),
    openSettings: () => void sendMessage('openSettings').catch(() => undefined),
  };
}
