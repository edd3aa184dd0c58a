// The status chip: who answered and what failed in a few words, always in view, with the full story one click away.
import { useId, useState } from 'react';
import type { JobRecord } from '@/utils/jobs/job-record';
import { jobStatusChip, type StatusChipModel } from '@/utils/jobs/job-status-chip';
import './status-chip.css';

/**
 * The story stays in the document while folded (hidden), so the disclosure controls an element that exists and the chip's
 * text holds every sentence. A question for the user (consent, a long page) starts unfolded: the decision needs its words.
 */
interface StatusChipProps {
  status: StatusChipModel;
  /** The chip in view for the surface's current answer is `answer-status`; chips of earlier answers in the log are not. */
  testId?: string;
  /** Earlier answers' chips are history: they do not announce. */
  live?: boolean;
}

export function StatusChip({ status, testId = 'answer-status', live = true }: StatusChipProps) {
  const storyId = useId();
  const [unfolded, setUnfolded] = useState<boolean | undefined>(undefined);
  const [first] = status.story;
  const more = status.story.length > 1 || (first !== undefined && first !== status.label);
  const open = more && (unfolded ?? status.tone === 'waiting');

  return (
    <div className={`ll-chip-status ll-chip-${status.tone}`} data-testid={testId} data-tone={status.tone}>
      <div className="ll-chip">
        <span className="ll-chip-label" role={live ? 'status' : undefined} aria-live={live ? 'polite' : undefined} aria-atomic={live || undefined} aria-label={status.label}>
          {status.icon === 'error' && <ErrorIcon />}
          <span className="ll-chip-text">{status.label}</span>
        </span>
        {more && (
          <button
            type="button"
            className="ll-chip-toggle"
            aria-label="Details"
            title="Details"
            aria-expanded={open}
            aria-controls={storyId}
            onClick={() => setUnfolded(!open)}
          >
            <ChevronIcon />
          </button>
        )}
      </div>
      {more && (
        <ul className="ll-chip-story" id={storyId} hidden={!open}>
          {status.story.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The chip of one job: docked in a surface's footer for its last answer, under each earlier answer in the log. */
export function JobStatusChip({ job, ...props }: Omit<StatusChipProps, 'status'> & { job: JobRecord }) {
  return <StatusChip status={jobStatusChip(job)} {...props} />;
}

function ErrorIcon() {
  return (
    <svg className="ll-chip-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 4v5" stroke="var(--ll-chip-bg)" strokeWidth="2" strokeLinecap="round" />
      <circle cx="8" cy="11.75" r="1.1" fill="var(--ll-chip-bg)" />
    </svg>
  );
}

function ChevronIcon() {
  return (
    <svg className="ll-chip-chevron" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
