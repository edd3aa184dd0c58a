// The chat about a tab's page, run by the background: reads the page as a turn needs, files the turn in the page's
// conversation, and starts the job that answers it. The answer is saved into the conversation when its job ends.
import { normalizePageUrl } from '../history/normalize-page-url';
import type { AssistantMessage, ChatAction, Conversation, ConversationStore, UserMessage } from '../history/conversation';
import { createJobRecord, type JobRecord } from '../jobs/job-record';
import type { JobRunner } from '../jobs/job-runner';
import { taskTitle, type PageInfo, type TaskRequest } from '../jobs/task';
import type { ChatMessage } from '../llm/types';
import type { PageSnapshot, TabReadResult } from '../page/page-snapshot';
import { MAX_REWRITE_CHARS, rewriteStyleLabel } from '../prompts/rewrite-selection';
import type { ChatTurnProblem, ChatTurnRequest, ChatTurnResult, ChatView } from './chat-turn';

export interface TabFacts {
  incognito: boolean;
  /** Absent when the browser hides the tab's address from Lifeline (no access yet). */
  url?: string;
  title?: string;
}

export interface ChatServiceDeps {
  runner: Pick<JobRunner, 'start' | 'current'>;
  readTab: (tabId: number, includePage: boolean) => Promise<TabReadResult>;
  tabFacts: (tabId: number) => Promise<TabFacts | undefined>;
  /** Where conversations go: history (or the session when history is off) for normal windows, memory for private ones. */
  storeFor: (incognito: boolean) => Promise<ConversationStore>;
  /** The browser's language, for "Translate to …". */
  uiLanguage: () => string;
  noAccessMessage: string;
  now?: () => number;
  newId?: () => string;
}

export interface ChatService {
  view(tabId: number): Promise<ChatView>;
  startTurn(request: ChatTurnRequest): Promise<ChatTurnResult>;
  newConversation(tabId: number): Promise<ChatView>;
  /** "Ask a follow-up" in the in-page panel: files its finished job as a turn of the page's conversation. */
  adoptJob(tabId: number, action: ChatAction, job: JobRecord, page: PageInfo): Promise<Conversation>;
}

type Refusal = Extract<ChatTurnResult, { ok: false }>;
const refuse = (problem: ChatTurnProblem, message: string): Refusal => ({ ok: false, problem, message });

/** What a quick action is called in the conversation. */
export function actionLabel(action: ChatAction, uiLanguage: string): string {
  switch (action.kind) {
    case 'ask':
      return action.question;
    case 'summarize-page':
      return 'Summarize this page';
    case 'summarize-selection':
      return 'Summarize the selection';
    case 'rewrite-selection':
      return action.style === 'custom' && action.instruction
        ? `Rewrite the selection: ${action.instruction}`
        : `Rewrite the selection: ${rewriteStyleLabel(action.style, uiLanguage)}`;
  }
}

const needsPage = (action: ChatAction): boolean => action.kind === 'summarize-page' || (action.kind === 'ask' && action.includePage);

/** Earlier turns as the model sees them: each question with its complete answer; unanswered turns are left out. */
export function earlierTurns(messages: readonly Conversation['messages'][number][]): ChatMessage[] {
  const turns: ChatMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role !== 'user') return;
    const answer = messages[index + 1];
    if (answer?.role !== 'assistant' || answer.job.status !== 'done' || !answer.job.text) return;
    turns.push({ role: 'user', content: message.text }, { role: 'assistant', content: answer.job.text });
  });
  return turns;
}

