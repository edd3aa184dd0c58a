// A rewrite in the in-page panel, shown next to the selected text: the changes word by word, then Replace, Insert below
// or Copy. Replace closes it into a small note with Undo; "Open chat" turns it into the whole chat about the page.
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { JobStatusChip } from '@/components/StatusChip';
import { CheckIcon, CloseIcon, CopyIcon, MoveIcon } from '@/components/icons';
import { RetryMenu } from '@/components/RetryMenu';
import type { AssistantMessage, UserMessage } from '@/utils/history/conversation';
import type { JobIntent } from '@/utils/jobs/job-api';
import { intentLabel } from '@/utils/jobs/task-for-intent';
import type { ReplaceOutcome } from '@/utils/page/page-snapshot';
import { rewriteForInsertion } from '@/utils/prompts/rewrite-selection';
import { pendingText } from './ChatMessages';
import { InstructionForm } from './InstructionForm';
import { RewriteDiff } from './RewriteDiff';
import { PlainAnswer } from '@/components/AnswerMarkdown';
import type { ChatController } from './use-chat';
import type { usePanelFrame } from './use-panel-frame';

type PanelControls = ReturnType<typeof usePanelFrame>;

interface RewritePopoverProps {
  chat: ChatController;
  panel: PanelControls;
  intent: JobIntent | undefined;
  replace: (text: string, placement: 'replace' | 'below') => Promise<ReplaceOutcome>;
  /** The rewrite went into the page: the popover becomes the note with Undo. */
  onPut: (original: string) => void;
}

/** The conversation's last turn: the question asked and the answer to it. */
function lastTurn(chat: ChatController): { question: UserMessage; answer: AssistantMessage } | undefined {
  const messages = chat.conversation?.messages ?? [];
  const answer = messages.at(-1);
  const question = messages.at(-2);
  return answer?.role === 'assistant' && question?.role === 'user' ? { question, answer } : undefined;
}

export function RewritePopover({ chat, panel, intent, replace, onPut }: RewritePopoverProps) {
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const turn = chat.pending ? undefined : lastTurn(chat);
  const job = turn?.answer.job;
  const original = turn?.question.selection ?? '';
  const rewrite = job ? rewriteForInsertion(original, job.text) : '';
  const complete = job?.status === 'done' && job.finishReason !== 'length' && job.finishReason !== 'content-filter' && rewrite.trim() !== '';
  const editable = turn?.question.selectionEditable === true;
  const firstAction = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  // Ready to decide: the keyboard goes to the rewrite (until then the page keeps its focus and its selection's highlight).
  useEffect(() => {
    if (!complete || focused.current) return;
    focused.current = true;
    panel.focus();
    firstAction.current?.focus();
  }, [complete, panel]);
  const title = intent ? intentLabel(intent, browser.i18n.getUILanguage()).replace('Rewrite the selection: ', 'Rewrite: ') : 'Rewrite';

  const put = async (placement: 'replace' | 'below'): Promise<void> => {
    const outcome = await replace(rewrite, placement);
    if (outcome.ok) onPut(original);
    else setProblem(outcome.message);
  };
  const copy = (): void => {
    void navigator.clipboard.writeText(rewrite.trim()).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <main className="ll-chat ll-chat-panel ll-rewrite" aria-busy={!job || job.status === 'running'}>
      <header className="ll-chat-header" {...panel.headerProps}>
        <button type="button" className="ll-icon-button ll-move-handle" aria-label="Move panel" title="Move panel (arrow keys)" {...panel.handleProps}>
          <MoveIcon />
        </button>
        <h1>{title}</h1>
        <button type="button" className="ll-icon-button" aria-label="Close Lifeline panel" title="Close (Esc)" onClick={panel.close}>
          <CloseIcon />
        </button>
      </header>
      <div className="ll-chat-log" role="log" aria-label="Messages" aria-live="polite">
        {!job && <p className="ll-chat-note">{chat.pending ? pendingText(chat.pending) : (chat.problem ?? 'Loading…')}</p>}
        {job?.status === 'needs-instruction' && <InstructionForm onSubmit={(instruction) => chat.decide({ kind: 'instruction', instruction })} />}
        {job?.status === 'needs-consent' && job.consentFor && (
          <button type="button" className="ll-button primary" onClick={() => chat.decide({ kind: 'consent', providerIds: job.consentFor!.map((entry) => entry.id) })}>
            Send to {job.consentFor.length === 1 ? 'this provider' : 'these providers'}
          </button>
        )}
        {job && complete && <RewriteDiff before={original} after={rewrite} />}
        {job && !complete && job.text && (
          <div className="ll-answer ll-answer-plain" data-testid="chat-answer">
            <PlainAnswer text={job.text.trim()} />
          </div>
        )}
      </div>
      <footer className="ll-chat-footer">
        {job && <JobStatusChip job={job} />}
        {(problem ?? chat.problem) && (
          <p className="ll-chat-problem" role="alert">
            {problem ?? chat.problem}
          </p>
        )}
        <div className="ll-chat-actions">
          {complete && editable && (
            <>
              <button ref={firstAction} type="button" className="ll-button primary" onClick={() => void put('replace')}>
                Replace
              </button>
              <button type="button" className="ll-button" onClick={() => void put('below')}>
                Insert below
              </button>
            </>
          )}
          <span className="ll-chat-tools">
            {complete && (
              <button type="button" className="ll-icon-button" aria-label="Copy" title={copied ? 'Copied' : 'Copy'} onClick={copy}>
                {copied ? <CheckIcon /> : <CopyIcon />}
              </button>
            )}
            {job && job.status !== 'running' && !job.status.startsWith('needs-') && (
              <RetryMenu onPick={(providerId) => chat.decide({ kind: 'retry', preferProviderId: providerId })} />
            )}
          </span>
          <button type="button" className="ll-button ll-open-chat" onClick={() => panel.reshape('panel')}>
            Open chat
          </button>
        </div>
      </footer>
    </main>
  );
}

/** What is left of the popover after Replace: a note with Undo (the page's own undo works as well). */
export function ReplacedNote({ panel, original, replace }: { panel: PanelControls; original: string; replace: (text: string, placement: 'replace') => Promise<ReplaceOutcome> }) {
  const [note, setNote] = useState('Replaced.');
  const [undone, setUndone] = useState(false);
  return (
    <main className="ll-toast" aria-label="Lifeline">
      <p role="status">{note}</p>
      {!undone && (
        <button
          type="button"
          className="ll-button"
          onClick={() =>
            void replace(original, 'replace').then((outcome) => {
              setUndone(outcome.ok);
              setNote(outcome.ok ? 'Original restored.' : outcome.message);
            })
          }
        >
          Undo
        </button>
      )}
      <button type="button" className="ll-icon-button" aria-label="Close Lifeline panel" title="Close (Esc)" onClick={panel.close}>
        <CloseIcon />
      </button>
    </main>
  );
}
