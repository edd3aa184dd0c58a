import { describe, expect, it, vi } from 'vitest';
import { createChatService, fileJobResult, type TabFacts } from '@/utils/chat/chat-service';
import type { ChatTurnRequest } from '@/utils/chat/chat-turn';
import type { AssistantMessage, ChatAction, Conversation, ConversationStore, UserMessage } from '@/utils/history/conversation';
import { createConversationStore, createMemoryItem } from '@/utils/history/conversation-store';
import type { JobRecord } from '@/utils/jobs/job-record';
import type { JobRunner } from '@/utils/jobs/job-runner';
import type { PageContent, TaskRequest } from '@/utils/jobs/task';
import type { PageSnapshot, TabReadResult } from '@/utils/page/page-snapshot';
import { MAX_REWRITE_CHARS } from '@/utils/prompts/rewrite-selection';

const PAGE_URL = 'https://news.example.com/story';
const OTHER_URL = 'https://news.example.com/other';
const NO_ACCESS = 'Click the Lifeline button on this page to let it read the page.';
const TAB = 5;

type StartCall = { task: TaskRequest; options: Parameters<JobRunner['start']>[1]; storedAtStart: Conversation[] };

const newStore = (): ConversationStore => createConversationStore({ item: createMemoryItem(), maxConversations: () => 50 });

function record(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return { id, title: 'Story', status: 'done', text: `Answer of ${id}.`, failures: [], workerId: 'w1', startedAt: 100, heartbeatAt: 100, ...overrides };
}

const ask = (question: string, includePage = true, includeSelection = false): ChatAction => ({ kind: 'ask', question, includePage, includeSelection });

const userMessage = (id: string, text: string, action: ChatAction = ask(text)): UserMessage => ({ id, role: 'user', createdAt: 10, text, action });

const assistantMessage = (id: string, job: JobRecord): AssistantMessage => ({ id, role: 'assistant', createdAt: 11, job });

function conversation(id: string, messages: Conversation['messages'], overrides: Partial<Conversation> = {}): Conversation {
  return { id, pageKey: PAGE_URL, url: PAGE_URL, title: 'Story', createdAt: 10, updatedAt: 10, messages, ...overrides };
}

interface Setup {
  facts?: TabFacts | undefined;
  /** The page's readable text; undefined: the page has none. */
  pageText?: string | undefined;
  pageProblem?: string;
  selection?: string;
  editable?: boolean;
  /** Replaces the read altogether (e.g. no access). */
  read?: TabReadResult;
  uiLanguage?: string;
  /** What runner.current reports per job id. */
  current?: Record<string, JobRecord>;
}

function setup(options: Setup = {}) {
  const facts: TabFacts | undefined = 'facts' in options ? options.facts : { incognito: false, url: PAGE_URL, title: 'Story' };
  const pageText = 'pageText' in options ? options.pageText : 'The story in full.';
  const normal = newStore();
  const incognito = newStore();
  const events: string[] = [];
  const starts: StartCall[] = [];
  let ids = 0;

  const storeFor = vi.fn(async (isIncognito: boolean) => (isIncognito ? incognito : normal));
  const runner = {
    start: vi.fn<JobRunner['start']>(async (task, startOptions) => {
      events.push('runner.start');
      const store = startOptions.ephemeral ? incognito : normal;
      starts.push({ task, options: startOptions, storedAtStart: await store.all() });
      return startOptions.jobId ?? 'runner-chosen';
    }),
    current: vi.fn<JobRunner['current']>(async (jobId) => options.current?.[jobId]),
  };
  const readTab = vi.fn(async (_tabId: number, includePage: boolean): Promise<TabReadResult> => {
    events.push('readTab');
    if (options.read) return options.read;
    const url = facts?.url ?? PAGE_URL;
    const page: PageContent | undefined =
      includePage && pageText !== undefined ? { url, title: facts?.title ?? '', text: pageText, source: 'readability' } : undefined;
    const snapshot: PageSnapshot = {
      info: { url, title: facts?.title ?? '' },
      ...(page ? { page } : {}),
      ...(includePage && !page && options.pageProblem ? { pageProblem: options.pageProblem } : {}),
      selection: { text: options.selection ?? '', editable: options.editable ?? false },
    };
    return { ok: true, snapshot };
  });
  const service = createChatService({
    runner,
    readTab,
    tabFacts: async () => facts,
    storeFor,
    uiLanguage: () => options.uiLanguage ?? 'en',
    noAccessMessage: NO_ACCESS,
    now: () => 1_000,
    newId: () => `id-${++ids}`,
  });
  return { service, runner, readTab, storeFor, normal, incognito, events, starts };
}

