// "Replace" puts a complete rewrite into the field the user selected in; "Restore original" puts their text back.
import { useState } from 'react';
import type { EditableTarget } from '@/utils/page/selection';
import { replaceSelection, type ReplaceResult } from '@/utils/page/replace-selection';

interface ReplaceActionsProps {
  target: EditableTarget;
  original: string;
  /** The rewrite to insert; undefined while it streams, after an error or when it was cut off. */
  answer: string | undefined;
}

const FAILED: Record<Extract<ReplaceResult, { ok: false }>['reason'], string> = {
  gone: 'The field is no longer on the page. Copy the answer instead.',
  changed: 'The text in the field changed since you selected it, so Lifeline left it alone. Copy the answer instead.',
};

export function ReplaceActions({ target, original, answer }: ReplaceActionsProps) {
  const [current, setCurrent] = useState<EditableTarget>(target);
  const [inserted, setInserted] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState('');

  const put = (text: string, done: string): boolean => {
    const result = replaceSelection(current, text);
    if (!result.ok) {
      setMessage(FAILED[result.reason]);
      return false;
    }
    setCurrent(result.target);
    setMessage(done);
    return true;
  };

  return (
    <>
      <span className="ll-replace-message" role="status" aria-live="polite">
        {message}
      </span>
      {inserted !== undefined && (
        <button
          type="button"
          className="ll-button"
          onClick={() => {
            if (put(original, 'Original restored.')) setInserted(undefined);
          }}
        >
          Restore original
        </button>
      )}
      {answer !== undefined && answer !== inserted && (
        <button
          type="button"
          className="ll-button primary"
          onClick={() => {
            if (put(answer, 'Replaced. Undo (Ctrl+Z) in the field or "Restore original" brings the original back.')) setInserted(answer);
          }}
        >
          Replace
        </button>
      )}
    </>
  );
}
