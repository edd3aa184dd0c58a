import { describe, expect, it } from 'vitest';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import { createTaskRouter, type RouteContext } from '@/utils/jobs/route-task';
import type { TaskRequest } from '@/utils/jobs/task';
import type { RouterStreamPart } from '@/utils/llm/types';
import { entry, fakeAdapters, finish, text } from '../llm/fake-adapter';

const task: TaskRequest = { kind: 'summarize-page', page: { url: 'https://news.example.com/story', title: 'Story', text: 'Text.', source: 'readability' } };

const ARTICLE = [
  'The city council approved a new budget for public libraries on Monday evening after a long debate.',
  'The budget adds funding for longer opening hours in every neighbourhood branch across the city.',
  'Several council members argued that the money should instead go to road repairs this year.',
  'Librarians said the longer hours would help students who need a quiet place to study after school.',
  'The mayor is expected to sign the budget into law before the end of the month.',
  'A public hearing on the road repair plan is scheduled for next week at city hall.',
].join(' ');

async function route(context: Partial<Extract<RouteContext, { status: 'ready' }>> | { status: 'locked' }, routed: TaskRequest = task) {
  const fakes = fakeAdapters({ a: [[text('Summary'), finish]] });
  const full: RouteContext =
    'status' in context && context.status === 'locked'
      ? context
      : { status: 'ready', chain: [entry('a')], health: createHealthTracker(), hedging: { enabled: false, minDelayMs: 0 }, neverSendSites: [], consentedProviderIds: ['a'], ...context };
  const parts: RouterStreamPart[] = [];
  for await (const part of createTaskRouter({ loadContext: async () => full, createAdapter: fakes.createAdapter })(routed, new AbortController().signal)) parts.push(part);
  return { parts, calls: fakes.calls };
}

describe('createTaskRouter', () => {
  it('should answer when the providers are consented and the site is allowed', async () => {
    const { parts } = await route({});

    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { id: 'a' } });
  });

  it('should send nothing from a site on the never-send list', async () => {
    const { parts, calls } = await route({ neverSendSites: ['example.com'] });

    expect(calls).toEqual([]);
    expect(parts).toEqual([expect.objectContaining({ type: 'error', error: expect.objectContaining({ kind: 'site-blocked' }) })]);
  });

  it('should ask for consent before a provider first receives page text', async () => {
    const { parts, calls } = await route({ chain: [entry('a'), entry('b')], consentedProviderIds: ['a'] });

    expect(calls).toEqual([]);
    expect(parts).toEqual([
      { type: 'consent-required', entries: [{ id: 'a', name: 'A', model: 'a-model', tier: 'local' }, { id: 'b', name: 'B', model: 'b-model', tier: 'local' }], sends: 'page' },
    ]);
  });

  it('should use only the providers chosen for summaries', async () => {
    const { parts } = await route({ chain: [entry('b'), entry('a')], consentedProviderIds: ['a', 'b'], taskChains: { summarize: ['a'] } });

    expect(parts.find((part) => part.type === 'attempt')).toMatchObject({ entry: { id: 'a' } });
  });

  it('should say Lifeline is locked instead of calling anyone', async () => {
    const { parts, calls } = await route({ status: 'locked' });

    expect(calls).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'locked' } });
  });

  it('should summarize with the offline summary and invite the user to add a provider when there is none', async () => {
    const { parts, calls } = await route({ chain: [] }, { ...task, page: { ...task.page, text: ARTICLE } } as TaskRequest);

    expect(calls).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { tier: 'offline' }, noProviderConfigured: true, failures: [] });
  });

  it('should ask the user to add a provider when there is none and the text is too short for an offline summary', async () => {
    const { parts } = await route({ chain: [] });

    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'no-provider' } });
  });

  it('should ask the user to add a provider for a rewrite when there is none', async () => {
    const rewrite: TaskRequest = { kind: 'rewrite-selection', page: { url: task.page.url, title: 'Story' }, selection: 'Some words here.', style: 'improve' };
    const { parts, calls } = await route({ chain: [] }, rewrite);

    expect(calls).toEqual([]);
    expect(parts).toEqual([expect.objectContaining({ type: 'error', error: expect.objectContaining({ kind: 'no-provider' }) })]);
  });
});
