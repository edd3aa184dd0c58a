// One answer in the log: the text, its tools (Copy; on the last answer Regenerate and Retry with…), and the one next
// step it waits for, as the primary button: consent, the long-page question, the custom instruction, Replace, a setting.
import { useState } from 'react';
import { AnswerMarkdown, PlainAnswer } from '@/components/AnswerMarkdown';
import { CheckIcon, CopyIcon, RegenerateIcon } from '@/components/icons';
import { LongPageConfirm } from '@/components/LongPageConfirm';
import { RetryMenu } from '@/components/RetryMenu';
import { JobStatusChip } from '@/components/StatusChip';
import type { AssistantMessage, UserMessage } from '@/utils/history/conversation';
import { rewriteForInsertion } from '@/utils/prompts/rewrite-selection';
import { DEFAULT_SUMMARY_STYLE } from '@/utils/prompts/summary-style';
import type { ChatMessagesProps } from './ChatMessages';
import { InstructionForm } from './InstructionForm';
import { SummaryStyleSwitch } from './SummaryStyleSwitch';

interface AnswerTurnProps extends Omit<ChatMessagesProps, 'conversation' | 'pending'> {
  message: AssistantMessage;
  question: UserMessage | undefined;
  last: boolean;
}

/** Only a complete answer may be pasted over the user's text: not while streaming, not after an error, a cut or a filter. */
const isComplete = (message: AssistantMessage): boolean =>
  message.job.status === 'done' && message.job.finishReason !== 'length' && message.job.finishReason !== 'content-filter' && message.job.text.trim() !== '';

const SETTINGS_FIXES = ['locked', 'no-provider', 'site-blocked', 'not-permitted'];

export function AnswerTurn({ message, question, last, busy, decide, replace, openSettings, cancel }: AnswerTurnProps) {
  const { job } = message;
  const [copied, setCopied] = useState(false);
  const [replaced, setReplaced] = useState<string | undefined>(undefined);
  // What is in the page's field now: the answer (after Replace) or the original again (after Restore original).
  const [inField, setInField] = useState<'answer' | 'original' | undefined>(undefined);
  const [summaryStyle, setSummaryStyle] = useState(question?.summaryStyle ?? DEFAULT_SUMMARY_STYLE);
  const rewrite = question?.action.kind === 'rewrite-selection';
  const summary = question?.action.kind === 'summarize-page' || question?.action.kind === 'summarize-selection';
  const text = rewrite && question?.selection !== undefined ? rewriteForInsertion(question.selection, job.text) : job.text;
  const running = job.status === 'running';
  const ended = job.status === 'done' || job.status === 'error' || job.status === 'interrupted';
  const canReplace = last && rewrite && question?.selectionEditable === true && isComplete(message);

  const copy = (): void => {
    void navigator.clipboard.writeText(rewrite ? text.trim() : text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  const put = async (which: 'answer' | 'original'): Promise<void> => {
    const outcome = await replace(which === 'answer' ? text : (question?.selection ?? ''));
    if (outcome.ok) setInField(which);
    const done = which === 'answer' ? 'Replaced in the page. Undo (Ctrl+Z) in the field or "Restore original" brings the original back.' : 'Original restored.';
    setReplaced(outcome.ok ? done : outcome.message);
  };

  return (
    <article className="ll-chat-turn ll-chat-answer" aria-label="Lifeline" aria-busy={running}>
      {last && summary && ended && (
        <SummaryStyleSwitch
          value={summaryStyle}
          onChange={(style) => {
            setSummaryStyle(style);
            decide({ kind: 'style', summaryStyle: style });
          }}
        />
      )}
      {job.text && (
        <div className={rewrite ? 'll-answer ll-answer-plain' : 'll-answer'} data-testid="chat-answer">
          {rewrite ? <PlainAnswer text={job.text.trim()} /> : <AnswerMarkdown text={job.text} />}
        </div>
      )}
      {!last && <JobStatusChip job={job} testId="earlier-status" live={false} />}
      {last && job.status === 'needs-instruction' && <InstructionForm onSubmit={(instruction) => decide({ kind: 'instruction', instruction })} />}
      <div className="ll-chat-actions">
        {last && job.status === 'needs-consent' && job.consentFor && (
          <button type="button" className="ll-button primary" disabled={busy} onClick={() => decide({ kind: 'consent', providerIds: job.consentFor!.map((entry) => entry.id) })}>
            Send to {job.consentFor.length === 1 ? 'this provider' : 'these providers'}
          </button>
        )}
        {last && job.status === 'needs-confirm' && <LongPageConfirm job={job} onConfirm={() => decide({ kind: 'read-whole-page' })} onCancel={cancel} />}
        {last && job.noProviderConfigured && (
          <button type="button" className="ll-button primary" onClick={openSettings}>
            Add a provider
          </button>
        )}
        {last && job.status === 'error' && SETTINGS_FIXES.includes(job.error?.kind ?? '') && (
          <button type="button" className="ll-button primary" onClick={openSettings}>
            Open Lifeline settings
          </button>
        )}
        {canReplace && inField !== 'answer' && (
          <button type="button" className="ll-button primary" onClick={() => void put('answer')}>
            Replace
          </button>
        )}
        {canReplace && inField === 'answer' && (
          <button type="button" className="ll-button" onClick={() => void put('original')}>
            Restore original
          </button>
        )}
        <span className="ll-chat-tools">
          {job.text && ended && (
            <button type="button" className="ll-icon-button" aria-label="Copy" title={copied ? 'Copied' : 'Copy'} onClick={copy}>
              {copied ? <CheckIcon /> : <CopyIcon />}
            </button>
          )}
          {last && ended && (
            <button type="button" className="ll-icon-button" aria-label={job.status === 'done' ? 'Regenerate' : 'Retry'} title={job.status === 'done' ? 'Regenerate' : 'Retry'} disabled={busy} onClick={() => decide({ kind: 'retry' })}>
              <RegenerateIcon />
            </button>
          )}
          {last && ended && <RetryMenu onPick={(providerId) => decide({ kind: 'retry', preferProviderId: providerId })} />}
        </span>
      </div>
      {(replaced || copied) && (
        <p className="ll-chat-note" role="status">
          {replaced ?? 'Copied.'}
        </p>
      )}
    </article>
  );
}
