// The message box: Enter sends, Shift+Enter adds a line, Escape stops the answer; switches say what goes with the question.
import { useId, useState, type KeyboardEvent } from 'react';
import type { JobIntent } from '@/utils/jobs/job-api';

interface ComposerProps {
  disabled: boolean;
  running: boolean;
  /** Resolves false when nothing was sent (the words stay in the box). */
  send: (intent: JobIntent) => Promise<boolean>;
  stop: () => void;
  /** Escape stops a running answer (popup, side panel); in the in-page panel Escape closes the panel instead. */
  escapeStops: boolean;
}

export function Composer({ disabled, running, send, stop, escapeStops }: ComposerProps) {
  const [question, setQuestion] = useState('');
  const [includePage, setIncludePage] = useState(true);
  const [includeSelection, setIncludeSelection] = useState(false);
  const pageId = useId();
  const selectionId = useId();

  const submit = async (): Promise<void> => {
    if (!question.trim() || disabled || running) return;
    const sent = await send({ kind: 'ask', question: question.trim(), includePage, includeSelection });
    if (sent) setQuestion('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && running && escapeStops) {
      // Escape stops the answer; the popup stays open.
      event.preventDefault();
      event.stopPropagation();
      stop();
    }
  };

  return (
    <form
      className="ll-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="ll-composer-switches">
        <label htmlFor={pageId}>
          <input id={pageId} type="checkbox" checked={includePage} onChange={(event) => setIncludePage(event.target.checked)} /> Include the page
        </label>
        <label htmlFor={selectionId}>
          <input id={selectionId} type="checkbox" checked={includeSelection} onChange={(event) => setIncludeSelection(event.target.checked)} /> Include the
          selection
        </label>
      </div>
      <div className="ll-composer-row">
        {/* Never disabled while a turn starts: keyboard focus stays in the box. */}
        <textarea
          className="ll-input ll-composer-input"
          aria-label="Message"
          placeholder="Ask about this page…"
          rows={2}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {running ? (
          <button type="button" className="ll-button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="ll-button primary" disabled={disabled || !question.trim()}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
