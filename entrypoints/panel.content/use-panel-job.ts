// Runs one panel task: reads the page, starts the background job and follows it across worker restarts.
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { createJobClient, type ClientPortLike, type JobClient } from '@/utils/jobs/job-client';
import type { JobRecord } from '@/utils/jobs/job-record';
import type { PanelTaskKind, TaskRequest } from '@/utils/jobs/task';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { sendMessage } from '@/utils/messaging/protocol';
import { extractReadableText } from '@/utils/page/extract-readable-text';

export type PanelPhase = { phase: 'reading' } | { phase: 'job'; job: JobRecord } | { phase: 'empty-page' };

function buildTask(kind: PanelTaskKind): TaskRequest | undefined {
  const page = extractReadableText(document, location.href);
  if (!page.text.trim()) return undefined;
  return { kind, page };
}

export function usePanelJob(kind: PanelTaskKind) {
  const [state, setState] = useState<PanelPhase>({ phase: 'reading' });
  const clientRef = useRef<JobClient | undefined>(undefined);

  /** Runs the task; `consentTo` carries the user's agreement to send page text to these providers. */
  const run = useCallback(
    (consentTo?: string[]) => {
      setState({ phase: 'reading' });
      // Let the "Reading the page…" state paint before the synchronous extraction.
      requestAnimationFrame(() =>
        setTimeout(() => {
          const task = buildTask(kind);
          if (!task) return setState({ phase: 'empty-page' });
          clientRef.current?.start(task, consentTo);
        }, 0),
      );
    },
    [kind],
  );

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
