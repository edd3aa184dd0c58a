// The job API in the background: `start` reads the tab once (the tab reader), files the job as a turn of the page's
// conversation and runs it; `decide` applies the user's decisions to a job, which runs again in place under its id.
import { normalizePageUrl } from '../history/normalize-page-url';
import type { AssistantMessage, Conversation, ConversationStore, UserMessage } from '../history/conversation';
import type { PageSnapshot, TabReadResult } from '../page/page-snapshot';
import type { DecisionResult, JobDecision, StartJobRequest, StartJobResult } from './job-api';
import { createJobRecord, type JobRecord } from './job-record';
import type { JobListener, JobRunner } from './job-runner';
import { taskTitle, type PageInfo, type TaskRequest } from './task';
import { changeTask, earlierTurns, intentLabel, needsPage, refuse, taskForIntent, waitsForInstruction, type TaskChange } from './task-for-intent';

export interface TabFacts {
  incognito: boolean;
  /** Absent when the browser hides the tab's address from Lifeline (no access yet). */
  url?: string;
  title?: string;
}

export interface JobServiceDeps {
  runner: JobRunner;
  readTab: (tabId: number, includePage: boolean) => Promise<TabReadResult>;
  tabFacts: (tabId: number) => Promise<TabFacts | undefined>;
  /** Where conversations go: history (or the session when history is off) for normal windows, memory for private ones. */
  storeFor: (incognito: boolean) => Promise<ConversationStore>;
  /** Every store a job's conversation may be in (to run an earlier job again after the worker restarted). */
  allStores: () => readonly ConversationStore[];
  recordConsent: (providerIds: string[]) => Promise<void>;
  /** Tells open surfaces that a job started for a tab (nobody listening is fine). */
  announce?: (started: { tabId: number; jobId: string; conversationId: string }) => void;
  /** The browser's language, for "Translate to …". */
  uiLanguage: () => string;
  now?: () => number;
  newId?: () => string;
}

export interface JobService {
  start(request: StartJobRequest): Promise<StartJobResult>;
  decide(jobId: string, decision: JobDecision): Promise<DecisionResult>;
  attach(jobId: string, listener: JobListener): Promise<() => void>;
  current(jobId: string): Promise<JobRecord | undefined>;
  /** The tab closed: its jobs stop and their page text is dropped. */
  forgetTab(tabId: number): void;
}

interface KnownJob {
  task: TaskRequest;
  tabId: number;
  ephemeral: boolean;
}

/** Tasks kept in memory so a decision does not read the page again; page texts can be large, so only a few. */
const KNOWN_JOBS_LIMIT = 20;

export const JOB_MESSAGES = {
  tabGone: 'This tab is gone.',
  unknownJob: 'Lifeline no longer knows this answer. Ask again.',
  otherPage: 'The tab now shows another page. Ask again about this page.',
  notWaiting: 'This answer is not waiting for that any more.',
  notSummary: 'Only summaries have a style.',
  needsInstruction: 'Type how to rewrite the selection first.',
} as const;

/** The menu's report of a selection stands in when the page reader saw none (the selection is in a frame): read-only. */
function withSelectionFallback(snapshot: PageSnapshot, fallback: string | undefined): PageSnapshot {
  if (snapshot.selection.text.trim() || !fallback?.trim()) return snapshot;
  return { ...snapshot, selection: { text: fallback, editable: false } };
}

