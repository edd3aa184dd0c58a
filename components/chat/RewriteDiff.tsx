// A rewrite shown against the words it replaces: removed words struck through, new words marked, the rest as it was.
// A diff is quadratic at worst: past a size or a few milliseconds (hostile or huge output) the rewrite shows as it is.
import { useMemo } from 'react';
import { diffWords } from 'diff';
import { PlainAnswer } from '@/components/AnswerMarkdown';

const MAX_DIFF_CHARS = 20_000;
const MAX_DIFF_MS = 50;

export function RewriteDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(
    () => (before.length + after.length > MAX_DIFF_CHARS ? undefined : diffWords(before, after, { timeout: MAX_DIFF_MS })),
    [before, after],
  );
  if (!parts)
    return (
      <div className="ll-diff ll-answer-plain" data-testid="rewrite-diff">
        <PlainAnswer text={after} />
      </div>
    );
  return (
    <p className="ll-diff" data-testid="rewrite-diff">
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index}>{part.value}</ins>
        ) : part.removed ? (
          <del key={index}>{part.value}</del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </p>
  );
}
