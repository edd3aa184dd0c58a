import { describe, expect, it } from 'vitest';
import { createTaskRouter, type RouteContext } from '@/utils/jobs/route-task';
import type { PageContent, TaskRequest } from '@/utils/jobs/task';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import type { ChainEntry, ChatMessage, LlmRequest, RouterStreamPart } from '@/utils/llm/types';
import { estimateTokens, inputBudgetTokens, OUTPUT_RESERVE_TOKENS } from '@/utils/page/chunk-plan';
import { CHAT_MAX_OUTPUT_TOKENS } from '@/utils/prompts/chat-about-page';
import { entry, fakeAdapters, finish, text } from '../llm/fake-adapter';

type ChatTask = Extract<TaskRequest, { kind: 'chat' }>;

/** About 40,000 characters (~10,000 tokens) of numbered sentences. */
const LONG_TEXT = Array.from({ length: 800 }, (_, i) => `Sentence ${i + 1} states a fact in plain words.`).join(' ');

const page: PageContent = { url: 'https://wiki.example.com/long', title: 'Long', text: LONG_TEXT, source: 'readability' };

const sized = (id: string, contextWindow?: number): ChainEntry => ({ ...entry(id), ...(contextWindow !== undefined ? { contextWindow } : {}) });

const chat = (overrides: Partial<ChatTask> = {}): ChatTask => ({
  kind: 'chat',
  page: { url: page.url, title: page.title },
  pageContent: page,
  messages: [{ role: 'user', content: 'What is sentence 3 about?' }],
  ...overrides,
});

async function run(task: TaskRequest, chain: ChainEntry[], extra: Partial<Extract<RouteContext, { status: 'ready' }>> = {}) {
  const fakes = fakeAdapters(Object.fromEntries(chain.map((link) => [link.id, [[text('Answer.'), finish]]])));
  const context: RouteContext = {
    status: 'ready',
    chain,
    health: createHealthTracker(),
    hedging: { enabled: false, minDelayMs: 0 },
    neverSendSites: [],
    consentedProviderIds: chain.map((link) => link.id),
    ...extra,
  };
  const parts: RouterStreamPart[] = [];
  for await (const part of createTaskRouter({ loadContext: async () => context, createAdapter: fakes.createAdapter, random: () => 0 })(task, new AbortController().signal)) {
    parts.push(part);
  }
  return { parts, requests: fakes.requests, calls: fakes.calls };
}

/** The page text between the delimiters of the newest message, or undefined when no page went. */
function pageBody(request: LlmRequest): string | undefined {
  return /<page>\n([\s\S]*)\n<\/page>/.exec(request.messages.at(-1)!.content)?.[1];
}

const tokensOf = (messages: readonly ChatMessage[], selection = ''): number => estimateTokens(messages.map((message) => message.content).join('\n') + selection);

