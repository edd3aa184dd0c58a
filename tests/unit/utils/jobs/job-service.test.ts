import { describe, expect, it } from 'vitest';
import type { AssistantMessage, Conversation, ConversationStore, UserMessage } from '@/utils/history/conversation';
import { createConversationStore, createMemoryItem } from '@/utils/history/conversation-store';
import type { JobDecision, JobIntent, StartJobRequest, StartJobResult } from '@/utils/jobs/job-api';
import { createJobRecord, markInterrupted, type JobRecord, type JobStatus } from '@/utils/jobs/job-record';
import type { JobListener, JobRunner, StartOptions } from '@/utils/jobs/job-runner';
import { createJobService, JOB_MESSAGES, type JobService, type TabFacts } from '@/utils/jobs/job-service';
import { taskTitle, type PageContent, type TaskRequest } from '@/utils/jobs/task';
import type { JobWorkerMessage } from '@/utils/messaging/job-port';
import type { PageSnapshot, TabReadResult } from '@/utils/page/page-snapshot';
import { MAX_REWRITE_CHARS } from '@/utils/prompts/rewrite-selection';

const PAGE_URL = 'https://news.example.com/story';
const OTHER_URL = 'https://news.example.com/other';
const TAB = 5;
const OTHER_TAB = 6;

type StartCall = { task: TaskRequest; options: StartOptions; storedAtStart: Conversation[] };

const newStore = (): ConversationStore => createConversationStore({ item: createMemoryItem(), maxConversations: () => 50 });

/** The job runner as the job service sees it: records what it was asked, and reports what the test says about a job. */
class FakeRunner implements JobRunner {
  readonly records = new Map<string, JobRecord>();
  readonly starts: StartCall[] = [];
  readonly stopped: string[] = [];
  readonly stoppedTabs: number[] = [];

  constructor(
    private readonly events: string[],
    private readonly filed: (ephemeral: boolean) => Promise<Conversation[]>,
  ) {}

  async start(task: TaskRequest, options: StartOptions): Promise<JobRecord> {
    this.events.push('runner.start');
    this.starts.push({ task, options, storedAtStart: await this.filed(options.ephemeral === true) });
    const id = options.jobId ?? 'runner-chosen';
    const fresh = createJobRecord({ id, title: taskTitle(task), workerId: 'w1', now: 1_000, ...(options.tabId !== undefined ? { tabId: options.tabId } : {}) });
    const record: JobRecord = options.waitFor === 'instruction' ? { ...fresh, status: 'needs-instruction' } : fresh;
    this.records.set(id, record);
    return record;
  }

  async subscribe(jobId: string, listener: JobListener): Promise<() => void> {
    listener({ type: 'snapshot', job: this.records.get(jobId) ?? markInterrupted(createJobRecord({ id: jobId, title: 'Earlier answer', workerId: '', now: 0 })) });
    return () => undefined;
  }

  async current(jobId: string): Promise<JobRecord | undefined> {
    return this.records.get(jobId);
  }

  stop(jobId: string): void {
    this.stopped.push(jobId);
  }

  stopJobsOfTab(tabId: number): void {
    this.stoppedTabs.push(tabId);
  }

  /** What routing reported: the job now waits for the user, or ended. */
  report(jobId: string, status: JobStatus, text = ''): void {
    this.records.set(jobId, { ...this.records.get(jobId)!, status, text });
  }
}

function record(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return { id, title: 'Story', status: 'done', text: `Answer of ${id}.`, failures: [], workerId: 'w1', startedAt: 100, heartbeatAt: 100, ...overrides };
}

const ask = (question: string, includePage = true, includeSelection = false): JobIntent => ({ kind: 'ask', question, includePage, includeSelection });

const userMessage = (id: string, text: string, action: JobIntent = ask(text), extra: Partial<UserMessage> = {}): UserMessage => ({ id, role: 'user', createdAt: 10, text, action, ...extra });

const assistantMessage = (id: string, job: JobRecord): AssistantMessage => ({ id, role: 'assistant', createdAt: 11, job });

function conversation(id: string, messages: Conversation['messages'], overrides: Partial<Conversation> = {}): Conversation {
  return { id, pageKey: PAGE_URL, url: PAGE_URL, title: 'Story', createdAt: 10, updatedAt: 10, messages, ...overrides };
}

/** The tab as the browser and the page reader see it; tests change it between calls (another page, a new selection). */
interface FakeTabState {
  /** undefined: the tab is closed. */
  facts: TabFacts | undefined;
  /** The page's readable text; undefined: the page has none. */
  pageText: string | undefined;
  pageProblem?: string;
  selection: string;
  editable: boolean;
  /** Replaces the read altogether (e.g. no access). */
  read?: TabReadResult;
}