const newTurn = (action: ChatAction, extra: Partial<ChatTurnRequest> = {}): ChatTurnRequest => ({ tabId: TAB, turn: { kind: 'new', action }, ...extra });

function onlyStart(starts: StartCall[]): StartCall {
  expect(starts).toHaveLength(1);
  return starts[0]!;
}

function chatTask(starts: StartCall[]): Extract<TaskRequest, { kind: 'chat' }> {
  const { task } = onlyStart(starts);
  if (task.kind !== 'chat') throw new Error(`expected a chat task, got ${task.kind}`);
  return task;
}

describe('chat service: view', () => {
  it('should report no access, with the way in, for a tab whose address the browser hides', async () => {
    const { service, storeFor } = setup({ facts: { incognito: false } });

    const view = await service.view(TAB);

    expect(view).toEqual({ tabId: TAB, access: 'no-access', incognito: false, message: NO_ACCESS });
    expect(storeFor).not.toHaveBeenCalled();
  });

  it('should say the tab is gone when the browser no longer knows it', async () => {
    const { service } = setup({ facts: undefined });

    expect(await service.view(TAB)).toMatchObject({ access: 'no-access', message: 'This tab is gone.' });
  });

  it("should show the page's latest conversation, whatever fragment or tracking tag the tab's address has", async () => {
    const { service, normal } = setup({ facts: { incognito: false, url: `${PAGE_URL}?utm_source=mail#comments`, title: 'Story' } });
    await normal.put(conversation('older', [], { updatedAt: 10 }));
    await normal.put(conversation('latest', [], { updatedAt: 30 }));
    await normal.put(conversation('elsewhere', [], { updatedAt: 50, pageKey: OTHER_URL, url: OTHER_URL }));

    const view = await service.view(TAB);

    expect(view).toMatchObject({ access: 'ok', incognito: false, page: { url: `${PAGE_URL}?utm_source=mail#comments`, title: 'Story' } });
    expect(view.conversation?.id).toBe('latest');
  });

  it('should show no conversation for a page never chatted about', async () => {
    const { service } = setup();

    const view = await service.view(TAB);

    expect(view.access).toBe('ok');
    expect(view.conversation).toBeUndefined();
  });

  it('should bring answers the store still shows as running up to date, and save them so', async () => {
    const interrupted = record('j-cut', { status: 'interrupted', text: 'Half an' });
    const finished = record('j-done', { status: 'done', text: 'Full answer.' });
    const { service, normal, runner } = setup({ current: { 'j-cut': interrupted, 'j-done': finished, 'j-live': record('j-live', { status: 'running' }) } });
    await normal.put(
      conversation('c', [
        userMessage('q0', 'Old'),
        assistantMessage('a0', record('j-old', { status: 'done' })),
        userMessage('q1', 'First'),
        assistantMessage('a1', record('j-cut', { status: 'running', text: '' })),
        userMessage('q2', 'Second'),
        assistantMessage('a2', record('j-done', { status: 'running', text: '' })),
        userMessage('q3', 'Third'),
        assistantMessage('a3', record('j-live', { status: 'running', text: '' })),
      ]),
    );

    const view = await service.view(TAB);

    const jobsOf = (found: Conversation | undefined) => found?.messages.flatMap((message) => (message.role === 'assistant' ? [message.job] : []));
    expect(jobsOf(view.conversation)?.map((job) => [job.id, job.status])).toEqual([
      ['j-old', 'done'],
      ['j-cut', 'interrupted'],
      ['j-done', 'done'],
      ['j-live', 'running'],
    ]);
    expect(jobsOf(await normal.get('c'))).toEqual(jobsOf(view.conversation));
    expect(jobsOf(await normal.get('c'))?.[2]?.text).toBe('Full answer.');
    // Only the answers that claim to run are looked up.
    expect(runner.current.mock.calls.map(([id]) => id).sort()).toEqual(['j-cut', 'j-done', 'j-live']);
  });

  it('should keep a turn filed while it was bringing answers up to date', async () => {
    const { service, normal, runner } = setup();
    await normal.put(conversation('c', [userMessage('q', 'Q'), assistantMessage('a', record('j-old', { status: 'running', text: '' }))]));
    let asked!: () => void;
    const lookedUp = new Promise<void>((resolve) => (asked = resolve));
    let answer!: (job: JobRecord) => void;
    runner.current.mockImplementation((jobId) => {
      if (jobId !== 'j-old') return Promise.resolve(undefined);
      asked();
      return new Promise((resolve) => (answer = resolve));
    });

    const viewing = service.view(TAB);
    await lookedUp;
    const turn = await service.startTurn(newTurn(ask('New?'), { conversationId: 'c' }));
    answer(record('j-old', { status: 'interrupted', text: '' }));
    await viewing;

    expect(turn.ok).toBe(true);
    expect((await normal.get('c'))?.messages.map((message) => (message.role === 'user' ? message.text : message.job.status))).toEqual([
      'Q',
      'interrupted',
      'New?',
      'running',
    ]);
  });

  it('should leave the saved conversation alone when every answer is still running', async () => {
    const { service, normal } = setup({ current: { j: record('j', { status: 'running' }) } });
    const saved = conversation('c', [userMessage('q', 'Q'), assistantMessage('a', record('j', { status: 'running', text: '' }))]);
    await normal.put(saved);
    const put = vi.spyOn(normal, 'put');

    const view = await service.view(TAB);

    expect(view.conversation).toEqual(saved);
    expect(put).not.toHaveBeenCalled();
  });
});

