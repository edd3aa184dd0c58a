import { describe, expect, it } from 'vitest';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import { preferProvider } from '@/utils/jobs/prefer-provider';
import { createTaskRouter, type RouteContext } from '@/utils/jobs/route-task';
import type { TaskRequest } from '@/utils/jobs/task';
import type { RouterStreamPart } from '@/utils/llm/types';
import { entry, fakeAdapters, finish, text } from '../llm/fake-adapter';

const ids = (chain: { id: string }[]): string[] => chain.map((e) => e.id);

describe('preferProvider', () => {
  const all = [entry('a'), entry('b'), entry('c')];

  it('should move the picked entry to the front and keep the others in order', () => {
    expect(ids(preferProvider(all, all, 'c'))).toEqual(['c', 'a', 'b']);
  });

  it('should change nothing without a pick or for an unknown id', () => {
    expect(ids(preferProvider(all, all, undefined))).toEqual(['a', 'b', 'c']);
    expect(ids(preferProvider(all, all, 'nope'))).toEqual(['a', 'b', 'c']);
  });

  it("should honour an explicit pick the task's own choice leaves out", () => {
    expect(ids(preferProvider([entry('a')], all, 'b'))).toEqual(['b', 'a']);
  });
});

describe('createTaskRouter with a preferred provider', () => {
  it('should try the picked provider first and answer with it', async () => {
    const task: TaskRequest = {
      kind: 'summarize-selection',
      page: { url: 'https://news.example.com/story', title: 'Story' },
      selection: 'Text.',
      preferProviderId: 'b',
    };
    const fakes = fakeAdapters({ a: [[text('From A'), finish]], b: [[text('From B'), finish]] });
    const context: RouteContext = {
      status: 'ready',
      chain: [entry('a'), entry('b')],
      health: createHealthTracker(),
      hedging: { enabled: false, minDelayMs: 0 },
      neverSendSites: [],
      consentedProviderIds: ['a', 'b'],
    };
    const parts: RouterStreamPart[] = [];
    for await (const part of createTaskRouter({ loadContext: async () => context, createAdapter: fakes.createAdapter })(task, new AbortController().signal)) parts.push(part);

    expect(parts.find((part) => part.type === 'attempt')).toMatchObject({ entry: { id: 'b' } });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { id: 'b' } });
  });
});