/** The task for one turn, or why it cannot run (nothing is sent then). */
export function taskForTurn(
  action: ChatAction,
  snapshot: PageSnapshot,
  earlier: ChatMessage[],
  choices: Pick<ChatTurnRequest, 'preferProviderId' | 'confirmedLong' | 'summaryStyle'>,
  uiLanguage: string,
): TaskRequest | Refusal {
  const prefer = choices.preferProviderId ? { preferProviderId: choices.preferProviderId } : {};
  const style = choices.summaryStyle ? { summaryStyle: choices.summaryStyle } : {};
  const selection = snapshot.selection.text;
  switch (action.kind) {
    case 'summarize-page':
      if (!snapshot.page) return refuse('no-text', snapshot.pageProblem ?? 'This page has no readable text to summarize.');
      return { kind: 'summarize-page', page: snapshot.page, ...style, ...prefer, ...(choices.confirmedLong ? { confirmedLong: true } : {}) };
    case 'summarize-selection':
      if (!selection.trim()) return refuse('no-selection', 'Select some text on the page first, then try again.');
      return { kind: 'summarize-selection', page: snapshot.info, selection, ...style, ...prefer };
    case 'rewrite-selection':
      if (!selection.trim()) return refuse('no-selection', 'Select the text to rewrite on the page first, then try again.');
      if (selection.length > MAX_REWRITE_CHARS) {
        return refuse(
          'too-long',
          `The selection is too long to rewrite (${selection.length.toLocaleString('en')} characters; at most ${MAX_REWRITE_CHARS.toLocaleString('en')}). Select a shorter part.`,
        );
      }
      return {
        kind: 'rewrite-selection',
        page: snapshot.info,
        selection,
        style: action.style,
        ...(action.style === 'custom' && action.instruction ? { instruction: action.instruction } : {}),
        ...(action.style === 'translate' ? { targetLanguage: uiLanguage } : {}),
        ...prefer,
      };
    case 'ask': {
      if (!action.question.trim()) return refuse('empty', 'Type a question first.');
      if (action.includePage && !snapshot.page) {
        return refuse('no-text', `${snapshot.pageProblem ?? 'This page has no readable text.'} Turn off "Include the page" to ask anyway.`);
      }
      if (action.includeSelection && !selection.trim()) {
        return refuse('no-selection', 'Nothing is selected on the page. Select some text, or turn off "Include the selection".');
      }
      return {
        kind: 'chat',
        page: snapshot.info,
        ...(action.includePage && snapshot.page ? { pageContent: snapshot.page } : {}),
        ...(action.includeSelection ? { selection } : {}),
        messages: [...earlier, { role: 'user', content: action.question }],
        ...prefer,
      };
    }
  }
}

