// The chat's state in the popup and side panel: the tab's conversation from the background, the live answer over the
// job port, and the turns the user starts. Jobs live in the background: closing this surface loses nothing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ChatTurnRequest, ChatView } from '@/utils/chat/chat-turn';
import type { ChatAction, Conversation } from '@/utils/history/conversation';
import { createJobClient, type ClientPortLike, type JobClient } from '@/utils/jobs/job-client';
import type { JobRecord } from '@/utils/jobs/job-record';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { sendMessage } from '@/utils/messaging/protocol';
import type { SummaryStyle } from '@/utils/prompts/summary-style';

export type AgainChoices = Pick<ChatTurnRequest, 'preferProviderId' | 'consentTo' | 'confirmedLong'>;

export interface ChatController {
  view: ChatView | undefined;
  /** The conversation with the live state of its running answer folded in. */
  conversation: Conversation | undefined;
  /** Why the last request did nothing (the user's words are kept), or why the chat could not load. */
  problem: string | undefined;
  busy: boolean;
  running: boolean;
  send(action: ChatAction, summaryStyle?: SummaryStyle): Promise<boolean>;
  again(choices?: AgainChoices): Promise<boolean>;
  stop(): void;
  newChat(): Promise<void>;
  show(conversation: Conversation): void;
  reload(): Promise<void>;
  dismissProblem(): void;
}

const lastRunningAnswer = (conversation: Conversation | undefined): JobRecord | undefined => {
  const last = conversation?.messages.at(-1);
  return last?.role === 'assistant' && last.job.status === 'running' ? last.job : undefined;
};

function foldLive(conversation: Conversation | undefined, live: JobRecord | undefined): Conversation | undefined {
  if (!conversation || !live) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((message) => (message.role === 'assistant' && message.job.id === live.id ? { ...message, job: live } : message)),
  };
}

export function useChat(tabId: number | undefined): ChatController {
  const [view, setView] = useState<ChatView | undefined>(undefined);
  const [live, setLive] = useState<JobRecord | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const client = useRef<JobClient | undefined>(undefined);

  useEffect(() => {
    const jobs = createJobClient({
      connect: () => browser.runtime.connect({ name: JOB_PORT_NAME }) as unknown as ClientPortLike,
      onChange: setLive,
    });
    client.current = jobs;
    return () => jobs.close();
  }, []);

  const follow = useCallback((conversation: Conversation | undefined) => {
    const running = lastRunningAnswer(conversation);
    setLive(undefined);
    if (running) client.current?.attach(running.id);
  }, []);

  const reload = useCallback(async () => {
    if (tabId === undefined) return;
    try {
      const next = await sendMessage('getChat', { tabId });
      setView(next);
      follow(next.conversation);
    } catch {
      setProblem('Lifeline could not load this chat. Close and open it again.');
    }
  }, [tabId, follow]);

  useEffect(() => {
    setView(undefined);
    void reload();
  }, [reload]);

  const run = useCallback(
    async (request: Omit<ChatTurnRequest, 'tabId' | 'conversationId'>): Promise<boolean> => {
      if (tabId === undefined) return false;
      setBusy(true);
      setProblem(undefined);
      try {
        const conversationId = view?.conversation?.id;
        const result = await sendMessage('startChatTurn', { tabId, ...(conversationId ? { conversationId } : {}), ...request });
        if (!result.ok) {
          setProblem(result.message);
          return false;
        }
        setView((current) => (current ? { ...current, conversation: result.conversation } : current));
        follow(result.conversation);
        return true;
      } catch {
        setProblem('Lifeline did not answer. Try again.');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [tabId, view?.conversation?.id, follow],
  );

  const conversation = useMemo(() => foldLive(view?.conversation, live), [view?.conversation, live]);
  const running = lastRunningAnswer(conversation) !== undefined;

  return {
    view,
    conversation,
    problem,
    busy,
    running,
    send: (action, summaryStyle) => run({ turn: { kind: 'new', action }, ...(summaryStyle ? { summaryStyle } : {}) }),
    again: (choices = {}) => run({ turn: { kind: 'again' }, ...choices }),
    stop: () => client.current?.stop(),
    async newChat() {
      if (tabId === undefined) return;
      const next = await sendMessage('newConversation', { tabId });
      setView(next);
      follow(next.conversation);
    },
    show(shown) {
      setView((current) => (current ? { ...current, conversation: shown } : current));
      follow(shown);
    },
    reload,
    dismissProblem: () => setProblem(undefined),
  };
}
