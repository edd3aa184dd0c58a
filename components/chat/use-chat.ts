// The chat's state on every surface (panel, popup, side panel): the tab's conversation from the background, the live
// answer over the job port, the jobs the user starts and the decisions they make. Jobs live in the background:
// closing a surface loses nothing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ChatView } from '@/utils/chat/chat-view';
import type { Conversation } from '@/utils/history/conversation';
import type { JobChoices, JobDecision, JobIntent } from '@/utils/jobs/job-api';
import { createJobClient, type ClientPortLike, type JobClient } from '@/utils/jobs/job-client';
import type { JobRecord } from '@/utils/jobs/job-record';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { onPageMessage } from '@/utils/messaging/page-events';
import { sendMessage } from '@/utils/messaging/protocol';
import { latestPerFrame, type LatestPerFrame } from '@/utils/rendering/latest-per-frame';

export interface ChatController {
  view: ChatView | undefined;
  /** The conversation with the live state of its followed answer folded in. */
  conversation: Conversation | undefined;
  /** Why the last request did nothing (the user's words are kept), or why the chat could not load. */
  problem: string | undefined;
  /** A job being asked for: the tab is being read. */
  pending: JobIntent | undefined;
  busy: boolean;
  running: boolean;
  /** Starts a job; resolves false when nothing was started (the problem says why). */
  start(intent: JobIntent, options?: { choices?: JobChoices; selectionFallback?: string }): Promise<boolean>;
  /** A decision about the conversation's last answer (consent, read the whole page, retry, style, stop…). */
  decide(decision: JobDecision): void;
  stop(): void;
  newChat(): Promise<void>;
  show(conversation: Conversation): void;
  reload(): Promise<void>;
  dismissProblem(): void;
}

const lastAnswer = (conversation: Conversation | undefined): JobRecord | undefined => {
  const last = conversation?.messages.at(-1);
  return last?.role === 'assistant' ? last.job : undefined;
};

function foldLive(conversation: Conversation | undefined, live: JobRecord | undefined): Conversation | undefined {
  if (!conversation || !live) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((message) => (message.role === 'assistant' && message.job.id === live.id ? { ...message, job: live } : message)),
  };
}

/** `startingWith`: the intent a surface starts as it opens (the in-page panel), shown as being asked from the first paint. */
export function useChat(tabId: number | undefined, startingWith?: JobIntent): ChatController {
  const [view, setView] = useState<ChatView | undefined>(undefined);
  const [live, setLive] = useState<JobRecord | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<JobIntent | undefined>(startingWith);
  const [busy, setBusy] = useState(false);
  const client = useRef<JobClient | undefined>(undefined);
  const liveQueue = useRef<LatestPerFrame<JobRecord> | undefined>(undefined);
  const viewRef = useRef(view);
  viewRef.current = view;
  // Counts starts and new chats: a view loaded before either must not replace the conversation they brought.
  const starts = useRef(0);

  useEffect(() => {
    // A streaming answer's parts are rendered once per frame, not once per part.
    const liveUpdates = latestPerFrame(setLive);
    liveQueue.current = liveUpdates;
    const jobs = createJobClient({
      connect: () => browser.runtime.connect({ name: JOB_PORT_NAME }) as unknown as ClientPortLike,
      onChange: liveUpdates.push,
      onRefused: setProblem,
    });
    client.current = jobs;
    return () => {
      liveUpdates.cancel();
      jobs.close();
    };
  }, []);

  /** Follows the conversation's last answer: live parts of a running one, and the decisions about it. */
  const follow = useCallback((conversation: Conversation | undefined) => {
    const last = lastAnswer(conversation);
    liveQueue.current?.cancel();
    setLive(undefined);
    if (last) client.current?.attach(last.id);
  }, []);

  const reload = useCallback(async () => {
    if (tabId === undefined) return;
    const startsBefore = starts.current;
    try {
      const next = await sendMessage('getChat', { tabId });
      if (startsBefore !== starts.current) return;
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

  // A job started for this tab elsewhere (the panel, a menu item, another surface): show it.
  useEffect(() => {
    if (tabId === undefined) return;
    return onPageMessage('jobStarted', (started) => {
      if (started.tabId === tabId) void reload();
    });
  }, [tabId, reload]);

  const conversationId = view?.conversation?.id;
  const start = useCallback(
    async (intent: JobIntent, options: { choices?: JobChoices; selectionFallback?: string } = {}): Promise<boolean> => {
      if (tabId === undefined) return false;
      const mine = ++starts.current;
      setBusy(true);
      setPending(intent);
      setProblem(undefined);
      try {
        const result = await sendMessage('startJob', {
          tabId,
          intent,
          ...(options.choices ? { choices: options.choices } : {}),
          ...(conversationId ? { conversationId } : {}),
          ...(options.selectionFallback ? { selectionFallback: options.selectionFallback } : {}),
        });
        if (!result.ok) {
          setProblem(result.message);
          return false;
        }
        if (mine === starts.current) {
          // Before the first view has loaded, the view (page, access) comes with the conversation from getChat.
          if (viewRef.current) {
            setView({ ...viewRef.current, conversation: result.conversation });
            follow(result.conversation);
          } else void reload();
        }
        return true;
      } catch {
        setProblem('Lifeline did not answer. Try again.');
        return false;
      } finally {
        setBusy(false);
        setPending(undefined);
      }
    },
    [tabId, conversationId, follow, reload],
  );

  const conversation = useMemo(() => foldLive(view?.conversation, live), [view?.conversation, live]);
  const running = lastAnswer(conversation)?.status === 'running';
  const decide = useCallback((decision: JobDecision) => {
    setProblem(undefined);
    client.current?.decide(decision);
  }, []);

  return {
    view,
    conversation,
    problem,
    pending,
    busy,
    running,
    start,
    decide,
    stop: () => decide({ kind: 'stop' }),
    async newChat() {
      if (tabId === undefined) return;
      // A view still loading (asked before this click) must not bring the old conversation back.
      starts.current += 1;
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
