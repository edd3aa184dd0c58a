import { describe, expect, it, vi } from 'vitest';
import { createChatService, fileJobResult } from '@/utils/chat/chat-service';
import type { AssistantMessage, Conversation, ConversationStore, UserMessage } from '@/utils/history/conversation';
import { createConversationStore, createMemoryItem } from '@/utils/history/conversation-store';
import type { JobIntent } from '@/utils/jobs/job-api';
import type { JobRecord } from '@/utils/jobs/job-record';
import type { JobRunner } from '@/utils/jobs/job-runner';
import { createJobService, type TabFacts } from '@/utils/jobs/job-service';
import type { TabReadResult } from '@/utils/page/page-snapshot';

const PAGE_URL = 'https://news.example.com/story';
const OTHER_URL = 'https://news.example.com/other';
const NO_ACCESS = 'Click the Lifeline button on this page to let it read the page.';
const TAB = 5;

const newStore = (): ConversationStore => createConversationStore({ item: createMemoryItem(), maxConversations: () => 50 });

function record(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return { id, title: 'Story', status: 'done', text: `Answer of ${id}.`, failures: [], workerId: 'w1', startedAt: 100, heartbeatAt: 100, ...overrides };
}

const ask = (question: string, includePage = true, includeSelection = false): JobIntent => ({ kind: 'ask', question, includePage, includeSelection });

const userMessage = (id: string, text: string, action: JobIntent = ask(text)): UserMessage => ({ id, role: 'user', createdAt: 10, text, action });

const assistantMessage = (id: string, job: JobRecord): AssistantMessage => ({ id, role: 'assistant', createdAt: 11, job });

function conversation(id: string, messages: Conversation['messages'], overrides: Partial<Conversation> = {}): Conversation {
  return { id, pageKey: PAGE_URL, url: PAGE_URL, title: 'Story', createdAt: 10, updatedAt: 10, messages, ...overrides };
}

interface Setup {
  facts?: TabFacts | undefined;
  /** What runner.current reports per job id. */
  current?: Record<string, JobRecord>;
}

function setup(options: Setup = {}) {
  const facts: TabFacts | undefined = 'facts' in options ? options.facts : { incognito: false, url: PAGE_URL, title: 'Story' };
  const normal = newStore();
  const incognito = newStore();
  let ids = 0;
  const storesAsked: boolean[] = [];
  const storeFor = async (isIncognito: boolean): Promise<ConversationStore> => {
    storesAsked.push(isIncognito);
    return isIncognito ? incognito : normal;
  };
  const runner = { current: vi.fn<JobRunner['current']>(async (jobId) => options.current?.[jobId]) };
  const service = createChatService({ runner, tabFacts: async () => facts, storeFor, noAccessMessage: NO_ACCESS, now: () => 1_000, newId: () => `id-${++ids}` });
  return { service, runner, storeFor, storesAsked, normal, incognito, facts };
}

/** The job API filing turns into `store`, with a runner that only says the job runs. */
function jobServiceFiling(store: ConversationStore, facts: TabFacts | undefined) {
  let ids = 0;
  const snapshot = { info: { url: PAGE_URL, title: 'Story' }, page: { url: PAGE_URL, title: 'Story', text: 'Text.', source: 'readability' as const }, selection: { text: '', editable: false } };
  return createJobService({
    runner: {
      start: async (_task, options) => record(options.jobId ?? 'job', { status: 'running', text: '' }),
      subscribe: async () => () => undefined,
      current: async () => undefined,
      stop: () => undefined,
      stopJobsOfTab: () => undefined,
    },
    readTab: async (): Promise<TabReadResult> => ({ ok: true, snapshot }),
    tabFacts: async () => facts,
    storeFor: async () => store,
    allStores: () => [store],
    recordConsent: async () => undefined,
    uiLanguage: () => 'en',
    newId: () => `new-${++ids}`,
  });
}

describe('chat service: view', () => {
  it('should report no access, with the way in, for a tab whose address the browser hides', async () => {
    const { service, storesAsked } = setup({ facts: { incognito: false } });

    const view = await service.view(TAB);

    expect(view).toEqual({ tabId: TAB, access: 'no-access', incognito: false, message: NO_ACCESS });
    expect(storesAsked).toEqual([]);
  });

  it('should say the tab is gone when the browser no longer knows it', async () => {
    const { service } = setup({ facts: undefined });

    const view = await service.view(TAB);

    expect(view).toMatchObject({ access: 'no-access', message: 'This tab is gone.' });
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

  it('should keep a turn the job service filed while it was bringing answers up to date', async () => {
    const { service, normal, runner, facts } = setup();
    await normal.put(conversation('c', [userMessage('q', 'Q'), assistantMessage('a', record('j-old', { status: 'running', text: '' }))]));
    let asked!: () => void;
    const lookedUp = new Promise<void>((resolve) => (asked = resolve));
    let answer!: (job: JobRecord) => void;
    runner.current.mockImplementation((jobId) => {
      if (jobId !== 'j-old') return Promise.resolve(undefined);
      asked();
      return new Promise((resolve) => (answer = resolve));
    });
    const jobs = jobServiceFiling(normal, facts);

    const viewing = service.view(TAB);
    await lookedUp;
    const turn = await jobs.start({ tabId: TAB, intent: ask('New?'), conversationId: 'c' });
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

describe('chat service: a new conversation', () => {
  it("should start an empty conversation about the tab's page and show it instead of the latest", async () => {
    const { service, normal } = setup({ facts: { incognito: false, url: `${PAGE_URL}#top`, title: 'Story' } });
    await normal.put(conversation('latest', [userMessage('q', 'Q'), assistantMessage('a', record('j'))], { updatedAt: 30 }));

    const view = await service.newConversation(TAB);

    expect(view).toMatchObject({ access: 'ok', page: { url: `${PAGE_URL}#top` } });
    expect(view.conversation).toEqual({ id: 'id-1', pageKey: PAGE_URL, url: `${PAGE_URL}#top`, title: 'Story', createdAt: 1_000, updatedAt: 1_000, messages: [] });
    expect(await normal.get('id-1')).toEqual(view.conversation);
    expect(await normal.get('latest')).toMatchObject({ messages: [{ text: 'Q' }, { role: 'assistant' }] });
    expect((await service.view(TAB)).conversation?.id).toBe('id-1');
  });

  it('should name the conversation by the address when the page has no title', async () => {
    const { service } = setup({ facts: { incognito: false, url: PAGE_URL } });

    const view = await service.newConversation(TAB);

    expect(view.conversation).toMatchObject({ title: PAGE_URL });
  });

  it("should keep a private window's new conversation in memory only", async () => {
    const { service, normal, incognito } = setup({ facts: { incognito: true, url: PAGE_URL, title: 'Story' } });

    const view = await service.newConversation(TAB);

    expect(view.incognito).toBe(true);
    expect(await incognito.all()).toEqual([view.conversation]);
    expect(await normal.all()).toEqual([]);
  });

  it('should start nothing for a tab Lifeline may not read, and say why', async () => {
    const { service, normal } = setup({ facts: { incognito: false } });

    const view = await service.newConversation(TAB);

    expect(view).toEqual({ tabId: TAB, access: 'no-access', incognito: false, message: NO_ACCESS });
    expect(await normal.all()).toEqual([]);
  });
});

describe('fileJobResult', () => {
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
