// The conversation as a log: the user's turns, the answers as safe Markdown with their status line, and the actions
// each answer allows (Copy; on the last one Stop, Regenerate or Retry, Retry with…, the summary style, consent, the
// long-page question, the custom instruction, Replace). Decisions go to the background's job API.
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AnswerStatus } from '@/components/AnswerStatus';
import { LongPageConfirm } from '@/components/LongPageConfirm';
import { RetryMenu } from '@/components/RetryMenu';
import { AnswerMarkdown } from '@/components/AnswerMarkdown';
import type { AssistantMessage, Conversation, UserMessage } from '@/utils/history/conversation';
import type { JobDecision, JobIntent } from '@/utils/jobs/job-api';
import { intentLabel } from '@/utils/jobs/task-for-intent';
import type { ReplaceOutcome } from '@/utils/page/page-snapshot';
import { rewriteForInsertion } from '@/utils/prompts/rewrite-selection';
import { DEFAULT_SUMMARY_STYLE } from '@/utils/prompts/summary-style';
import { InstructionForm } from './InstructionForm';
import { SummaryStyleSwitch } from './SummaryStyleSwitch';

interface ChatMessagesProps {
  conversation: Conversation | undefined;
  /** A job being asked for: shown as a turn while the tab is read. */
  pending: JobIntent | undefined;
  busy: boolean;
  decide: (decision: JobDecision) => void;
  replace: (text: string) => Promise<ReplaceOutcome>;
  openSettings: () => void;
  /** Where an unanswered long-page question goes when the user says no (the panel closes; elsewhere nothing). */
  cancel: () => void;
}

/** Only a complete answer may be pasted over the user's text: not while streaming, not after an error, a cut or a filter. */
const isComplete = (message: AssistantMessage): boolean =>
  message.job.status === 'done' && message.job.finishReason !== 'length' && message.job.finishReason !== 'content-filter' && message.job.text.trim() !== '';

const SETTINGS_FIXES = ['locked', 'no-provider', 'site-blocked', 'not-permitted'];

export function ChatMessages({ conversation, pending, busy, decide, replace, openSettings, cancel }: ChatMessagesProps) {
  const end = useRef<HTMLDivElement>(null);
  const messages = conversation?.messages ?? [];
  const lastText = messages.at(-1)?.role === 'assistant' ? (messages.at(-1) as AssistantMessage).job.text.length : 0;

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, lastText, pending]);

  return (
    <div className="ll-chat-log" role="log" aria-label="Messages" aria-live="polite" data-testid="chat-log">
      {messages.length === 0 && !pending && <p className="ll-chat-empty">Ask anything about this page, or start with a quick action above.</p>}
      {messages.map((message, index) =>
        message.role === 'user' ? (
          <UserTurn key={message.id} message={message} />
        ) : (
          <AnswerTurn
            key={message.id}
            message={message}
            question={messages[index - 1]?.role === 'user' ? (messages[index - 1] as UserMessage) : undefined}
            last={index === messages.length - 1 && !pending}
            busy={busy}
            decide={decide}
            replace={replace}
            openSettings={openSettings}
            cancel={cancel}
          />
        ),
      )}
      {pending && <PendingTurn intent={pending} />}
      <div ref={end} />
    </div>
  );
}

function UserTurn({ message }: { message: UserMessage }) {
  return (
    <article className="ll-chat-turn ll-chat-user" aria-label="You">
      {message.selection && <blockquote className="ll-chat-quote">{message.selection}</blockquote>}
      <p className="ll-chat-question">{message.text}</p>
      {message.includedPage && <p className="ll-chat-note">with the page's text</p>}
    </article>
  );
}

/** The turn being asked for, before the background has read the tab and filed it. */
function PendingTurn({ intent }: { intent: JobIntent }) {
  const reading = intent.kind === 'summarize-page' || (intent.kind === 'ask' && intent.includePage) ? 'Reading the page…' : 'Reading the selection…';
  return (
    <>
      <article className="ll-chat-turn ll-chat-user" aria-label="You">
        <p className="ll-chat-question">{intentLabel(intent, browser.i18n.getUILanguage())}</p>
      </article>
      <article className="ll-chat-turn ll-chat-answer" aria-label="Lifeline" aria-busy="true">
        <p className="ll-status ll-status-info" data-testid="answer-status">
          {reading}
        </p>
      </article>
    </>
  );
}

interface AnswerTurnProps extends Omit<ChatMessagesProps, 'conversation' | 'pending'> {
  message: AssistantMessage;
  question: UserMessage | undefined;
  last: boolean;
}

function AnswerTurn({ message, question, last, busy, decide, replace, openSettings, cancel }: AnswerTurnProps) {
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
  const canReplace = last && rewrite && question?.selectionEditable === true && isComplete(message);

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
          {rewrite ? job.text.trim() : <AnswerMarkdown text={job.text} />}
        </div>
      )}
      <AnswerStatus job={job} />
      {last && job.status === 'needs-instruction' && <InstructionForm onSubmit={(instruction) => decide({ kind: 'instruction', instruction })} />}
      <div className="ll-chat-actions">
        {job.text && ended && (
          <button type="button" className="ll-button" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        {last && running && (
          <button type="button" className="ll-button" onClick={() => decide({ kind: 'stop' })}>
            Stop
          </button>
        )}
        {last && job.status === 'needs-consent' && job.consentFor && (
          <button type="button" className="ll-button primary" disabled={busy} onClick={() => decide({ kind: 'consent', providerIds: job.consentFor!.map((entry) => entry.id) })}>
            Send to {job.consentFor.length === 1 ? 'this provider' : 'these providers'}
          </button>
        )}
        {last && job.status === 'needs-confirm' && <LongPageConfirm job={job} onConfirm={() => decide({ kind: 'read-whole-page' })} onCancel={cancel} />}
        {last && job.status === 'error' && SETTINGS_FIXES.includes(job.error?.kind ?? '') && (
          <button type="button" className="ll-button" onClick={openSettings}>
            Open Lifeline settings
          </button>
        )}
        {last && job.noProviderConfigured && (
          <button type="button" className="ll-button" onClick={openSettings}>
            Add a provider
          </button>
        )}
        {last && ended && (
          <button type="button" className="ll-button" disabled={busy} onClick={() => decide({ kind: 'retry' })}>
            {job.status === 'done' ? 'Regenerate' : 'Retry'}
          </button>
        )}
        {last && ended && <RetryMenu onPick={(providerId) => decide({ kind: 'retry', preferProviderId: providerId })} />}
        {canReplace && inField === 'answer' && (
          <button type="button" className="ll-button" onClick={() => void put('original')}>
            Restore original
          </button>
        )}
        {canReplace && inField !== 'answer' && (
          <button type="button" className="ll-button primary" onClick={() => void put('answer')}>
            Replace
          </button>
        )}
      </div>
      {replaced && (
        <p className="ll-chat-note" role="status">
          {replaced}
        </p>
      )}
    </article>
  );
}