interface Setup extends Partial<FakeTabState> {
  uiLanguage?: string;
}

function setup(options: Setup = {}) {
  const tab: FakeTabState = {
    facts: 'facts' in options ? options.facts : { incognito: false, url: PAGE_URL, title: 'Story' },
    pageText: 'pageText' in options ? options.pageText : 'The story in full.',
    selection: options.selection ?? '',
    editable: options.editable ?? false,
    ...(options.pageProblem ? { pageProblem: options.pageProblem } : {}),
    ...(options.read ? { read: options.read } : {}),
  };
  const normal = newStore();
  const incognito = newStore();
  const events: string[] = [];
  const reads: Array<{ tabId: number; includePage: boolean }> = [];
  const consents: string[][] = [];
  const announced: Array<{ tabId: number; jobId: string; conversationId: string }> = [];
  let ids = 0;

  const readTab = async (tabId: number, includePage: boolean): Promise<TabReadResult> => {
    events.push('readTab');
    reads.push({ tabId, includePage });
    if (tab.read) return tab.read;
    const url = tab.facts?.url ?? PAGE_URL;
    const title = tab.facts?.title ?? '';
    const page: PageContent | undefined = includePage && tab.pageText !== undefined ? { url, title, text: tab.pageText, source: 'readability' } : undefined;
    const snapshot: PageSnapshot = {
      info: { url, title },
      ...(page ? { page } : {}),
      ...(includePage && !page && tab.pageProblem ? { pageProblem: tab.pageProblem } : {}),
      selection: { text: tab.selection, editable: tab.editable },
    };
    return { ok: true, snapshot };
  };

  const storesAsked: boolean[] = [];
  const serviceWith = (runner: FakeRunner): JobService =>
    createJobService({
      runner,
      readTab,
      tabFacts: async () => tab.facts,
      storeFor: async (isIncognito) => {
        storesAsked.push(isIncognito);
        return isIncognito ? incognito : normal;
      },
      allStores: () => [normal, incognito],
      recordConsent: async (providerIds) => {
        // Saving takes a while: the job must not run before it is done.
        await new Promise((resolve) => setTimeout(resolve, 0));
        events.push(`consent ${providerIds.join(',')}`);
        consents.push(providerIds);
      },
      announce: (started) => {
        events.push('announce');
        announced.push(started);
      },
      uiLanguage: () => options.uiLanguage ?? 'en',
      now: () => 1_000,
      newId: () => `id-${++ids}`,
    });
  const newRunner = (): FakeRunner => new FakeRunner(events, (ephemeral) => (ephemeral ? incognito : normal).all());

  const runner = newRunner();
  const service = serviceWith(runner);

  /** The service worker restarted: a new service with an empty memory; the runner finds its jobs as they were saved. */
  const restart = (): { service: JobService; runner: FakeRunner } => {
    const next = newRunner();
    for (const [id, job] of runner.records) next.records.set(id, job);
    return { service: serviceWith(next), runner: next };
  };

  return { service, runner, tab, reads, storesAsked, normal, incognito, events, consents, announced, restart };
}

const newJob = (intent: JobIntent, extra: Partial<StartJobRequest> = {}): StartJobRequest => ({ tabId: TAB, intent, ...extra });

