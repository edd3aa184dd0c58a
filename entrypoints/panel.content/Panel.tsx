// The in-page panel: streams the answer as safe Markdown with its status line and actions.
import { useEffect, useRef, useState } from 'react';
import { AnswerStatus } from '@/components/AnswerStatus';
import { SafeMarkdown } from '@/components/SafeMarkdown';
import type { PanelTaskKind } from '@/utils/jobs/task';
import { usePanelJob } from './use-panel-job';

const HEADINGS: Record<PanelTaskKind, string> = { 'summarize-page': 'Summary of this page' };

export function Panel({ kind, onClose }: { kind: PanelTaskKind; onClose: () => void }) {
  const { state, retry, stop, consent, openSettings } = usePanelJob(kind);
  const [copied, setCopied] = useState(false);
  const panelRef = useRef<HTMLElement>(null);
  const job = state.phase === 'job' ? state.job : undefined;
  const running = state.phase === 'reading' || job?.status === 'running';
  const needsConsent = job?.status === 'needs-consent';
  // These are fixed in settings (keys, providers, the never-send list), never in the page: a page can read its panel.
  const settingsFix = job?.status === 'error' && ['locked', 'no-provider', 'site-blocked', 'not-permitted'].includes(job.error?.kind ?? '');

  useEffect(() => panelRef.current?.focus(), []);

  const copy = async (): Promise<void> => {
    if (!job) return;
    await navigator.clipboard.writeText(job.text).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <section
      ref={panelRef}
      className="ll-panel"
      role="dialog"
      aria-label="Lifeline"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="ll-panel-header">
        <h2>{HEADINGS[kind]}</h2>
        <button type="button" className="ll-icon-button" aria-label="Close Lifeline panel" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="ll-panel-body" aria-busy={running}>
        {state.phase === 'reading' && <p className="ll-status ll-status-info">Reading the page…</p>}
        {state.phase === 'empty-page' && (
          <p className="ll-status ll-status-error">This page has no readable text to summarize.</p>
        )}
        {job && job.text && (
          <div className="ll-answer" data-testid="answer">
            <SafeMarkdown text={job.text} />
          </div>
        )}
        {job && (
          <div role="status" aria-live="polite">
            <AnswerStatus job={job} />
          </div>
        )}
      </div>
      <footer className="ll-panel-actions">
        {running && (
          <button type="button" className="ll-button" onClick={stop} disabled={!job}>
            Stop
          </button>
        )}
        {needsConsent && job.consentFor && (
          <>
            <button type="button" className="ll-button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="ll-button primary" onClick={() => consent(job.consentFor!.map((entry) => entry.id))}>
              Send to {job.consentFor.length === 1 ? 'this provider' : 'these providers'}
            </button>
          </>
        )}
        {settingsFix && (
          <button type="button" className="ll-button" onClick={openSettings}>
            Open Lifeline settings
          </button>
        )}
        {job?.status === 'done' && (
          <button type="button" className="ll-button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        {!running && !needsConsent && (
          <button type="button" className="ll-button primary" onClick={retry}>
            Retry
          </button>
        )}
      </footer>
    </section>
  );
}
