// The footer every settings section ends with: a status line announced politely, and a problem announced at once.
import type { ReactNode } from 'react';

interface SectionStatusProps {
  /** Always rendered, even empty: a live region must exist before its text changes to be announced. */
  status: ReactNode;
  problem: string;
  /** For controls that name the problem in their aria-describedby. */
  problemId?: string;
  /** A boxed problem (the sections whose forms show their errors that way), else red text. */
  boxed?: boolean;
}

export function SectionStatus({ status, problem, problemId, boxed = false }: SectionStatusProps) {
  return (
    <>
      <p role="status" className="status">
        {status}
      </p>
      {problem ? (
        <p id={problemId} role="alert" className={boxed ? 'form-error' : 'problem'}>
          {problem}
        </p>
      ) : null}
    </>
  );
}
