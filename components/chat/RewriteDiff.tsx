// A rewrite shown against the words it replaces: removed words struck through, new words marked, the rest as it was.
import { diffWords } from 'diff';

export function RewriteDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after);
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
