import { describe, expect, it } from 'vitest';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import { createLlmError } from '@/utils/llm/errors';
import { createTaskRouter, type RouteContext } from '@/utils/jobs/route-task';
import { applyRouterPart, createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import { describeJobStatus } from '@/utils/jobs/describe-job-status';
import { planLongPage } from '@/utils/jobs/summarize-long-page';
import type { TaskRequest } from '@/utils/jobs/task';
import type { ChainEntry, LlmRequest, RouterStreamPart } from '@/utils/llm/types';
import { estimateTokens } from '@/utils/page/chunk-plan';
import { entry, fail, fakeAdapters, finish, text, type Script } from '../llm/fake-adapter';

/** About 40,000 characters (~10,000 tokens) of numbered paragraphs. */
const LONG_TEXT = Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1}. ` + `Fact number ${i + 1} is stated here in plain words. `.repeat(4).trim()).join('\n\n');

const page = { url: 'https://wiki.example.com/long', title: 'Long', text: LONG_TEXT, source: 'readability' as const };

const small = (id: string, contextWindow?: number): ChainEntry => ({ ...entry(id), ...(contextWindow !== undefined ? { contextWindow } : {}) });

const ok = (answer: string): Script => [text(answer), finish];

async function run(chain: ChainEntry[], scripts: Record<string, Script[]>, taskExtra: Partial<Extract<TaskRequest, { kind: 'summarize-page' }>> = {}, extra: Partial<Extract<RouteContext, { status: 'ready' }>> = {}) {
  const fakes = fakeAdapters(scripts);
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
  const task: TaskRequest = { kind: 'summarize-page', page, ...taskExtra };
  for await (const part of createTaskRouter({ loadContext: async () => context, createAdapter: fakes.createAdapter, random: () => 0 })(task, new AbortController().signal)) {
    parts.push(part);
  }
  let job: JobRecord = createJobRecord({ id: 'j', title: 'Long', workerId: 'w', now: 0 });
  const statuses: string[] = [];
  for (const part of parts) {
    job = applyRouterPart(job, part);
    statuses.push(describeJobStatus(job));
  }
  return { parts, requests: fakes.requests, job, statuses };
}

/** The page text inside the part delimiters of the prompts, in order. */
function partBodies(requests: { request: LlmRequest }[]): string[] {
  return requests.flatMap(({ request }) => {
    const match = /<page part="\d+\/\d+">\n([\s\S]*)\n<\/page>/.exec(request.messages[0]!.content);
    return match ? [match[1]!] : [];
  });
}

describe('summarizing a long page in parts', () => {
  it('should send every part once, cover the text, stream only the combined answer and say how much was covered', async () => {
    const chain = [small('a', 4_000)];
    const planned = planLongPage(LONG_TEXT, chain).chunks.length;
    const { parts, requests, job, statuses } = await run(chain, { a: [...Array.from({ length: planned }, (_, i) => ok(`- note ${i + 1}`)), ok('The whole story.')] });

    const bodies = partBodies(requests);
    const progress = parts.filter((part) => part.type === 'progress');
    expect(bodies.length).toBeGreaterThan(3);
    expect(progress).toEqual(bodies.map((_, i) => ({ type: 'progress', part: i + 1, of: bodies.length })));
    // The parts together carry the page: at least 99 % of its characters, in order, nothing else.
    expect(bodies.join('').length / LONG_TEXT.length).toBeGreaterThanOrEqual(0.99);
    expect(bodies.join('').replace(/\s+/g, ' ')).toBe(LONG_TEXT.replace(/\s+/g, ' '));
    for (const body of bodies) expect(estimateTokens(body)).toBeLessThanOrEqual(4_000);
    // The notes are never answer text; the combine request carries them all.
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'The whole story.' }]);
    const combine = requests.at(-1)!.request.messages[0]!.content;
    for (let i = 1; i <= bodies.length; i++) expect(combine).toContain(`- note ${i}\n`);
    expect(job).toMatchObject({ status: 'done', text: 'The whole story.', coverage: { parts: bodies.length, fraction: 1, complete: true } });
    expect(statuses).toContain(`Reading part 3 of ${bodies.length}…`);
    expect(describeJobStatus(job)).toBe(`Answered by A (a-model). A runs on this computer. Covered the whole page in ${bodies.length} parts.`);
  });

  it('should send the page in one request when it fits the first entry', async () => {
    const { parts, requests } = await run([small('a', 200_000)], { a: [ok('Short.')] });

    expect(requests).toHaveLength(1);
    expect(requests[0]!.request.messages[0]!.content).toContain(LONG_TEXT);
    expect(parts.some((part) => part.type === 'progress')).toBe(false);
  });

  it('should plan for the smallest context window of the chain, so a fail-over never gets a part too long for it', async () => {
    const chain = [small('big', 200_000), small('tiny', 2_000)];
    const { requests, job } = await run(chain, {
      big: [[fail(createLlmError('overloaded', 'BIG', { status: 529 }))], ...Array.from({ length: 60 }, () => ok('- note'))],
      tiny: Array.from({ length: 60 }, () => ok('- note')),
    });

    for (const body of partBodies(requests)) expect(estimateTokens(body)).toBeLessThanOrEqual(2_000);
    expect(job.status).toBe('done');
  });

  it('should plan the rest again with a smaller budget when a part is refused as too long', async () => {
    const tooLong: Script = [fail(createLlmError('context-too-long', 'A', { status: 400 }))];
    const { parts, requests, job } = await run([small('a', 6_000)], { a: [ok('- one'), tooLong, ...Array.from({ length: 20 }, () => ok('- note'))] });

    const bodies = partBodies(requests);
    const progress = parts.filter((part): part is Extract<RouterStreamPart, { type: 'progress' }> => part.type === 'progress');
    expect(progress.at(-1)!.of).toBeGreaterThan(progress[0]!.of);
    // The refused part was planned again: the successful parts still carry the page.
    const sent = [bodies[0], ...bodies.slice(2)].join('');
    expect(sent.replace(/\s+/g, ' ')).toBe(LONG_TEXT.replace(/\s+/g, ' '));
    expect(job.status).toBe('done');
  });

  it('should never combine an incomplete set of parts: when a part cannot be read, the offline summary answers instead', async () => {
    const down: Script = [fail(createLlmError('auth', 'A', { status: 401 }))];
    const { parts, job } = await run([small('a', 4_000)], { a: [ok('- one'), down] });

    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    expect(parts.filter((part) => part.type === 'finish')).toEqual([expect.objectContaining({ answeredBy: expect.objectContaining({ tier: 'offline' }) })]);
    expect(job.text).not.toContain('- one');
    expect(describeJobStatus(job)).toMatch(/^Offline summary: no AI provider could be reached\. .* A \(a-model\) failed: 401 key rejected\.$/);
  });

  it('should ask before a page above the threshold, sending nothing, and run once confirmed', async () => {
    const chain = [small('a', 4_000)];
    const asked = await run(chain, {}, {}, { confirmAboveTokens: 5_000 });

    expect(asked.requests).toEqual([]);
    expect(asked.parts).toEqual([{ type: 'confirm-required', estimatedTokens: estimateTokens(LONG_TEXT), parts: expect.any(Number) }]);
    expect(asked.job.status).toBe('needs-confirm');
    const count = (asked.parts[0] as { parts: number }).parts;
    expect(describeJobStatus(asked.job)).toBe(
      `Nothing has been sent yet. This page is long: about ${estimateTokens(LONG_TEXT).toLocaleString('en-US')} tokens in ${count} parts. Summarize it anyway?`,
    );

    const confirmed = await run(chain, { a: Array.from({ length: 40 }, () => ok('- note')) }, { confirmedLong: true }, { confirmAboveTokens: 5_000 });
    expect(confirmed.job.status).toBe('done');
    expect(partBodies(confirmed.requests)).toHaveLength(count);
  });

  it('should not ask below the default threshold of 50,000 tokens', async () => {
    const { parts } = await run([small('a', 200_000)], { a: [ok('Short.')] });

    expect(parts.some((part) => part.type === 'confirm-required')).toBe(false);
  });

  it('should say when only part of the page was covered', () => {
    const job = applyRouterPart(
      applyRouterPart(createJobRecord({ id: 'j', title: 't', workerId: 'w', now: 0 }), { type: 'coverage', parts: 40, fraction: 0.853, complete: false }),
      { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: { id: 'a', name: 'A', model: 'm' }, failures: [] },
    );

    expect(describeJobStatus(job)).toContain('Covered 85 % of the page');
  });
});
