// The conversation as a log: the user's turns and the answers as safe Markdown. Each answer has its tools (Copy; on the
// last one Regenerate and Retry with…) and the decision it waits for (consent, a long page, a custom instruction, the
// summary style, Replace). The last answer's status is docked in the surface's footer, always in view.
import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import type { AssistantMessage, Conversation, UserMessage } from '@/utils/history/conversation';
import type { JobDecision, JobIntent } from '@/utils/jobs/job-api';
import { intentLabel } from '@/utils/jobs/task-for-intent';
import type { ReplaceOutcome } from '@/utils/page/page-snapshot';
import { AnswerTurn } from './AnswerTurn';

export interface ChatMessagesProps {
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

/** What the status says while a job is being asked for. */
export const pendingText = (intent: JobIntent): string =>
  intent.kind === 'summarize-page' || (intent.kind === 'ask' && intent.includePage) ? 'Reading the page…' : 'Reading the selection…';

export function ChatMessages({ conversation, pending, busy, decide, replace, openSettings, cancel }: ChatMessagesProps) {
  const log = useRef<HTMLDivElement>(null);
  const messages = conversation?.messages ?? [];
  const lastText = messages.at(-1)?.role === 'assistant' ? (messages.at(-1) as AssistantMessage).job.text.length : 0;

  // The newest words stay in view; only the log scrolls (never the page around an in-page panel).
  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length, lastText, pending]);

  return (
    <div ref={log} className="ll-chat-log" role="log" aria-label="Messages" aria-live="polite" data-testid="chat-log">
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
  return (
    <>
      <article className="ll-chat-turn ll-chat-user" aria-label="You">
        <p className="ll-chat-question">{intentLabel(intent, browser.i18n.getUILanguage())}</p>
      </article>
      <article className="ll-chat-turn ll-chat-answer" aria-label="Lifeline" aria-busy="true">
        <p className="ll-chat-note">…</p>
      </article>
    </>
  );
}