describe('chat service: asking about the page', () => {
  it('should file the question and its answer before the job starts, then start it with that job id for that tab', async () => {
    const { service, runner, events, starts, normal } = setup();

    const result = await service.startTurn(newTurn(ask('What happened?')));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(events).toEqual(['readTab', 'runner.start']);
    const start = onlyStart(starts);
    expect(start.options).toEqual({ tabId: TAB, jobId: result.jobId });
    expect(runner.start).toHaveBeenCalledTimes(1);
    // When the runner was asked to start, the conversation already held the question and the answer's job.
    expect(start.storedAtStart).toHaveLength(1);
    const filed = start.storedAtStart[0]!;
    expect(filed.messages).toHaveLength(2);
    expect(filed.messages[0]).toMatchObject({ role: 'user', text: 'What happened?', action: ask('What happened?'), includedPage: true });
    expect(filed.messages[1]).toMatchObject({ role: 'assistant', job: { id: result.jobId, status: 'running', tabId: TAB, text: '' } });
    expect(filed).toMatchObject({ pageKey: PAGE_URL, url: PAGE_URL, title: 'Story' });
    expect(result.conversation).toEqual(filed);
    expect(await normal.get(filed.id)).toEqual(filed);
  });

  it("should send the page's text only when the user includes the page", async () => {
    const withPage = setup();
    await withPage.service.startTurn(newTurn(ask('Q?', true)));
    expect(withPage.readTab).toHaveBeenCalledWith(TAB, true);
    expect(chatTask(withPage.starts).pageContent).toMatchObject({ text: 'The story in full.', url: PAGE_URL });

    const withoutPage = setup();
    const result = await withoutPage.service.startTurn(newTurn(ask('Q?', false)));
    expect(withoutPage.readTab).toHaveBeenCalledWith(TAB, false);
    const task = chatTask(withoutPage.starts);
    expect(task).not.toHaveProperty('pageContent');
    expect(task.page).toEqual({ url: PAGE_URL, title: 'Story' });
    expect(result.ok && result.conversation.messages[0]).toMatchObject({ role: 'user', includedPage: false });
  });

  it('should send the selection only when the user includes it', async () => {
    const included = setup({ selection: 'The chosen words.' });
    const result = await included.service.startTurn(newTurn(ask('Why?', false, true)));
    expect(chatTask(included.starts).selection).toBe('The chosen words.');
    expect(result.ok && result.conversation.messages[0]).toMatchObject({ selection: 'The chosen words.' });

    const left = setup({ selection: 'The chosen words.' });
    const leftResult = await left.service.startTurn(newTurn(ask('Why?', false, false)));
    expect(chatTask(left.starts)).not.toHaveProperty('selection');
    expect(leftResult.ok && leftResult.conversation.messages[0]).not.toHaveProperty('selection');
  });

  it('should send the earlier complete turns in order, leaving out unfinished answers, and keep them in the conversation', async () => {
    const { service, normal, starts } = setup();
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

    const result = await service.startTurn(newTurn(ask('Third?'), { conversationId: 'c' }));

    expect(chatTask(starts).messages).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second?' },
      { role: 'assistant', content: 'Second answer.' },
      { role: 'user', content: 'Third?' },
    ]);
    expect(result.ok && result.conversation.id).toBe('c');
    const saved = await normal.get('c');
    expect(saved?.messages.slice(0, earlier.length)).toEqual(earlier);
    expect(saved?.messages.slice(earlier.length)).toMatchObject([{ role: 'user', text: 'Third?' }, { role: 'assistant' }]);
    expect(saved?.updatedAt).toBe(1_000);
  });
});