export function createChatService(deps: ChatServiceDeps): ChatService {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());

  /** Answers the store still shows as running are brought up to date (finished, or interrupted with their worker). */
  async function reconcile(store: ConversationStore, conversation: Conversation): Promise<Conversation> {
    const ended = (
      await Promise.all(
        conversation.messages.map(async (message) =>
          message.role === 'assistant' && message.job.status === 'running' ? deps.runner.current(message.job.id) : undefined,
        ),
      )
    ).filter((job): job is JobRecord => job !== undefined && job.status !== 'running');
    if (ended.length === 0) return conversation;
    // Each through the store's queue, so a turn filed meanwhile is kept.
    for (const job of ended) await store.updateJob(job);
    return (await store.get(conversation.id)) ?? conversation;
  }

  async function pageOf(tabId: number): Promise<{ facts: TabFacts; page?: PageInfo } | undefined> {
    const facts = await deps.tabFacts(tabId);
    if (!facts) return undefined;
    return { facts, ...(facts.url ? { page: { url: facts.url, title: facts.title ?? '' } } : {}) };
  }

  async function view(tabId: number): Promise<ChatView> {
    const found = await pageOf(tabId);
    if (!found) return { tabId, access: 'no-access', incognito: false, message: 'This tab is gone.' };
    const { facts, page } = found;
    if (!page) return { tabId, access: 'no-access', incognito: facts.incognito, message: deps.noAccessMessage };
    const store = await deps.storeFor(facts.incognito);
    const saved = await store.forPage(normalizePageUrl(page.url));
    const conversation = saved ? await reconcile(store, saved) : undefined;
    return { tabId, access: 'ok', page, incognito: facts.incognito, ...(conversation ? { conversation } : {}) };
  }

  async function conversationFor(store: ConversationStore, request: ChatTurnRequest, info: PageInfo): Promise<Conversation | undefined> {
    if (request.conversationId) {
      const shown = await store.get(request.conversationId);
      if (shown) return shown;
    }
    return store.forPage(normalizePageUrl(info.url));
  }

  function freshConversation(info: PageInfo): Conversation {
    const at = now();
    return { id: newId(), pageKey: normalizePageUrl(info.url), url: info.url, title: info.title || info.url, createdAt: at, updatedAt: at, messages: [] };
  }

  async function startTurn(request: ChatTurnRequest): Promise<ChatTurnResult> {
    const found = await pageOf(request.tabId);
    if (!found) return refuse('no-access', 'This tab is gone.');
    const store = await deps.storeFor(found.facts.incognito);
    const shown = found.page ? await conversationFor(store, request, found.page) : undefined;

    // "Again" runs the last question once more, in place of its answer.
    let action: ChatAction;
    let kept: Conversation['messages'];
    let question: UserMessage | undefined;
    if (request.turn.kind === 'again') {
      const lastQuestionAt = shown ? shown.messages.findLastIndex((message) => message.role === 'user') : -1;
      question = lastQuestionAt >= 0 ? (shown!.messages[lastQuestionAt] as UserMessage) : undefined;
      if (!shown || !question) return refuse('empty', 'There is nothing to run again yet.');
      action = question.action;
      kept = shown.messages.slice(0, lastQuestionAt);
    } else {
      action = request.turn.action;
      kept = shown?.messages ?? [];
    }

    const read = await deps.readTab(request.tabId, needsPage(action));
    if (!read.ok) return refuse(read.reason === 'no-access' ? 'no-access' : 'failed', read.message);
    const { snapshot } = read;
    const uiLanguage = deps.uiLanguage();
    const samePage = shown !== undefined && shown.pageKey === normalizePageUrl(snapshot.info.url);
    const task = taskForTurn(action, snapshot, earlierTurns(samePage ? kept : []), request, uiLanguage);
    if ('ok' in task) return task;

    const at = now();
    const jobId = newId();
    const userMessage: UserMessage = {
      ...(question ?? { id: newId(), role: 'user', text: actionLabel(action, uiLanguage), action }),
      createdAt: question?.createdAt ?? at,
      ...(task.kind === 'chat' && task.selection ? { selection: task.selection } : {}),
      ...(task.kind === 'summarize-selection' || task.kind === 'rewrite-selection' ? { selection: task.selection } : {}),
      ...(task.kind === 'rewrite-selection' ? { selectionEditable: snapshot.selection.editable } : {}),
      ...(task.kind === 'chat' ? { includedPage: task.pageContent !== undefined } : {}),
    };
    const answer: AssistantMessage = {
      id: newId(),
      role: 'assistant',
      createdAt: at,
      job: createJobRecord({ id: jobId, title: taskTitle(task), tabId: request.tabId, workerId: '', now: at }),
    };
    const base = samePage ? shown : freshConversation(snapshot.info);
    const conversation: Conversation = { ...base, updatedAt: at, messages: [...(samePage ? kept : []), userMessage, answer] };
    // Filed before the job starts, so the job's end always finds its message.
    await store.put(conversation);
    await deps.runner.start(task, { tabId: request.tabId, jobId, ...(found.facts.incognito ? { ephemeral: true } : {}) }, () => undefined);
    return { ok: true, conversation, jobId };
  }

  async function newConversation(tabId: number): Promise<ChatView> {
    const current = await view(tabId);
    if (current.access !== 'ok' || !current.page) return current;
    const store = await deps.storeFor(current.incognito);
    const conversation = freshConversation(current.page);
    await store.put(conversation);
    return { ...current, conversation };
  }

  async function adoptJob(tabId: number, action: ChatAction, job: JobRecord, page: PageInfo): Promise<Conversation> {
    const facts = await deps.tabFacts(tabId);
    const store = await deps.storeFor(facts?.incognito ?? false);
    const base = (await store.forPage(normalizePageUrl(page.url))) ?? freshConversation(page);
    if (base.messages.some((message) => message.role === 'assistant' && message.job.id === job.id)) return base;
    const at = now();
    const conversation: Conversation = {
      ...base,
      updatedAt: at,
      messages: [
        ...base.messages,
        { id: newId(), role: 'user', createdAt: job.startedAt, text: actionLabel(action, deps.uiLanguage()), action },
        { id: newId(), role: 'assistant', createdAt: job.startedAt, job },
      ],
    };
    await store.put(conversation);
    return conversation;
  }

  return { view, startTurn, newConversation, adoptJob };
}

/** Files a job's final state in whichever conversation holds it. */
export async function fileJobResult(stores: readonly ConversationStore[], job: JobRecord): Promise<void> {
  await Promise.all(stores.map((store) => store.updateJob(job)));
}