function started(result: StartJobResult): Extract<StartJobResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the job to start, got: ${result.message}`);
  return result;
}

function onlyStart(starts: StartCall[]): StartCall {
  expect(starts).toHaveLength(1);
  return starts[0]!;
}

function chatTask(call: StartCall | undefined): Extract<TaskRequest, { kind: 'chat' }> {
  if (call?.task.kind !== 'chat') throw new Error(`expected a chat task, got ${call?.task.kind}`);
  return call.task;
}

const messagesOf = async (store: ConversationStore, id: string): Promise<Conversation['messages']> => (await store.get(id))?.messages ?? [];

describe('job service: start', () => {
  it('should file the question and its answer before the job runs, then run it under that job id for that tab', async () => {
    const { service, runner, events, normal } = setup();

    const result = started(await service.start(newJob(ask('What happened?'))));

    expect(events.slice(0, 2)).toEqual(['readTab', 'runner.start']);
    const start = onlyStart(runner.starts);
    expect(start.options).toEqual({ tabId: TAB, jobId: result.jobId });
    // When the runner was asked to run the job, the conversation already held the question and the answer's job.
    expect(start.storedAtStart).toHaveLength(1);
    const filed = start.storedAtStart[0]!;
    expect(filed.messages).toHaveLength(2);
    expect(filed.messages[0]).toMatchObject({ role: 'user', text: 'What happened?', action: ask('What happened?'), includedPage: true });
    expect(filed.messages[1]).toMatchObject({ role: 'assistant', job: { id: result.jobId, status: 'running', tabId: TAB, text: '' } });
    expect(filed).toMatchObject({ pageKey: PAGE_URL, url: PAGE_URL, title: 'Story' });
    expect(result.conversation).toEqual(filed);
    expect(await normal.get(filed.id)).toEqual(filed);
  });

  it('should tell open surfaces that a job started for the tab, once it runs', async () => {
    const { service, events, announced } = setup();

    const result = started(await service.start(newJob({ kind: 'summarize-page' })));

    expect(announced).toEqual([{ tabId: TAB, jobId: result.jobId, conversationId: result.conversation.id }]);
    expect(events).toEqual(['readTab', 'runner.start', 'announce']);
  });

  it("should send the page's text only when the user includes the page", async () => {
    const withPage = setup();
    const withoutPage = setup();

    await withPage.service.start(newJob(ask('Q?', true)));
    const result = started(await withoutPage.service.start(newJob(ask('Q?', false))));

    expect(withPage.reads).toEqual([{ tabId: TAB, includePage: true }]);
    expect(chatTask(withPage.runner.starts[0]).pageContent).toMatchObject({ text: 'The story in full.', url: PAGE_URL });
    expect(withoutPage.reads).toEqual([{ tabId: TAB, includePage: false }]);
    const task = chatTask(withoutPage.runner.starts[0]);
    expect(task).not.toHaveProperty('pageContent');
    expect(task.page).toEqual({ url: PAGE_URL, title: 'Story' });
    expect(result.conversation.messages[0]).toMatchObject({ role: 'user', includedPage: false });
  });

  it('should send the selection only when the user includes it', async () => {
    const included = setup({ selection: 'The chosen words.' });
    const left = setup({ selection: 'The chosen words.' });

    const result = started(await included.service.start(newJob(ask('Why?', false, true))));
    const leftResult = started(await left.service.start(newJob(ask('Why?', false, false))));

    expect(chatTask(included.runner.starts[0]).selection).toBe('The chosen words.');
    expect(result.conversation.messages[0]).toMatchObject({ selection: 'The chosen words.' });
    expect(chatTask(left.runner.starts[0])).not.toHaveProperty('selection');
    expect(leftResult.conversation.messages[0]).not.toHaveProperty('selection');
  });

  it('should send the earlier complete turns in order, leaving out unfinished answers, and keep them in the conversation', async () => {
    const { service, normal, runner } = setup();
    const earlier = [
      userMessage('q1', 'First?'),
      assistantMessage('a1', record('j1', { text: 'First answer.' })),
      userMessage('q2', 'Cut short?'),
      assistantMessage('a2', record('j2', { status: 'interrupted', text: 'Half' })),
      userMessage('q3', 'Failed?'),
      assistantMessage('a3', record('j3', { status: 'error', text: '' })),
      userMessage('q4', 'Second?'),
      assistantMessage('a4', record('j4', { text: 'Second answer.' })),
      userMessage('q5', 'Never answered?'),
    ];
    await normal.put(conversation('c', earlier));

    const result = started(await service.start(newJob(ask('Third?'), { conversationId: 'c' })));

    expect(chatTask(onlyStart(runner.starts)).messages).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second?' },
      { role: 'assistant', content: 'Second answer.' },
      { role: 'user', content: 'Third?' },
    ]);
    expect(result.conversation.id).toBe('c');
    const saved = await normal.get('c');
    expect(saved?.messages.slice(0, earlier.length)).toEqual(earlier);
    expect(saved?.messages.slice(earlier.length)).toMatchObject([{ role: 'user', text: 'Third?' }, { role: 'assistant' }]);
    expect(saved?.updatedAt).toBe(1_000);
  });

  it("should continue the page's latest conversation when none is on screen", async () => {
    const { service, normal } = setup();
    await normal.put(conversation('older', [userMessage('q', 'Old?'), assistantMessage('a', record('j'))], { updatedAt: 10 }));
    await normal.put(conversation('latest', [userMessage('q', 'Recent?'), assistantMessage('a', record('k'))], { updatedAt: 20 }));

    const result = started(await service.start(newJob(ask('And now?'))));

    expect(result.conversation.id).toBe('latest');
    expect(await messagesOf(normal, 'older')).toHaveLength(2);
    expect(await messagesOf(normal, 'latest')).toHaveLength(4);
  });
});

describe('job service: refusals file nothing and run nothing', () => {
  const cases: { name: string; setup: Setup; intent: JobIntent; problem: string; message: RegExp }[] = [
    { name: 'an empty question', setup: {}, intent: ask('   '), problem: 'empty', message: /Type a question/ },
    {
      name: 'a question with the page when the page has no readable text',
      setup: { pageText: undefined, pageProblem: 'This page has no readable text.' },
      intent: ask('Q?', true),
      problem: 'no-text',
      message: /Turn off "Include the page"/,
    },
    {
      name: 'a question with the selection when nothing is selected',
      setup: { selection: '  ' },
      intent: ask('Q?', false, true),
      problem: 'no-selection',
      message: /Include the selection/,
    },
    { name: 'summarizing a page with no text', setup: { pageText: undefined }, intent: { kind: 'summarize-page' }, problem: 'no-text', message: /no readable text/ },
    { name: 'summarizing no selection', setup: { selection: '' }, intent: { kind: 'summarize-selection' }, problem: 'no-selection', message: /Select some text/ },
    { name: 'rewriting no selection', setup: { selection: ' \n ' }, intent: { kind: 'rewrite-selection', style: 'improve' }, problem: 'no-selection', message: /Select the text to rewrite/ },
    {
      name: 'rewriting a selection that is too long',
      setup: { selection: 'x'.repeat(MAX_REWRITE_CHARS + 1) },
      intent: { kind: 'rewrite-selection', style: 'fix' },
      problem: 'too-long',
      message: /too long to rewrite/,
    },
    {
      name: 'a tab Lifeline may not read',
      setup: { read: { ok: false, reason: 'no-access', message: 'Lifeline cannot read this tab yet.' } },
      intent: ask('Q?'),
      problem: 'no-access',
      message: /^Lifeline cannot read this tab yet\.$/,
    },
    {
      name: 'a tab whose read failed',
      setup: { read: { ok: false, reason: 'failed', message: 'The page did not answer.' } },
      intent: { kind: 'summarize-page' },
      problem: 'failed',
      message: /^The page did not answer\.$/,
    },
  ];

  it.each(cases)('should refuse $name', async ({ setup: options, intent, problem, message }) => {
    const { service, runner, normal, incognito, announced } = setup(options);

    const result = await service.start(newJob(intent));

    expect(result).toEqual({ ok: false, problem, message: expect.stringMatching(message) });
    expect(runner.starts).toEqual([]);
    expect(await normal.all()).toEqual([]);
    expect(await incognito.all()).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('should refuse a closed tab without reading it', async () => {
    const { service, runner, reads } = setup({ facts: undefined });

    const result = await service.start(newJob(ask('Q?')));

    expect(result).toEqual({ ok: false, problem: 'no-access', message: JOB_MESSAGES.tabGone });
    expect(reads).toEqual([]);
    expect(runner.starts).toEqual([]);
  });

  it('should leave an existing conversation untouched when it refuses', async () => {
    const { service, runner, normal } = setup({ selection: '' });
    const saved = conversation('c', [userMessage('q', 'Q'), assistantMessage('a', record('j'))]);
    await normal.put(saved);

    const result = await service.start(newJob({ kind: 'summarize-selection' }, { conversationId: 'c' }));

    expect(result.ok).toBe(false);
    expect(await normal.all()).toEqual([saved]);
    expect(runner.starts).toEqual([]);
  });
});

describe('job service: where conversations go', () => {
  it("should keep a private window's chat in the incognito store and run its job without writing it anywhere", async () => {
    const { service, normal, incognito, storesAsked, runner } = setup({ facts: { incognito: true, url: PAGE_URL, title: 'Story' } });

    const result = started(await service.start(newJob(ask('Q?'))));

    expect(storesAsked).toEqual([true]);
    expect(onlyStart(runner.starts).options).toEqual({ tabId: TAB, jobId: result.jobId, ephemeral: true });
    expect(await incognito.all()).toEqual([result.conversation]);
    expect(await normal.all()).toEqual([]);
  });

  it('should start a fresh conversation when the tab now shows another page than the conversation on screen', async () => {
    const { service, normal } = setup({ facts: { incognito: false, url: OTHER_URL, title: 'Other' } });
    const shown = conversation('c', [userMessage('q', 'About the story?'), assistantMessage('a', record('j', { text: 'Story answer.' }))]);
    await normal.put(shown);

    const result = started(await service.start(newJob(ask('About this one?'), { conversationId: 'c' })));

    expect(result.conversation.id).not.toBe('c');
    expect(result.conversation).toMatchObject({ pageKey: OTHER_URL, url: OTHER_URL, title: 'Other' });
    expect(result.conversation.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(await normal.get('c')).toEqual(shown);
    expect(await normal.get(result.conversation.id)).toEqual(result.conversation);
  });

  it("should send none of the other page's turns with the first question of the fresh conversation", async () => {
    const { service, normal, runner } = setup({ facts: { incognito: false, url: OTHER_URL, title: 'Other' } });
    await normal.put(conversation('c', [userMessage('q', 'About the story?'), assistantMessage('a', record('j', { text: 'Story answer.' }))]));

    await service.start(newJob(ask('About this one?'), { conversationId: 'c' }));

    expect(chatTask(onlyStart(runner.starts)).messages).toEqual([{ role: 'user', content: 'About this one?' }]);
  });
});

describe('job service: quick actions', () => {
  it("should translate into the browser's language", async () => {
    const { service, runner } = setup({ selection: 'Guten Morgen', editable: true, uiLanguage: 'fr' });

    const result = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'translate' })));

    expect(onlyStart(runner.starts).task).toMatchObject({ kind: 'rewrite-selection', style: 'translate', targetLanguage: 'fr', selection: 'Guten Morgen' });
    expect(result.conversation.messages[0]).toMatchObject({ selection: 'Guten Morgen', selectionEditable: true });
  });

  it("should pass a custom rewrite's instruction and name the turn by it", async () => {
    const { service, runner } = setup({ selection: 'hello' });

    const result = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' })));

    const start = onlyStart(runner.starts);
    expect(start.task).toMatchObject({ kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' });
    expect(start.task).not.toHaveProperty('targetLanguage');
    expect(start.options).not.toHaveProperty('waitFor');
    expect(result.conversation.messages[0]).toMatchObject({ text: 'Rewrite the selection: Make it rhyme', selectionEditable: false });
  });

  it('should file a custom rewrite asked without an instruction as waiting for it, sending nothing', async () => {
    const { service, runner } = setup({ selection: 'hello' });

    const result = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'custom' })));

    const start = onlyStart(runner.starts);
    expect(start.options).toEqual({ tabId: TAB, jobId: result.jobId, waitFor: 'instruction' });
    expect(start.task).not.toHaveProperty('instruction');
    expect(result.conversation.messages[0]).toMatchObject({ text: 'Rewrite the selection: your instruction', selection: 'hello' });
  });

  it('should summarize the page in the chosen style', async () => {
    const { service, reads, runner } = setup();

    const result = started(await service.start(newJob({ kind: 'summarize-page' }, { choices: { summaryStyle: 'tldr' } })));

    expect(reads).toEqual([{ tabId: TAB, includePage: true }]);
    expect(onlyStart(runner.starts).task).toMatchObject({ kind: 'summarize-page', summaryStyle: 'tldr', page: { text: 'The story in full.' } });
    expect(onlyStart(runner.starts).task).not.toHaveProperty('confirmedLong');
    expect(result.conversation.messages[0]).toMatchObject({ text: 'Summarize this page', action: { kind: 'summarize-page' }, summaryStyle: 'tldr' });
  });

  it('should summarize the selection without reading the page', async () => {
    const { service, reads, runner } = setup({ selection: 'Some words.' });

    await service.start(newJob({ kind: 'summarize-selection' }, { choices: { summaryStyle: 'key-points', preferProviderId: 'backup' } }));

    expect(reads).toEqual([{ tabId: TAB, includePage: false }]);
    expect(onlyStart(runner.starts).task).toMatchObject({ kind: 'summarize-selection', selection: 'Some words.', summaryStyle: 'key-points', preferProviderId: 'backup' });
  });
});

describe('job service: the selection the menu reported', () => {
  it('should stand in, read-only, when the page reader saw no selection (a selection in a frame)', async () => {
    const { service, runner } = setup({ selection: '', editable: true });

    const result = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'fix' }, { selectionFallback: 'Words in a frame' })));

    expect(onlyStart(runner.starts).task).toMatchObject({ kind: 'rewrite-selection', selection: 'Words in a frame' });
    expect(result.conversation.messages[0]).toMatchObject({ selection: 'Words in a frame', selectionEditable: false });
  });

  it('should give way to the selection the page reader saw', async () => {
    const { service, runner } = setup({ selection: 'Words on the page', editable: true });

    const result = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'fix' }, { selectionFallback: 'Words in a frame' })));

    expect(onlyStart(runner.starts).task).toMatchObject({ selection: 'Words on the page' });
    expect(result.conversation.messages[0]).toMatchObject({ selection: 'Words on the page', selectionEditable: true });
  });

  it('should not stand in when it is only blanks', async () => {
    const { service, runner } = setup({ selection: '' });

    const result = await service.start(newJob({ kind: 'summarize-selection' }, { selectionFallback: ' \n ' }));

    expect(result).toMatchObject({ ok: false, problem: 'no-selection' });
    expect(runner.starts).toEqual([]);
  });
});

describe('job service: decisions run the job again in place', () => {
  async function twoTurns() {
    const context = setup();
    await context.normal.put(conversation('c', [userMessage('q1', 'First?'), assistantMessage('a1', record('j1', { text: 'First answer.' }))]));
    const result = started(await context.service.start(newJob(ask('Second?'), { conversationId: 'c' })));
    context.runner.report(result.jobId, 'error');
    return { ...context, jobId: result.jobId };
  }

  it('should retry under the same job id, in the same turn, with the provider chosen for the retry', async () => {
    const { service, runner, normal, jobId } = await twoTurns();
    const before = await messagesOf(normal, 'c');

    const decided = await service.decide(jobId, { kind: 'retry', preferProviderId: 'backup' });

    expect(decided).toEqual({ ok: true });
    expect(runner.starts).toHaveLength(2);
    const again = runner.starts[1]!;
    expect(again.options).toEqual({ tabId: TAB, jobId });
    const task = chatTask(again);
    expect(task.preferProviderId).toBe('backup');
    // The question is asked once, after the earlier complete turn; the failed answer is not sent.
    expect(task.messages).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second?' },
    ]);
    expect(await messagesOf(normal, 'c')).toEqual(before);
  });

  it('should drop the provider an earlier retry preferred when the next retry names none', async () => {
    const { service, runner, jobId } = await twoTurns();

    await service.decide(jobId, { kind: 'retry', preferProviderId: 'backup' });
    await service.decide(jobId, { kind: 'retry' });

    expect(runner.starts.map((call) => call.task.preferProviderId)).toEqual([undefined, 'backup', undefined]);
    expect(runner.starts[2]!.task).not.toHaveProperty('preferProviderId');
  });

  it('should record the consent given, then run the job again', async () => {
    const { service, runner, events, consents } = setup();
    const { jobId } = started(await service.start(newJob({ kind: 'summarize-page' })));
    runner.report(jobId, 'needs-consent');
    events.length = 0;

    const decided = await service.decide(jobId, { kind: 'consent', providerIds: ['p1', 'p2'] });

    expect(decided).toEqual({ ok: true });
    expect(consents).toEqual([['p1', 'p2']]);
    expect(events).toEqual(['consent p1,p2', 'runner.start']);
    expect(runner.starts[1]?.options).toEqual({ tabId: TAB, jobId });
    expect(runner.starts[1]?.task).toEqual(runner.starts[0]?.task);
  });

  it('should summarize a long page whole once the user says so', async () => {
    const { service, runner } = setup();
    const { jobId } = started(await service.start(newJob({ kind: 'summarize-page' }, { choices: { summaryStyle: 'detailed' } })));
    runner.report(jobId, 'needs-confirm');

    const decided = await service.decide(jobId, { kind: 'read-whole-page' });

    expect(decided).toEqual({ ok: true });
    expect(runner.starts[1]?.task).toMatchObject({ kind: 'summarize-page', confirmedLong: true, summaryStyle: 'detailed', page: { text: 'The story in full.' } });
    expect(runner.starts[1]?.options.jobId).toBe(jobId);
  });

  it("should run a custom rewrite with the instruction typed, and name its turn by it", async () => {
    const { service, runner, normal } = setup({ selection: 'hello' });
    const { jobId, conversation: filed } = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'custom' })));

    const decided = await service.decide(jobId, { kind: 'instruction', instruction: 'Make it rhyme' });

    expect(decided).toEqual({ ok: true });
    expect(runner.starts[1]?.task).toMatchObject({ kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme', selection: 'hello' });
    expect(runner.starts[1]?.options).toEqual({ tabId: TAB, jobId });
    const [question, answer] = await messagesOf(normal, filed.id);
    expect(question).toMatchObject({
      id: filed.messages[0]?.id,
      text: 'Rewrite the selection: Make it rhyme',
      action: { kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' },
    });
    expect(answer).toMatchObject({ role: 'assistant', job: { id: jobId } });
  });

  it.each([{ kind: 'retry' } as const, { kind: 'retry', preferProviderId: 'other' } as const])(
    'should not run a custom rewrite waiting for its instruction on a $kind decision: nothing is made up for the user',
    async (decision) => {
      const { service, runner } = setup({ selection: 'hello' });
      const { jobId } = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'custom' })));

      const decided = await service.decide(jobId, decision);

      expect(decided).toEqual({ ok: false, message: JOB_MESSAGES.needsInstruction });
      expect(runner.starts).toHaveLength(1);
    },
  );

  it('should summarize again in the style chosen, and remember it in the question', async () => {
    const { service, runner, normal } = setup();
    const { jobId, conversation: filed } = started(await service.start(newJob({ kind: 'summarize-page' })));
    runner.report(jobId, 'done', 'Points.');

    const decided = await service.decide(jobId, { kind: 'style', summaryStyle: 'tldr' });

    expect(decided).toEqual({ ok: true });
    expect(runner.starts[1]?.task).toMatchObject({ kind: 'summarize-page', summaryStyle: 'tldr' });
    expect((await messagesOf(normal, filed.id))[0]).toMatchObject({ text: 'Summarize this page', summaryStyle: 'tldr' });
  });

  it('should refuse a style for anything but a summary', async () => {
    const { service, runner } = setup({ selection: 'hello' });
    const { jobId } = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'fix' })));

    const decided = await service.decide(jobId, { kind: 'style', summaryStyle: 'tldr' });

    expect(decided).toEqual({ ok: false, message: JOB_MESSAGES.notSummary });
    expect(runner.starts).toHaveLength(1);
  });

  it('should stop the job', async () => {
    const { service, runner } = setup();
    const { jobId } = started(await service.start(newJob({ kind: 'summarize-page' })));

    const decided = await service.decide(jobId, { kind: 'stop' });

    expect(decided).toEqual({ ok: true });
    expect(runner.stopped).toEqual([jobId]);
  });

  it("should run a private window's job again without writing it anywhere", async () => {
    const { service, runner, jobId } = await (async () => {
      const context = setup({ facts: { incognito: true, url: PAGE_URL, title: 'Story' } });
      const result = started(await context.service.start(newJob({ kind: 'summarize-page' })));
      return { ...context, jobId: result.jobId };
    })();

    await service.decide(jobId, { kind: 'retry' });

    expect(runner.starts[1]?.options).toEqual({ tabId: TAB, jobId, ephemeral: true });
  });

  it('should read the tab once for a job, whatever the user decides about it afterwards', async () => {
    const { service, runner, reads } = setup();
    const { jobId } = started(await service.start(newJob({ kind: 'summarize-page' })));

    runner.report(jobId, 'needs-consent');
    await service.decide(jobId, { kind: 'consent', providerIds: ['p1'] });
    runner.report(jobId, 'needs-confirm');
    await service.decide(jobId, { kind: 'read-whole-page' });
    runner.report(jobId, 'done', 'Summary.');
    await service.decide(jobId, { kind: 'style', summaryStyle: 'detailed' });
    await service.decide(jobId, { kind: 'retry' });

    expect(reads).toHaveLength(1);
    expect(runner.starts.map((call) => call.options.jobId)).toEqual([jobId, jobId, jobId, jobId, jobId]);
    expect(runner.starts.at(-1)?.task).toMatchObject({ confirmedLong: true, summaryStyle: 'detailed' });
  });
});

describe('job service: decisions the job is not waiting for', () => {
  const waitingFor: Array<[JobDecision, JobStatus]> = [
    [{ kind: 'consent', providerIds: ['p1'] }, 'needs-consent'],
    [{ kind: 'read-whole-page' }, 'needs-confirm'],
    [{ kind: 'instruction', instruction: 'Make it rhyme' }, 'needs-instruction'],
  ];
  const otherStatuses: JobStatus[] = ['running', 'done', 'error', 'interrupted', 'needs-consent', 'needs-confirm', 'needs-instruction'];

  it.each(waitingFor)('should refuse %j unless the job waits for it, recording and running nothing', async (decision, awaited) => {
    const { service, runner, consents } = setup({ selection: 'hello' });
    const { jobId } = started(await service.start(newJob({ kind: 'rewrite-selection', style: 'custom', instruction: 'x' })));

    const results = [];
    for (const status of otherStatuses.filter((candidate) => candidate !== awaited)) {
      runner.report(jobId, status);
      results.push(await service.decide(jobId, decision));
    }

    expect(results).toHaveLength(otherStatuses.length - 1);
    for (const result of results) expect(result).toEqual({ ok: false, message: JOB_MESSAGES.notWaiting });
    expect(consents).toEqual([]);
    expect(runner.starts).toHaveLength(1);
  });

  it('should refuse a decision about a job nobody knows', async () => {
    const { service, runner } = setup();

    const retried = await service.decide('never-started', { kind: 'retry' });
    const consented = await service.decide('never-started', { kind: 'consent', providerIds: ['p1'] });

    expect(retried).toEqual({ ok: false, message: JOB_MESSAGES.unknownJob });
    expect(consented).toEqual({ ok: false, message: JOB_MESSAGES.notWaiting });
    expect(runner.starts).toEqual([]);
  });
});

describe('job service: after the service worker restarted', () => {
  it('should rebuild the task from the conversation and read the tab again to retry', async () => {
    const first = setup();
    await first.normal.put(conversation('c', [userMessage('q1', 'First?'), assistantMessage('a1', record('j1', { text: 'First answer.' }))]));
    const { jobId } = started(await first.service.start(newJob(ask('Second?'), { conversationId: 'c' })));
    first.runner.report(jobId, 'interrupted', 'Half');
    const { service, runner } = first.restart();

    const decided = await service.decide(jobId, { kind: 'retry', preferProviderId: 'backup' });

    expect(decided).toEqual({ ok: true });
    expect(first.reads).toEqual([
      { tabId: TAB, includePage: true },
      { tabId: TAB, includePage: true },
    ]);
    const again = onlyStart(runner.starts);
    expect(again.options).toEqual({ tabId: TAB, jobId });
    expect(chatTask(again)).toMatchObject({
      preferProviderId: 'backup',
      pageContent: { text: 'The story in full.' },
      messages: [
        { role: 'user', content: 'First?' },
        { role: 'assistant', content: 'First answer.' },
        { role: 'user', content: 'Second?' },
      ],
    });
  });

  it('should keep the summary style of the question', async () => {
    const first = setup();
    const { jobId } = started(await first.service.start(newJob({ kind: 'summarize-page' }, { choices: { summaryStyle: 'tldr' } })));
    first.runner.report(jobId, 'needs-confirm');
    const { service, runner } = first.restart();

    await service.decide(jobId, { kind: 'read-whole-page' });

    expect(onlyStart(runner.starts).task).toMatchObject({ kind: 'summarize-page', summaryStyle: 'tldr', confirmedLong: true });
  });

  it('should take the instruction of a custom rewrite that was waiting for it', async () => {
    const first = setup({ selection: 'hello' });
    const { jobId, conversation: filed } = started(await first.service.start(newJob({ kind: 'rewrite-selection', style: 'custom' })));
    const { service, runner } = first.restart();

    const decided = await service.decide(jobId, { kind: 'instruction', instruction: 'Make it rhyme' });

    expect(decided).toEqual({ ok: true });
    expect(onlyStart(runner.starts).task).toMatchObject({ style: 'custom', instruction: 'Make it rhyme', selection: 'hello' });
    expect((await messagesOf(first.normal, filed.id))[0]).toMatchObject({ text: 'Rewrite the selection: Make it rhyme' });
  });

  it('should refuse when the tab now shows another page, running nothing', async () => {
    const first = setup();
    const { jobId } = started(await first.service.start(newJob({ kind: 'summarize-page' })));
    first.runner.report(jobId, 'interrupted');
    const { service, runner } = first.restart();
    first.tab.facts = { incognito: false, url: OTHER_URL, title: 'Other' };

    const decided = await service.decide(jobId, { kind: 'retry' });

    expect(decided).toEqual({ ok: false, message: JOB_MESSAGES.otherPage });
    expect(runner.starts).toEqual([]);
  });

  it('should refuse when the tab is gone', async () => {
    const first = setup();
    const { jobId } = started(await first.service.start(newJob({ kind: 'summarize-page' })));
    first.runner.report(jobId, 'interrupted');
    const { service, runner } = first.restart();
    first.tab.facts = undefined;

    const decided = await service.decide(jobId, { kind: 'retry' });

    expect(decided).toEqual({ ok: false, message: JOB_MESSAGES.tabGone });
    expect(runner.starts).toEqual([]);
  });

  it('should summarize the selection asked about again when the page no longer shows it selected', async () => {
    const first = setup({ selection: 'hello' });
    const { jobId } = started(await first.service.start(newJob({ kind: 'summarize-selection' })));
    first.runner.report(jobId, 'interrupted');
    const { service, runner } = first.restart();
    first.tab.selection = '';

    const decided = await service.decide(jobId, { kind: 'retry' });

    expect(decided).toEqual({ ok: true });
    expect(onlyStart(runner.starts).task).toMatchObject({ kind: 'summarize-selection', selection: 'hello' });
  });
});

describe('job service: following a job and closing its tab', () => {
  it("should attach a surface to the runner's job", async () => {
    const { service } = setup();
    const { jobId } = started(await service.start(newJob({ kind: 'summarize-page' })));
    const seen: JobWorkerMessage[] = [];

    await service.attach(jobId, (message) => seen.push(message));

    expect(seen).toEqual([{ type: 'snapshot', job: expect.objectContaining({ id: jobId, status: 'running', tabId: TAB }) }]);
    expect(await service.current(jobId)).toMatchObject({ id: jobId, status: 'running' });
  });

  it("should stop a closed tab's jobs and forget their page text, and only that tab's", async () => {
    const { service, runner, reads } = setup();
    const closing = started(await service.start(newJob({ kind: 'summarize-page' })));
    const staying = started(await service.start(newJob({ kind: 'summarize-page' }, { tabId: OTHER_TAB })));
    runner.report(closing.jobId, 'interrupted');
    runner.report(staying.jobId, 'interrupted');

    service.forgetTab(TAB);
    await service.decide(staying.jobId, { kind: 'retry' });
    const readsBefore = reads.length;
    await service.decide(closing.jobId, { kind: 'retry' });

    expect(runner.stoppedTabs).toEqual([TAB]);
    expect(readsBefore).toBe(2);
    // The closed tab's job had to be read again: its page text was gone.
    expect(reads.length).toBe(3);
  });
});