export function createJobService(deps: JobServiceDeps): JobService {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const known = new Map<string, KnownJob>();

  const keep = (jobId: string, job: KnownJob): void => {
    known.delete(jobId);
    known.set(jobId, job);
    if (known.size > KNOWN_JOBS_LIMIT) known.delete(known.keys().next().value!);
  };

  async function pageOf(tabId: number): Promise<{ facts: TabFacts; page?: PageInfo } | undefined> {
    const facts = await deps.tabFacts(tabId);
    if (!facts) return undefined;
    return { facts, ...(facts.url ? { page: { url: facts.url, title: facts.title ?? '' } } : {}) };
  }

  async function conversationFor(store: ConversationStore, request: StartJobRequest, info: PageInfo): Promise<Conversation | undefined> {
    const shown = request.conversationId ? await store.get(request.conversationId) : undefined;
    return shown ?? store.forPage(normalizePageUrl(info.url));
  }

  function freshConversation(info: PageInfo): Conversation {
    const at = now();
    return { id: newId(), pageKey: normalizePageUrl(info.url), url: info.url, title: info.title || info.url, createdAt: at, updatedAt: at, messages: [] };
  }

  async function start(request: StartJobRequest): Promise<StartJobResult> {
    const { intent, choices = {} } = request;
    const found = await pageOf(request.tabId);
    if (!found) return refuse('no-access', JOB_MESSAGES.tabGone);
    const ephemeral = found.facts.incognito;
    const store = await deps.storeFor(ephemeral);
    const shown = found.page ? await conversationFor(store, request, found.page) : undefined;

    const read = await deps.readTab(request.tabId, needsPage(intent));
    if (!read.ok) return refuse(read.reason === 'no-access' ? 'no-access' : 'failed', read.message);
    const snapshot = withSelectionFallback(read.snapshot, request.selectionFallback);
    const uiLanguage = deps.uiLanguage();
    const samePage = shown !== undefined && shown.pageKey === normalizePageUrl(snapshot.info.url);
    const kept = samePage ? shown.messages : [];
    const task = taskForIntent(intent, snapshot, earlierTurns(kept), choices, uiLanguage);
    if ('ok' in task) return task;

    const at = now();
    const jobId = newId();
    const question: UserMessage = {
      id: newId(),
      role: 'user',
      createdAt: at,
      text: intentLabel(intent, uiLanguage),
      action: intent,
      ...(choices.summaryStyle ? { summaryStyle: choices.summaryStyle } : {}),
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
    const conversation: Conversation = { ...(samePage ? shown : freshConversation(snapshot.info)), updatedAt: at, messages: [...kept, question, answer] };
    // Filed before the job starts, so the job's end always finds its message.
    await store.put(conversation);
    keep(jobId, { task, tabId: request.tabId, ephemeral });
    await deps.runner.start(task, { tabId: request.tabId, jobId, ...(ephemeral ? { ephemeral } : {}), ...(waitsForInstruction(intent) ? { waitFor: 'instruction' as const } : {}) });
    deps.announce?.({ tabId: request.tabId, jobId, conversationId: conversation.id });
    return { ok: true, jobId, conversation };
  }

  /** The conversation that holds this job, with the question it answers. */
  async function turnOf(jobId: string): Promise<{ store: ConversationStore; conversation: Conversation; questionAt: number } | undefined> {
    for (const store of deps.allStores()) {
      for (const conversation of await store.all()) {
        const answerAt = conversation.messages.findIndex((message) => message.role === 'assistant' && message.job.id === jobId);
        if (answerAt > 0 && conversation.messages[answerAt - 1]?.role === 'user') return { store, conversation, questionAt: answerAt - 1 };
      }
    }
    return undefined;
  }

  /** A job the worker no longer holds in memory (it restarted): its question is asked of the tab again. */
  async function rebuild(jobId: string, tabId: number | undefined): Promise<KnownJob | DecisionResult> {
    const turn = await turnOf(jobId);
    if (!turn || tabId === undefined) return { ok: false, message: JOB_MESSAGES.unknownJob };
    const question = turn.conversation.messages[turn.questionAt] as UserMessage;
    const facts = await deps.tabFacts(tabId);
    if (!facts) return { ok: false, message: JOB_MESSAGES.tabGone };
    const read = await deps.readTab(tabId, needsPage(question.action));
    if (!read.ok) return { ok: false, message: read.message };
    if (normalizePageUrl(read.snapshot.info.url) !== turn.conversation.pageKey) return { ok: false, message: JOB_MESSAGES.otherPage };
    // A selection the menu reported from a frame is not in the page reader's view: the one asked about stands in.
    const snapshot = withSelectionFallback(read.snapshot, question.selection);
    const earlier = earlierTurns(turn.conversation.messages.slice(0, turn.questionAt));
    const choices = question.summaryStyle ? { summaryStyle: question.summaryStyle } : {};
    const task = taskForIntent(question.action, snapshot, earlier, choices, deps.uiLanguage());
    if ('ok' in task) return { ok: false, message: task.message };
    return { task, tabId, ephemeral: facts.incognito };
  }

  /** Files what a decision changed in the question (the instruction typed, the style chosen). */
  async function updateQuestion(jobId: string, change: TaskChange): Promise<void> {
    if (!change.instruction && !change.summaryStyle) return;
    const turn = await turnOf(jobId);
    if (!turn) return;
    const question = turn.conversation.messages[turn.questionAt] as UserMessage;
    const action = question.action.kind === 'rewrite-selection' && change.instruction ? { ...question.action, instruction: change.instruction } : question.action;
    const updated: UserMessage = {
      ...question,
      action,
      text: intentLabel(action, deps.uiLanguage()),
      ...(change.summaryStyle ? { summaryStyle: change.summaryStyle } : {}),
    };
    const messages = turn.conversation.messages.map((message, index) => (index === turn.questionAt ? updated : message));
    await turn.store.put({ ...turn.conversation, messages, updatedAt: now() });
  }

  async function runAgain(jobId: string, change: TaskChange): Promise<DecisionResult> {
    const job = await deps.runner.current(jobId);
    const found = known.get(jobId) ?? (await rebuild(jobId, job?.tabId));
    if ('ok' in found) return found;
    if (change.summaryStyle && found.task.kind !== 'summarize-page' && found.task.kind !== 'summarize-selection') return { ok: false, message: JOB_MESSAGES.notSummary };
    const task = changeTask(found.task, change);
    keep(jobId, { ...found, task });
    await updateQuestion(jobId, change);
    await deps.runner.start(task, { tabId: found.tabId, jobId, ...(found.ephemeral ? { ephemeral: true } : {}) });
    return { ok: true };
  }

  async function decide(jobId: string, decision: JobDecision): Promise<DecisionResult> {
    const job = await deps.runner.current(jobId);
    const waitingFor = (status: JobRecord['status']): boolean => job?.status === status;
    switch (decision.kind) {
      case 'stop':
        deps.runner.stop(jobId);
        return { ok: true };
      case 'consent':
        if (!waitingFor('needs-consent')) return { ok: false, message: JOB_MESSAGES.notWaiting };
        // Saved before the job runs again and reads it.
        await deps.recordConsent(decision.providerIds);
        return runAgain(jobId, {});
      case 'read-whole-page':
        if (!waitingFor('needs-confirm')) return { ok: false, message: JOB_MESSAGES.notWaiting };
        return runAgain(jobId, { confirmedLong: true });
      case 'instruction':
        if (!waitingFor('needs-instruction')) return { ok: false, message: JOB_MESSAGES.notWaiting };
        return runAgain(jobId, { instruction: decision.instruction });
      case 'retry':
        // A custom rewrite runs only with the instruction the user types: never with a made-up one.
        if (waitingFor('needs-instruction')) return { ok: false, message: JOB_MESSAGES.needsInstruction };
        return runAgain(jobId, { preferProviderId: decision.preferProviderId });
      case 'style':
        if (waitingFor('needs-instruction')) return { ok: false, message: JOB_MESSAGES.needsInstruction };
        return runAgain(jobId, { summaryStyle: decision.summaryStyle });
    }
  }

  return {
    start,
    decide,
    attach: (jobId, listener) => deps.runner.subscribe(jobId, listener),
    current: (jobId) => deps.runner.current(jobId),
    forgetTab(tabId) {
      deps.runner.stopJobsOfTab(tabId);
      for (const [jobId, job] of known) if (job.tabId === tabId) known.delete(jobId);
    },
  };
}