describe('chat service: refusals record nothing and send nothing', () => {
  const cases: { name: string; setup: Setup; action: ChatAction; problem: string; message: RegExp }[] = [
    { name: 'an empty question', setup: {}, action: ask('   '), problem: 'empty', message: /Type a question/ },
    {
      name: 'a question with the page when the page has no readable text',
      setup: { pageText: undefined, pageProblem: 'This page has no readable text.' },
      action: ask('Q?', true),
      problem: 'no-text',
      message: /Turn off "Include the page"/,
    },
    {
      name: 'a question with the selection when nothing is selected',
      setup: { selection: '  ' },
      action: ask('Q?', false, true),
      problem: 'no-selection',
      message: /Include the selection/,
    },
    { name: 'summarizing a page with no text', setup: { pageText: undefined }, action: { kind: 'summarize-page' }, problem: 'no-text', message: /no readable text/ },
    { name: 'summarizing no selection', setup: { selection: '' }, action: { kind: 'summarize-selection' }, problem: 'no-selection', message: /Select some text/ },
    { name: 'rewriting no selection', setup: { selection: ' \n ' }, action: { kind: 'rewrite-selection', style: 'improve' }, problem: 'no-selection', message: /Select the text to rewrite/ },
    {
      name: 'rewriting a selection that is too long',
      setup: { selection: 'x'.repeat(MAX_REWRITE_CHARS + 1) },
      action: { kind: 'rewrite-selection', style: 'fix' },
      problem: 'too-long',
      message: /too long to rewrite/,
    },
    {
      name: 'a tab Lifeline may not read',
      setup: { read: { ok: false, reason: 'no-access', message: 'Lifeline cannot read this tab yet.' } },
      action: ask('Q?'),
      problem: 'no-access',
      message: /^Lifeline cannot read this tab yet\.$/,
    },
    {
      name: 'a tab whose read failed',
      setup: { read: { ok: false, reason: 'failed', message: 'The page did not answer.' } },
      action: { kind: 'summarize-page' },
      problem: 'failed',
      message: /^The page did not answer\.$/,
    },
  ];

  it.each(cases)('should refuse $name', async ({ setup: options, action, problem, message }) => {
    const { service, runner, normal, incognito } = setup(options);

    const result = await service.startTurn(newTurn(action));

    expect(result).toEqual({ ok: false, problem, message: expect.stringMatching(message) });
    expect(runner.start).not.toHaveBeenCalled();
    expect(await normal.all()).toEqual([]);
    expect(await incognito.all()).toEqual([]);
  });

  it('should refuse a closed tab', async () => {
    const { service, runner } = setup({ facts: undefined });

    expect(await service.startTurn(newTurn(ask('Q?')))).toMatchObject({ ok: false, problem: 'no-access' });
    expect(runner.start).not.toHaveBeenCalled();
  });

  it('should leave an existing conversation untouched when it refuses', async () => {
    const { service, runner, normal } = setup({ selection: '' });
    const saved = conversation('c', [userMessage('q', 'Q'), assistantMessage('a', record('j'))]);
    await normal.put(saved);

    const result = await service.startTurn(newTurn({ kind: 'summarize-selection' }, { conversationId: 'c' }));

    expect(result.ok).toBe(false);
    expect(await normal.all()).toEqual([saved]);
    expect(runner.start).not.toHaveBeenCalled();
  });
});

