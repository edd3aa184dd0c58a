// One click to summarize the page or the selection, or to rewrite the selection with the context menu's presets. The
// selection's actions say "Select text on the page first" while the tab is known to have none.
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { ChevronDownIcon } from '@/components/icons';
import type { JobIntent } from '@/utils/jobs/job-api';
import type { RewriteStyle } from '@/utils/jobs/task';
import { lacksSelection, SELECT_TEXT_FIRST, type SelectionState } from '@/utils/page/selection-state';
import { MAX_INSTRUCTION_CHARS, REWRITE_STYLES, rewriteStyleLabel } from '@/utils/prompts/rewrite-selection';
import './guidance.css';

interface QuickActionsProps {
  disabled: boolean;
  /** Whether the tab has a selection; undefined while not known. */
  selection?: SelectionState | undefined;
  send: (intent: JobIntent) => Promise<boolean>;
}

/**
 * A selection action without a selection: aria-disabled rather than disabled, so it keeps its place in the Tab order
 * and says why (the title is its description and its tooltip); a click does nothing.
 */
function needsSelectionProps(noSelection: boolean) {
  return noSelection ? { 'aria-disabled': true, title: SELECT_TEXT_FIRST } : {};
}

export function QuickActions({ disabled, selection, send }: QuickActionsProps) {
  const [rewriting, setRewriting] = useState(false);
  const [custom, setCustom] = useState(false);
  const [instruction, setInstruction] = useState('');
  const listId = useId();
  const language = browser.i18n.getUILanguage();
  const noSelection = lacksSelection(selection);
  const waiting = needsSelectionProps(noSelection);

  const rewrite = async (style: RewriteStyle): Promise<void> => {
    if (noSelection) return;
    if (style === 'custom') return setCustom(true);
    setRewriting(false);
    await send({ kind: 'rewrite-selection', style });
  };

  return (
    <section className="ll-quick-actions" aria-label="Quick actions">
      <div className="ll-quick-row">
        <button type="button" className="ll-button" disabled={disabled} onClick={() => void send({ kind: 'summarize-page' })}>
          Summarize this page
        </button>
        <button
          type="button"
          className="ll-button"
          disabled={disabled}
          {...waiting}
          onClick={() => {
            if (!noSelection) void send({ kind: 'summarize-selection' });
          }}
        >
          Summarize selection
        </button>
        <button
          type="button"
          className="ll-button"
          disabled={disabled}
          aria-label="Rewrite selection"
          aria-expanded={rewriting}
          aria-controls={listId}
          title="Rewrite selection"
          {...waiting}
          onClick={() => {
            if (noSelection) return;
            setRewriting(!rewriting);
            setCustom(false);
          }}
        >
          Rewrite <ChevronDownIcon />
        </button>
      </div>
      {rewriting && (
        <div id={listId} className="ll-quick-row" role="group" aria-label="Rewrite selection">
          {REWRITE_STYLES.map((style) => (
            <button key={style} type="button" className="ll-button" disabled={disabled} {...waiting} onClick={() => void rewrite(style)}>
              {rewriteStyleLabel(style, language)}
            </button>
          ))}
        </div>
      )}
      {rewriting && custom && (
        <form
          className="ll-quick-row"
          onSubmit={(event) => {
            event.preventDefault();
            if (!instruction.trim() || noSelection) return;
            void send({ kind: 'rewrite-selection', style: 'custom', instruction: instruction.trim() }).then((sent) => {
              if (!sent) return;
              setInstruction('');
              setCustom(false);
              setRewriting(false);
            });
          }}
        >
          <input
            className="ll-input"
            aria-label="Your instruction"
            placeholder="e.g. Make it a bulleted list"
            maxLength={MAX_INSTRUCTION_CHARS}
            value={instruction}
            onChange={(event) => setInstruction(event.target.value)}
          />
          <button type="submit" className="ll-button primary" disabled={disabled || !instruction.trim()}>
            Rewrite
          </button>
        </form>
      )}
    </section>
  );
}
