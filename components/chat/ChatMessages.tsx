// The conversation as a log: the user's turns, the answers as safe Markdown with their status line, and the actions
// each answer allows (Copy; on the last one Stop, Regenerate or Retry, Retry with…, consent, Replace).
import { useEffect, useRef, useState } from 'react';
import { AnswerStatus } from '@/components/AnswerStatus';
import { LongPageConfirm } from '@/components/LongPageConfirm';
import { RetryMenu } from '@/components/RetryMenu';
import { SafeMarkdown } from '@/components/SafeMarkdown';
import type { AssistantMessage, Conversation, UserMessage } from '@/utils/history/conversation';
import type { ReplaceOutcome } from '@/utils/page/page-snapshot';
import { rewriteForInsertion } from '@/utils/prompts/rewrite-selection';
import type { AgainChoices } from './use-chat';

interface ChatMessagesProps {
  conversation: Conversation | undefined;
  busy: boolean;
  again: (choices?: AgainChoices) => void;
  stop: () => void;
  replace: (text: string) => Promise<ReplaceOutcome>;
  openSettings: () => void;
}

/** Only a complete answer may be pasted over the user's text: not while streaming, not after an error, a cut or a filter. */
const isComplete = (message: AssistantMessage): boolean =>
  message.job.status === 'done' && message.job.finishReason !== 'length' && message.job.finishReason !== 'content-filter' && message.job.text.trim() !== '';

const SETTINGS_FIXES = ['locked', 'no-provider', 'site-blocked', 'not-permitted'];

export function ChatMessages({ conversation, busy, again, stop, replace, openSettings }: ChatMessagesProps) {
  const end = useRef<HTMLDivElement>(null);
  const messages = conversation?.messages ?? [];
  const lastText = messages.at(-1)?.role === 'assistant' ? (messages.at(-1) as AssistantMessage).job.text.length : 0;

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, lastText]);

  return (
    <div className="ll-chat-log" role="log" aria-label="Messages" aria-live="polite" data-testid="chat-log">
      {messages.length === 0 && <p className="ll-chat-empty">Ask anything about this page, or start with a quick action above.</p>}
      {messages.map((message, index) =>
        message.role === 'user' ? (
          <UserTurn key={message.id} message={message} />
        ) : (
          <AnswerTurn
            key={message.id}
            message={message}
            question={messages[index - 1]?.role === 'user' ? (messages[index - 1] as UserMessage) : undefined}
            last={index === messages.length - 1}
            busy={busy}
            again={again}
            stop={stop}
            replace={replace}
            openSettings={openSettings}
          />
        ),
      )}
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

interface AnswerTurnProps extends Omit<ChatMessagesProps, 'conversation'> {
  message: AssistantMessage;
  question: UserMessage | undefined;
  last: boolean;
}

function AnswerTurn({ message, question, last, busy, again, stop, replace, openSettings }: AnswerTurnProps) {
  const { job } = message;
  const [copied, setCopied] = useState(false);
  const [replaced, setReplaced] = useState<string | undefined>(undefined);
  const rewrite = question?.action.kind === 'rewrite-selection';
  const text = rewrite && question?.selection !== undefined ? rewriteForInsertion(question.selection, job.text) : job.text;
  const running = job.status === 'running';
  const ended = job.status === 'done' || job.status === 'error' || job.status === 'interrupted';

  const copy = (): void => {
    void navigator.clipboard.writeText(rewrite ? text.trim() : text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  const putBack = async (): Promise<void> => {
    const outcome = await replace(text);
    setReplaced(outcome.ok ? 'Replaced in the page. Undo (Ctrl+Z) in the field brings the original back.' : outcome.message);
  };

  return (
    <article className="ll-chat-turn ll-chat-answer" aria-label="Lifeline" aria-busy={running}>
      {job.text && (
        <div className={rewrite ? 'll-answer ll-answer-plain' : 'll-answer'} data-testid="chat-answer">
          {rewrite ? job.text.trim() : <SafeMarkdown text={job.text} />}
        </div>
      )}
      <AnswerStatus job={job} />
      <div className="ll-chat-actions">
        {job.text && ended && (
          <button type="button" className="ll-button" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        {last && running && (
          <button type="button" className="ll-button" onClick={stop}>
            Stop
          </button>
        )}
        {last && job.status === 'needs-consent' && job.consentFor && (
          <button type="button" className="ll-button primary" disabled={busy} onClick={() => again({ consentTo: job.consentFor!.map((entry) => entry.id) })}>
            Send to {job.consentFor.length === 1 ? 'this provider' : 'these providers'}
          </button>
        )}
        {last && job.status === 'needs-confirm' && <LongPageConfirm job={job} onConfirm={() => again({ confirmedLong: true })} onCancel={() => undefined} />}
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
          <button type="button" className="ll-button" disabled={busy} onClick={() => again()}>
            {job.status === 'done' ? 'Regenerate' : 'Retry'}
          </button>
        )}
        {last && ended && <RetryMenu onPick={(providerId) => again({ preferProviderId: providerId })} />}
        {rewrite && question?.selectionEditable && isComplete(message) && (
          <button type="button" className="ll-button primary" onClick={() => void putBack()}>
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
