import { describe, expect, it } from 'vitest';
import { describeAge, describeJobStatus, describeJobStory } from '@/utils/jobs/describe-job-status';
import { OFFLINE_LABEL } from '@/utils/jobs/fallback-tiers';
import { applyRouterPart, createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import { createLlmError, shortReason } from '@/utils/llm/errors';
import { isOnThisComputer, labelOf, type ChainEntry, type EntryFailure, type EntryLabel, type RouterStreamPart } from '@/utils/llm/types';
import { ON_DEVICE_LABEL } from '@/utils/on-device/run-on-device';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = 1_750_000_000_000;

const claude: EntryLabel = { id: 'a', name: 'Claude', model: 'claude-x' };
const gpt: EntryLabel = { id: 'b', name: 'GPT', model: 'gpt-x' };
const ollama: EntryLabel = { id: 'o', name: 'Ollama', model: 'llama3.2', tier: 'local' };
const FAILURES: EntryFailure[] = [
  { entry: claude, error: createLlmError('overloaded', 'Claude', { status: 529 }) },
  { entry: gpt, error: createLlmError('network', 'GPT') },
];
const FAILED = ['Claude (claude-x) failed: 529 overloaded.', `GPT (gpt-x) failed: ${shortReason(createLlmError('network', 'GPT'))}.`];

function done(answeredBy: EntryLabel, failures: EntryFailure[] = [], extra: Partial<Extract<RouterStreamPart, { type: 'finish' }>> = {}): JobRecord {
  const job = createJobRecord({ id: 'j', title: 'T', workerId: 'w', now: NOW });
  return applyRouterPart(job, { type: 'finish', finishReason: 'stop', usage: {}, answeredBy, failures, ...extra });
}

describe('describeJobStory: who answered', () => {
  it('should say a server on this computer answered', () => {
    expect(describeJobStory(done(ollama), NOW)).toEqual(['Answered by Ollama (llama3.2). Ollama runs on this computer.']);
  });

  it('should say what failed before a server on this computer answered', () => {
    expect(describeJobStory(done(ollama, FAILURES.slice(0, 1)), NOW)).toEqual([
      'Answered by Ollama (llama3.2). Ollama runs on this computer.',
      'Claude (claude-x) failed: 529 overloaded.',
    ]);
  });

  it('should say nothing left this computer when on-device AI answered', () => {
    const story = describeJobStory(done(ON_DEVICE_LABEL), NOW);

    expect(story).toEqual(["Answered by on-device AI, the browser's built-in model: nothing left this computer."]);
  });

  it('should name on-device AI without its model when it failed before an answer', () => {
    const failure: EntryFailure = { entry: ON_DEVICE_LABEL, error: createLlmError('unknown', 'On-device AI') };

    expect(describeJobStory(done(OFFLINE_LABEL, [failure]), NOW)).toContain('on-device AI failed: error.');
  });

  it('should say a cloud provider answered without a tier', () => {
    expect(describeJobStory(done(claude), NOW)).toEqual(['Answered by Claude (claude-x).']);
  });

  it('should put the story in one paragraph for exports', () => {
    expect(describeJobStatus(done(gpt, FAILURES.slice(0, 1)), NOW)).toBe('Answered by GPT (gpt-x). Claude (claude-x) failed: 529 overloaded.');
  });
});

describe('describeJobStory: offline summaries', () => {
  it('should say no provider could be reached, how the summary was made and which ones failed', () => {
    const story = describeJobStory(done(OFFLINE_LABEL, FAILURES), NOW);

    expect(story).toEqual(["Offline summary: no AI provider could be reached. These are the text's key sentences, picked without AI.", ...FAILED]);
  });

  it('should not add a coverage sentence to an offline summary', () => {
    const job: JobRecord = { ...done(OFFLINE_LABEL, FAILURES), coverage: { parts: 3, fraction: 1, complete: true } };

    expect(describeJobStatus(job, NOW)).not.toContain('Covered');
  });

  it('should invite the user to add a provider when none is set up', () => {
    const story = describeJobStory(done(OFFLINE_LABEL, [], { noProviderConfigured: true }), NOW);

    expect(story).toEqual([
      "Offline summary: no AI provider could be reached (none is set up yet). These are the text's key sentences, picked without AI.",
      'Add an AI provider in Lifeline settings for better answers.',
    ]);
  });

  it('should not invite the user to add a provider when providers failed', () => {
    expect(describeJobStatus(done(OFFLINE_LABEL, FAILURES), NOW)).not.toContain('Add an AI provider');
  });

  it('should invite the user to add a provider after an on-device answer when none is set up', () => {
    expect(describeJobStatus(done(ON_DEVICE_LABEL, [], { noProviderConfigured: true }), NOW)).toContain('Add an AI provider in Lifeline settings');
  });
});

describe('describeJobStory: kept summaries', () => {
  it('should say whose summary it is, how old, and why it is shown', () => {
    const job = done({ ...claude, tier: 'cache' }, FAILURES, { cachedAt: NOW - 3 * HOUR });

    expect(describeJobStory(job, NOW)).toEqual(['Cached summary by Claude (claude-x) from 3 hours ago: no AI provider could be reached now.', ...FAILED]);
  });

  it('should count the age from the time it is shown', () => {
    const job = done({ ...claude, tier: 'cache' }, FAILURES.slice(0, 1), { cachedAt: NOW - 3 * HOUR });

    expect(describeJobStatus(job, NOW + 2 * 24 * HOUR)).toContain('from 2 days ago');
  });

  it('should say none is set up when a kept summary answers without a provider', () => {
    const job = done({ ...claude, tier: 'cache' }, [], { cachedAt: NOW - 5 * MINUTE, noProviderConfigured: true });

    expect(describeJobStatus(job, NOW)).toBe(
      'Cached summary by Claude (claude-x) from 5 minutes ago: no AI provider could be reached now (none is set up yet). Add an AI provider in Lifeline settings for better answers.',
    );
  });
});

describe('describeAge', () => {
  it.each([
    [0, 'less than a minute'],
    [59_000, 'less than a minute'],
    [59_999, 'less than a minute'],
    [MINUTE, '1 minute'],
    [2 * MINUTE, '2 minutes'],
    [59 * MINUTE, '59 minutes'],
    [59 * MINUTE + 40_000, '1 hour'],
    [HOUR, '1 hour'],
    [2 * HOUR, '2 hours'],
    [47 * HOUR, '47 hours'],
    [48 * HOUR, '2 days'],
    [2 * 24 * HOUR, '2 days'],
    [10 * 24 * HOUR, '10 days'],
  ])('should describe %i ms as "%s"', (ms, words) => {
    expect(describeAge(ms)).toBe(words);
  });
});

describe('isOnThisComputer and labelOf', () => {
  const chainEntry = (baseURL: string): ChainEntry => ({ id: 'x', kind: 'openai-compatible', name: 'X', baseURL, model: 'm', apiKey: 'k' });

  it.each([
    'http://localhost:11434/v1',
    'http://LOCALHOST:1234',
    'http://127.0.0.1:1234/v1',
    'http://127.1.2.3/v1',
    'http://[::1]:11434/v1',
    'http://foo.localhost:8080/',
  ])('should count %s as this computer', (baseURL) => {
    expect(isOnThisComputer(baseURL)).toBe(true);
    expect(labelOf(chainEntry(baseURL))).toEqual({ id: 'x', name: 'X', model: 'm', tier: 'local' });
  });

  it.each([
    'https://example.com/v1',
    'http://10.0.0.1:11434/v1',
    'http://128.0.0.1/',
    'http://192.168.1.20:1234/v1',
    'https://localhost.example.com/v1',
    'https://127.0.0.1.example.com/',
    'not a url',
    '',
  ])('should not count %s as this computer', (baseURL) => {
    expect(isOnThisComputer(baseURL)).toBe(false);
    expect(labelOf(chainEntry(baseURL))).toEqual({ id: 'x', name: 'X', model: 'm' });
  });

  it('should never put the key in a label', () => {
    expect(JSON.stringify(labelOf({ ...chainEntry('http://localhost/'), apiKey: 'sk-secret-key' }))).not.toContain('sk-secret');
  });
});
