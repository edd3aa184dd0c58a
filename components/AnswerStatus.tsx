// The one quiet status line under every answer: who answered, what failed before, or what we wait for.
import type { JobRecord } from '@/utils/jobs/job-record';
import { describeJobStatus } from '@/utils/jobs/describe-job-status';

export function AnswerStatus({ job }: { job: JobRecord }) {
  const status = describeJobStatus(job);
  return (
    <p className={`ll-status ll-status-${status.tone}`} data-testid="answer-status">
      {status.text}
    </p>
  );
}