describe('chat service: running the last turn again', () => {
  it('should replace the last answer with a new job and carry the provider chosen for the retry', async () => {
    const { service, normal, starts } = setup();
    const question = userMessage('q2', 'Second?');
    await normal.put(
      conversation('c', [
        userMessage('q1', 'First?'),
        assistantMessage('a1', record('j1', { text: 'First answer.' })),
        question,
        assistantMessage('a2', record('j2', { status: 'error', text: '' })),
      ]),
    );

    const result = await service.startTurn({ tabId: TAB, turn: { kind: 'again' }, conversationId: 'c', preferProviderId: 'backup' });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const task = chatTask(starts);
    expect(task.preferProviderId).toBe('backup');
    // The question is asked once, after the earlier complete turn; the failed answer is not sent.
    expect(task.messages).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second?' },
    ]);
    const saved = await normal.get('c');
    expect(saved?.messages).toHaveLength(4);
    expect(saved?.messages.filter((message) => message.role === 'user' && message.text === 'Second?')).toHaveLength(1);
    expect(saved?.messages[2]).toMatchObject({ id: 'q2', createdAt: question.createdAt, text: 'Second?' });
    const answer = saved?.messages[3];
    expect(answer?.role).toBe('assistant');
    expect(answer?.role === 'assistant' && answer.job).toMatchObject({ id: result.jobId, status: 'running' });
    expect(result.jobId).not.toBe('j2');
    expect(answer?.id).not.toBe('a2');
    expect(onlyStart(starts).options.jobId).toBe(result.jobId);
  });

  it('should run a long-page summary again once the user confirmed it, with its style', async () => {
    const { service, normal, starts } = setup();
    await normal.put(
      conversation('c', [
        userMessage('q', 'Summarize this page', { kind: 'summarize-page' }),
        assistantMessage('a', record('j', { status: 'needs-confirm', text: '' })),
      ]),
    );

    const result = await service.startTurn({ tabId: TAB, turn: { kind: 'again' }, conversationId: 'c', confirmedLong: true, summaryStyle: 'detailed' });

    expect(result.ok).toBe(true);
    expect(onlyStart(starts).task).toMatchObject({ kind: 'summarize-page', confirmedLong: true, summaryStyle: 'detailed', page: { text: 'The story in full.' } });
    expect((await normal.get('c'))?.messages).toHaveLength(2);
  });

  it('should refuse when there is nothing to run again', async () => {
    const { service, runner } = setup();

    expect(await service.startTurn({ tabId: TAB, turn: { kind: 'again' } })).toMatchObject({ ok: false, problem: 'empty' });
    expect(runner.start).not.toHaveBeenCalled();
  });
});

