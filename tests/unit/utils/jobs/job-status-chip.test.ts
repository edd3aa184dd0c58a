// Unit tests: the status chip of a job (short label, tone, icon) and its story, in which no failure appears twice.
import { describe, expect, it } from 'vitest';
import { OFFLINE_LABEL } from '@/utils/jobs/fallback-tiers';
import { applyRouterPart, createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import { jobStatusChip, shortAge } from '@/utils/jobs/job-status-chip';
import { createLlmError, type LlmError } from '@/utils/llm/errors';
import type { EntryFailure, EntryLabel, RouterStreamPart } from '@/utils/llm/types';
import { ON_DEVICE_LABEL } from '@/utils/on-device/run-on-device';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = 1_750_000_000_000;

const openai: EntryLabel = { id: 'o', name: 'OpenAI', model: 'gpt-4o-mini' };
const claude: EntryLabel = { id: 'c', name: 'Claude', model: 'claude-sonnet' };
const gemini: EntryLabel = { id: 'g', name: 'Gemini', model: 'gemini-flash' };
const ollama: EntryLabel = { id: 'l', name: 'Ollama', model: 'llama3.2', tier: 'local' };

const failed = (entry: EntryLabel, kind: LlmError['kind'], status?: number): EntryFailure => ({
  entry,
  error: createLlmError(kind, entry.name, status === undefined ? {} : { status }),
});
const claude529 = failed(claude, 'overloaded', 529);
const openai503 = failed(openai, 'overloaded', 503);

const fresh = (): JobRecord => createJobRecord({ id: 'j', title: 'T', workerId: 'w', now: NOW });
const run = (...parts: RouterStreamPart[]): JobRecord => parts.reduce(applyRouterPart, fresh());
const done = (answeredBy: EntryLabel, failures: EntryFailure[] = [], extra: Partial<Extract<RouterStreamPart, { type: 'finish' }>> = {}): JobRecord =>
  run({ type: 'finish', finishReason: 'stop', usage: {}, answeredBy, failures, ...extra });
const failedJob = (error: LlmError, failures: EntryFailure[] = []): JobRecord => run({ type: 'error', error, failures });

/** How often a text occurs in the story, all lines together. */
const occurrences = (story: readonly string[], text: string): number => story.join('\n').split(text).length - 1;

describe('jobStatusChip: answers', () => {
  it('should show only the model, in a neutral tone, for a clean answer', () => {
    const chip = jobStatusChip(done(openai), NOW);

    expect(chip).toEqual({ label: 'gpt-4o-mini', tone: 'neutral', story: ['Answered by OpenAI (gpt-4o-mini).'] });
  });

  it('should name the provider that failed and its status after a fail-over, in the degraded tone', () => {
    const chip = jobStatusChip(done(openai, [claude529]), NOW);

    expect(chip.label).toBe('gpt-4o-mini · Claude 529');
    expect(chip.tone).toBe('degraded');
    expect(chip.icon).toBeUndefined();
    expect(chip.story).toEqual(['Answered by OpenAI (gpt-4o-mini).', 'Claude (claude-sonnet) failed: 529 overloaded.']);
  });

  it('should count the entries that failed when more than one did', () => {
    const chip = jobStatusChip(done(claude, [openai503, failed(gemini, 'network')]), NOW);

    expect(chip.label).toBe('claude-sonnet · 2 failed');
    expect(chip.story).toEqual(['Answered by Claude (claude-sonnet).', 'OpenAI (gpt-4o-mini) failed: 503 unavailable.', 'Gemini (gemini-flash) failed: network error.']);
  });

  it('should tell a retried failure once, with the number of attempts', () => {
    const chip = jobStatusChip(done(claude, [openai503, openai503]), NOW);

    expect(chip.label).toBe('claude-sonnet · OpenAI 503');
    expect(chip.story).toEqual(['Answered by Claude (claude-sonnet).', 'OpenAI (gpt-4o-mini) failed: 503 unavailable (2 attempts).']);
  });

  it('should say an entry was skipped, resting or turned off, in a word', () => {
    const resting = jobStatusChip(done(openai, [{ ...claude529, skipped: true }]), NOW);
    const off = jobStatusChip(done(openai, [{ ...failed(claude, 'auth', 401), skipped: true }]), NOW);

    expect(resting.label).toBe('gpt-4o-mini · Claude resting');
    expect(off.label).toBe('gpt-4o-mini · Claude off');
    expect(off.story[1]).toBe('Claude (claude-sonnet) was skipped (turned off until fixed in settings: 401 key rejected).');
  });

  it.each<[string, JobRecord, string]>([
    ['a server on this computer', done(ollama), 'llama3.2 · local'],
    ['on-device AI', done(ON_DEVICE_LABEL), 'On-device AI'],
    ['the offline summary', done(OFFLINE_LABEL, [claude529, openai503]), 'Offline summary'],
    ['a kept summary', done({ ...claude, tier: 'cache' }, [openai503], { cachedAt: NOW - 3 * HOUR }), 'Cached · 3 h ago'],
    ['part of a long page', { ...done(openai), coverage: { parts: 40, fraction: 0.855, complete: false } }, 'gpt-4o-mini · 85 % of page'],
    ['an answer cut by its length limit', done(openai, [], { finishReason: 'length' }), 'gpt-4o-mini · cut at length limit'],
    ['an answer the provider filtered', done(openai, [], { finishReason: 'content-filter' }), 'gpt-4o-mini · partly withheld'],
  ])('should label %s as degraded', (_case, job, label) => {
    const chip = jobStatusChip(job, NOW);

    expect(chip.label).toBe(label);
    expect(chip.tone).toBe('degraded');
  });

  it('should keep a page read whole in parts neutral and say so in the story', () => {
    const chip = jobStatusChip({ ...done(openai), coverage: { parts: 7, fraction: 1, complete: true } }, NOW);

    expect(chip.label).toBe('gpt-4o-mini');
    expect(chip.tone).toBe('neutral');
    expect(chip.story).toEqual(['Answered by OpenAI (gpt-4o-mini).', 'Covered the whole page in 7 parts.']);
  });

  it('should end the story with the next step when no provider is set up', () => {
    const chip = jobStatusChip(done(OFFLINE_LABEL, [], { noProviderConfigured: true }), NOW);

    expect(chip.label).toBe('Offline summary');
    expect(chip.story.at(-1)).toBe('Add an AI provider in Lifeline settings for better answers.');
  });
});

describe('jobStatusChip: errors', () => {
  it('should show an error in red with an icon, and not tell the failing provider twice', () => {
    const auth = failed(openai, 'auth', 401);
    const chip = jobStatusChip(failedJob(auth.error, [claude529, auth]), NOW);

    expect(chip).toMatchObject({ label: 'Error · key rejected', tone: 'error', icon: 'error' });
    expect(chip.story).toEqual(['OpenAI rejected the key (401). Check the key in settings.', 'Claude (claude-sonnet) failed: 529 overloaded.']);
  });

  it('should list each provider once when no AI could be reached, however often each was tried', () => {
    const chip = jobStatusChip(failedJob(createLlmError('unreachable', 'Lifeline'), [claude529, openai503, openai503]), NOW);

    expect(chip.label).toBe('No AI reachable');
    expect(chip.story[0]).toContain('No AI could be reached');
    expect(occurrences(chip.story, 'OpenAI (gpt-4o-mini) failed')).toBe(1);
    expect(occurrences(chip.story, 'Claude (claude-sonnet) failed')).toBe(1);
  });

  it('should give the provider its own line when it said why', () => {
    const error = createLlmError('content-policy', 'Claude', { status: 400, providerReason: 'Flagged by the safety system.' });

    const chip = jobStatusChip(failedJob(error, [{ entry: claude, error }]), NOW);

    expect(chip.label).toBe('Error · content policy');
    expect(chip.story).toEqual(['Claude declined this content under its usage policy.', 'Provider said: "Flagged by the safety system."']);
  });

  it.each<[string, JobRecord, string]>([
    ['locked keys', failedJob(createLlmError('locked', 'Lifeline')), 'Locked'],
    ['an interrupted job', { ...fresh(), status: 'interrupted' }, 'Interrupted'],
    ['no provider', failedJob(createLlmError('no-provider', 'Lifeline')), 'No provider set up'],
  ])('should label %s as an error with an icon', (_case, job, label) => {
    const chip = jobStatusChip(job, NOW);

    expect(chip).toMatchObject({ label, tone: 'error', icon: 'error' });
  });

  it('should call a stop by the user "Stopped", degraded, without an error icon', () => {
    const chip = jobStatusChip({ ...failedJob(createLlmError('aborted', 'Lifeline')), text: 'Half an' }, NOW);

    expect(chip).toEqual({ label: 'Stopped', tone: 'degraded', story: ['Stopped: the answer above is incomplete.'] });
  });
});

describe('jobStatusChip: running and waiting', () => {
  it.each<[string, JobRecord, string]>([
    ['nothing tried yet', fresh(), 'Starting…'],
    ['an entry tried', run({ type: 'attempt', entry: claude, attempt: 1 }), 'Waiting for Claude…'],
    ['an entry writing', run({ type: 'attempt', entry: claude, attempt: 1 }, { type: 'text-delta', text: 'Hi' }), 'Claude is answering…'],
    ['a long page read', run({ type: 'progress', part: 2, of: 7 }), 'Reading part 2 of 7…'],
    ['its parts combined', run({ type: 'progress', part: 7, of: 7 }, { type: 'coverage', parts: 7, fraction: 1, complete: true }), 'Combining 7 parts…'],
    [
      'an entry that broke off',
      run({ type: 'attempt', entry: claude, attempt: 1 }, { type: 'restart', failure: { entry: claude, error: createLlmError('stream-cut', 'Claude') } }, { type: 'attempt', entry: openai, attempt: 1 }),
      'Waiting for OpenAI… · Claude cut off',
    ],
  ])('should say what it does with %s', (_case, job, label) => {
    const chip = jobStatusChip(job, NOW);

    expect(chip.label).toBe(label);
    expect(chip.tone).toBe('working');
  });

  it.each<[string, RouterStreamPart, string]>([
    ['consent', { type: 'consent-required', entries: [claude], sends: 'page' }, 'Waiting for your consent'],
    ['a long page', { type: 'confirm-required', estimatedTokens: 120_000, parts: 8 }, 'Long page · waiting for your OK'],
  ])('should wait for %s with the question in the story', (_case, part, label) => {
    const chip = jobStatusChip(run(part), NOW);

    expect(chip.label).toBe(label);
    expect(chip.tone).toBe('waiting');
    expect(chip.story[0]).toMatch(/^Nothing has been sent yet\. /);
  });
});

describe('jobStatusChip: no repeats', () => {
  const jobs: JobRecord[] = [
    done(openai, [claude529, claude529, openai503, { ...openai503, skipped: true }]),
    done(OFFLINE_LABEL, [claude529, openai503, openai503]),
    done({ ...claude, tier: 'cache' }, [openai503, openai503], { cachedAt: NOW - HOUR }),
    failedJob(openai503.error, [claude529, openai503, openai503]),
    failedJob(createLlmError('unreachable', 'Lifeline'), [claude529, claude529, openai503]),
  ];

  it.each(jobs.map((job, index) => [index, job] as const))('should never tell a line or a failure twice (case %i)', (_index, job) => {
    const { story } = jobStatusChip(job, NOW);

    expect(new Set(story).size).toBe(story.length);
    for (const phrase of ['Claude (claude-sonnet) failed', 'OpenAI (gpt-4o-mini) failed', 'OpenAI is unavailable']) expect(occurrences(story, phrase)).toBeLessThanOrEqual(1);
  });
});

describe('shortAge', () => {
  it.each([
    [30_000, 'just now'],
    [5 * MINUTE, '5 min ago'],
    [3 * HOUR, '3 h ago'],
    [3 * 24 * HOUR, '3 d ago'],
  ])('should word %i ms as "%s"', (ms, words) => {
    expect(shortAge(ms)).toBe(words);
  });
});