describe('createTaskRouter with a chat turn', () => {
  it("should cut a page larger than the chain's smallest window to fit and say how much went, before the router's parts", async () => {
    const chain = [sized('a', 200_000), sized('b', 4_000)];
    const task = chat();

    const { parts, requests } = await run(task, chain);

    expect(parts[0]).toEqual({ type: 'coverage', parts: 1, fraction: expect.any(Number), complete: false });
    expect(parts[1]).toMatchObject({ type: 'attempt', entry: { id: 'a' } });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { id: 'a' } });
    expect(parts.filter((part) => part.type === 'coverage')).toHaveLength(1);

    expect(requests).toHaveLength(1);
    const body = pageBody(requests[0]!.request)!;
    expect(LONG_TEXT.startsWith(body)).toBe(true);
    // Within the smaller entry's budget, after the conversation's share and room for a full chat answer; not needlessly short.
    const budget = inputBudgetTokens(chain[1]!) - tokensOf(task.messages) - (CHAT_MAX_OUTPUT_TOKENS - OUTPUT_RESERVE_TOKENS);
    expect(estimateTokens(body)).toBeLessThanOrEqual(budget);
    expect(estimateTokens(body)).toBeGreaterThan(budget - 2);
    const coverage = parts[0] as Extract<RouterStreamPart, { type: 'coverage' }>;
    expect(coverage.fraction).toBeCloseTo(body.length / LONG_TEXT.length, 10);
    expect(coverage.fraction).toBeLessThan(1);
    expect(coverage.fraction).toBeGreaterThan(0);
    expect(requests[0]!.request.messages.at(-1)!.content).toContain(`Only the first ${Math.floor(coverage.fraction * 100)} %`);
  });

  it("should take the earlier turns and the selection out of the page's budget", async () => {
    const chain = [sized('a', 4_000)];
    const short = await run(chat(), chain);
    const earlier: ChatMessage[] = [
      { role: 'user', content: 'Earlier question? '.repeat(40) },
      { role: 'assistant', content: 'Earlier answer. '.repeat(60) },
      { role: 'user', content: 'What is sentence 3 about?' },
    ];
    const longTask = chat({ messages: earlier, selection: 'Selected words. '.repeat(30) });
    const long = await run(longTask, chain);

    const shortBody = pageBody(short.requests[0]!.request)!;
    const longBody = pageBody(long.requests[0]!.request)!;
    expect(longBody.length).toBeLessThan(shortBody.length);
    expect(estimateTokens(longBody)).toBeLessThanOrEqual(inputBudgetTokens(chain[0]!) - tokensOf(earlier, longTask.selection));
    expect(long.requests[0]!.request.messages.slice(0, 2)).toEqual(earlier.slice(0, 2));
  });

  it('should send a page that fits whole without a coverage part', async () => {
    const { parts, requests } = await run(chat({ pageContent: { ...page, text: 'A short page.' } }), [sized('a', 4_000)]);

    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    expect(parts[0]).toMatchObject({ type: 'attempt' });
    expect(pageBody(requests[0]!.request)).toBe('A short page.');
  });

  it('should send no page block and no coverage part for a question without the page', async () => {
    const { parts, requests } = await run(chat({ pageContent: undefined }), [sized('a', 4_000)]);

    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    expect(pageBody(requests[0]!.request)).toBeUndefined();
    expect(requests[0]!.request.messages.at(-1)!.content).toContain('Question: What is sentence 3 about?');
  });

  it.each([
    { name: 'the page when the page is included', task: chat(), sends: 'page' },
    { name: 'only the selection when the page is not included', task: chat({ pageContent: undefined, selection: 'Chosen.' }), sends: 'selection' },
  ])('should ask for consent, saying it sends $name', async ({ task, sends }) => {
    const { parts, calls } = await run(task, [sized('a'), sized('b')], { consentedProviderIds: ['a'] });

    expect(calls).toEqual([]);
    expect(parts).toEqual([{ type: 'consent-required', entries: [{ id: 'a', name: 'A', model: 'a-model', tier: 'local' }, { id: 'b', name: 'B', model: 'b-model', tier: 'local' }], sends }]);
  });

  it('should use the providers chosen for chat', async () => {
    const { parts, calls } = await run(chat({ pageContent: undefined }), [sized('a'), sized('b'), sized('c')], { taskChains: { chat: ['c'], summarize: ['a'], rewrite: ['b'] } });

    expect(parts.find((part) => part.type === 'attempt')).toMatchObject({ entry: { id: 'c' } });
    expect(calls.map((call) => call.entryId)).toEqual(['c']);
  });

  it("should cut the page to the chat chain's window, not that of providers left out of it", async () => {
    const chain = [sized('small', 4_000), sized('big', 200_000)];

    const { parts, requests } = await run(chat(), chain, { taskChains: { chat: ['big'] } });

    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    expect(requests.map((request) => request.entryId)).toEqual(['big']);
    expect(pageBody(requests[0]!.request)).toBe(LONG_TEXT);
  });
});