describe('chat service: where conversations go', () => {
  it('should keep a private window\'s chat in the incognito store and run its job without writing it anywhere', async () => {
    const { service, normal, incognito, storeFor, starts } = setup({ facts: { incognito: true, url: PAGE_URL, title: 'Story' } });

    const result = await service.startTurn(newTurn(ask('Q?')));

    expect(result.ok).toBe(true);
    expect(storeFor).toHaveBeenCalledWith(true);
    expect(storeFor).not.toHaveBeenCalledWith(false);
    expect(onlyStart(starts).options).toMatchObject({ tabId: TAB, ephemeral: true });
    expect(await incognito.all()).toHaveLength(1);
    expect(await normal.all()).toEqual([]);
    expect(await service.view(TAB)).toMatchObject({ incognito: true, conversation: { id: result.ok ? result.conversation.id : '' } });
  });

  it("should start a fresh conversation when the tab now shows another page than the conversation on screen", async () => {
    const { service, normal } = setup({ facts: { incognito: false, url: OTHER_URL, title: 'Other' } });
    const shown = conversation('c', [userMessage('q', 'About the story?'), assistantMessage('a', record('j', { text: 'Story answer.' }))]);
    await normal.put(shown);

    const result = await service.startTurn(newTurn(ask('About this one?'), { conversationId: 'c' }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.conversation.id).not.toBe('c');
    expect(result.conversation).toMatchObject({ pageKey: OTHER_URL, url: OTHER_URL, title: 'Other' });
    expect(result.conversation.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(await normal.get('c')).toEqual(shown);
    expect(await normal.get(result.conversation.id)).toEqual(result.conversation);
  });

  it('should send none of the other page\'s turns with the first question of the fresh conversation', async () => {
    const { service, normal, starts } = setup({ facts: { incognito: false, url: OTHER_URL, title: 'Other' } });
    await normal.put(conversation('c', [userMessage('q', 'About the story?'), assistantMessage('a', record('j', { text: 'Story answer.' }))]));

    await service.startTurn(newTurn(ask('About this one?'), { conversationId: 'c' }));

    expect(chatTask(starts).messages).toEqual([{ role: 'user', content: 'About this one?' }]);
  });
});

describe('chat service: quick actions', () => {
  it("should translate into the browser's language", async () => {
    const { service, starts } = setup({ selection: 'Guten Morgen', editable: true, uiLanguage: 'fr' });

    const result = await service.startTurn(newTurn({ kind: 'rewrite-selection', style: 'translate' }));

    expect(onlyStart(starts).task).toMatchObject({ kind: 'rewrite-selection', style: 'translate', targetLanguage: 'fr', selection: 'Guten Morgen' });
    expect(result.ok && result.conversation.messages[0]).toMatchObject({ selection: 'Guten Morgen', selectionEditable: true });
  });

  it("should pass a custom rewrite's instruction and name the turn by it", async () => {
    const { service, starts } = setup({ selection: 'hello' });

    const result = await service.startTurn(newTurn({ kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' }));

    expect(onlyStart(starts).task).toMatchObject({ kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' });
    expect(onlyStart(starts).task).not.toHaveProperty('targetLanguage');
    expect(result.ok && result.conversation.messages[0]).toMatchObject({ text: 'Rewrite the selection: Make it rhyme', selectionEditable: false });
  });

  it('should summarize the page in the chosen style', async () => {
    const { service, readTab, starts } = setup();

    const result = await service.startTurn(newTurn({ kind: 'summarize-page' }, { summaryStyle: 'tldr' }));

    expect(readTab).toHaveBeenCalledWith(TAB, true);
    expect(onlyStart(starts).task).toMatchObject({ kind: 'summarize-page', summaryStyle: 'tldr', page: { text: 'The story in full.' } });
    expect(onlyStart(starts).task).not.toHaveProperty('confirmedLong');
    expect(result.ok && result.conversation.messages[0]).toMatchObject({ text: 'Summarize this page', action: { kind: 'summarize-page' } });
  });

  it('should summarize the selection without reading the page', async () => {
    const { service, readTab, starts } = setup({ selection: 'Some words.' });

    await service.startTurn(newTurn({ kind: 'summarize-selection' }, { summaryStyle: 'key-points' }));

    expect(readTab).toHaveBeenCalledWith(TAB, false);
    expect(onlyStart(starts).task).toMatchObject({ kind: 'summarize-selection', selection: 'Some words.', summaryStyle: 'key-points' });
  });
});

describe('chat service: jobs from elsewhere', () => {
  const page = { url: PAGE_URL, title: 'Story' };

  it("should file a finished job from the in-page panel as one turn of the page's conversation, once", async () => {
    const { service, normal } = setup();
    await normal.put(conversation('c', [userMessage('q', 'Earlier?'), assistantMessage('a', record('j0'))]));
    const job = record('panel-job', { tabId: TAB, startedAt: 500, text: 'The summary.' });

    const first = await service.adoptJob(TAB, { kind: 'summarize-page' }, job, page);
    const second = await service.adoptJob(TAB, { kind: 'summarize-page' }, job, page);

    expect(first.id).toBe('c');
    expect(first.messages.slice(2)).toMatchObject([
      { role: 'user', text: 'Summarize this page', action: { kind: 'summarize-page' }, createdAt: 500 },
      { role: 'assistant', createdAt: 500, job },
    ]);
    expect(second).toEqual(first);
    expect((await normal.get('c'))?.messages).toHaveLength(4);
    expect(await normal.all()).toHaveLength(1);
  });

  it('should start a conversation for a page that has none when adopting a job', async () => {
    const { service, normal } = setup();

    const adopted = await service.adoptJob(TAB, { kind: 'summarize-selection' }, record('panel-job'), page);

    expect(adopted).toMatchObject({ pageKey: PAGE_URL, title: 'Story', messages: [{ role: 'user', text: 'Summarize the selection' }, { role: 'assistant', job: { id: 'panel-job' } }] });
    expect(await normal.get(adopted.id)).toEqual(adopted);
  });

  it('should file a job\'s final state in whichever store holds it', async () => {
    const history = newStore();
    const privateStore = newStore();
    await privateStore.put(conversation('c', [userMessage('q', 'Q?'), assistantMessage('a', record('j', { status: 'running', text: '' }))]));
    await history.put(conversation('other', [userMessage('q', 'Q?'), assistantMessage('a', record('k', { status: 'running', text: '' }))]));
    const finished = record('j', { status: 'done', text: 'Done now.' });

    await fileJobResult([history, privateStore], finished);

    const filed = (await privateStore.get('c'))?.messages[1];
    expect(filed?.role === 'assistant' && filed.job).toEqual(finished);
    const untouched = (await history.get('other'))?.messages[1];
    expect(untouched?.role === 'assistant' && untouched.job.status).toBe('running');
    expect(await history.all()).toHaveLength(1);
  });
});
