// Asks before a long page is summarized (the status line says how many tokens and parts); nothing has been sent yet.
import type { JobRecord } from '@/utils/jobs/job-record';

interface LongPageConfirmProps {
  job: JobRecord;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The question as the panel asks it, e.g. "This page is long: about 120,000 tokens in 8 parts. Summarize it anyway?" */
export function longPageQuestion(confirm: { estimatedTokens: number; parts: number }): string {
  const parts = `${confirm.parts} ${confirm.parts === 1 ? 'part' : 'parts'}`;
  return `This page is long: about ${confirm.estimatedTokens.toLocaleString('en-US')} tokens in ${parts}. Summarize it anyway?`;
}

export function LongPageConfirm({ job, onConfirm, onCancel }: LongPageConfirmProps) {
  if (job.status !== 'needs-confirm' || !job.confirmLong) return null;
  return (
    <div role="group" aria-label={longPageQuestion(job.confirmLong)} className="ll-long-page-confirm" data-testid="long-page-confirm">
      <button type="button" className="ll-button" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className="ll-button primary" onClick={onConfirm}>
        Summarize all
      </button>
    </div>
  );
}
