// One click to summarize the page or the selection, or to rewrite the selection with the context menu's presets.
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import type { JobIntent } from '@/utils/jobs/job-api';
import type { RewriteStyle } from '@/utils/jobs/task';
import { MAX_INSTRUCTION_CHARS, REWRITE_STYLES, rewriteStyleLabel } from '@/utils/prompts/rewrite-selection';

interface QuickActionsProps {
  disabled: boolean;
  send: (intent: JobIntent) => Promise<boolean>;
}

export function QuickActions({ disabled, send }: QuickActionsProps) {
  const [rewriting, setRewriting] = useState(false);
  const [custom, setCustom] = useState(false);
  const [instruction, setInstruction] = useState('');
  const listId = useId();
  const language = browser.i18n.getUILanguage();

  const rewrite = async (style: RewriteStyle): Promise<void> => {
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
        <button type="button" className="ll-button" disabled={disabled} onClick={() => void send({ kind: 'summarize-selection' })}>
          Summarize selection
        </button>
        <button
          type="button"
          className="ll-button"
          disabled={disabled}
          aria-expanded={rewriting}
          aria-controls={listId}
          onClick={() => {
            setRewriting(!rewriting);
            setCustom(false);
          }}
        >
          Rewrite selection
        </button>
      </div>
      {rewriting && (
        <div id={listId} className="ll-quick-row" role="group" aria-label="Rewrite selection">
          {REWRITE_STYLES.map((style) => (
            <button key={style} type="button" className="ll-button" disabled={disabled} onClick={() => void rewrite(style)}>
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
            if (!instruction.trim()) return;
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
