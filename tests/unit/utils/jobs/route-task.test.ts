import { describe, expect, it } from 'vitest';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import { createTaskRouter, type RouteContext } from '@/utils/jobs/route-task';
import type { TaskRequest } from '@/utils/jobs/task';
import type { RouterStreamPart } from '@/utils/llm/types';
import { entry, fakeAdapters, finish, text } from '../llm/fake-adapter';

const task: TaskRequest = { kind: 'summarize-page', page: { url: 'https://news.example.com/story', title: 'Story', text: 'Text.', source: 'readability' } };

async function route(context: Partial<Extract<RouteContext, { status: 'ready' }>> | { status: 'locked' }) {
  const fakes = fakeAdapters({ a: [[text('Summary'), finish]] });
  const full: RouteContext =
    'status' in context && context.status === 'locked'
      ? context
      : { status: 'ready', chain: [entry('a')], health: createHealthTracker(), hedging: { enabled: false, minDelayMs: 0 }, neverSendSites: [], consentedProviderIds: ['a'], ...context };
  const parts: RouterStreamPart[] = [];
  for await (const part of createTaskRouter({ loadContext: async () => full, createAdapter: fakes.createAdapter })(task, new AbortController().signal)) parts.push(part);
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
      { type: 'consent-required', entries: [{ id: 'a', name: 'A', model: 'a-model' }, { id: 'b', name: 'B', model: 'b-model' }], sends: 'page' },
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

  it('should invite the user to add a provider when there is none', async () => {
    const { parts } = await route({ chain: [] });

    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'no-provider' } });
  });
});
