import { describe, expect, it } from 'vitest';
import { createLlmError } from '@/utils/llm/errors';
import { applyRouterPart, createJobRecord, isInterrupted, HEARTBEAT_STALE_MS } from '@/utils/jobs/job-record';
import { describeJobStatus } from '@/utils/jobs/describe-job-status';

const a = { id: 'a', name: 'Claude', model: 'claude-x' };
const b = { id: 'b', name: 'GPT', model: 'gpt-x' };
const fresh = () => createJobRecord({ id: 'j', title: 'T', workerId: 'w1', now: 1_000 });

describe('job record', () => {
  it('should discard partial text on restart and keep the reason', () => {
    const failure = { entry: a, error: createLlmError('stream-cut', 'Claude') };

    const job = [
      { type: 'text-delta' as const, text: 'Partial' },
      { type: 'restart' as const, failure },
      { type: 'text-delta' as const, text: 'Whole' },
    ].reduce(applyRouterPart, fresh());

    expect(job.text).toBe('Whole');
    expect(job.restartedBecause).toEqual(failure);
  });

  it('should say who answered and what failed before', () => {
    const job = applyRouterPart(fresh(), {
      type: 'finish',
      finishReason: 'stop',
      usage: {},
      answeredBy: b,
      failures: [{ entry: a, error: createLlmError('overloaded', 'Claude', { status: 529 }) }],
    });

    expect(describeJobStatus(job)).toBe('Answered by GPT (gpt-x). Claude (claude-x) failed: 529 overloaded.');
  });

  it('should warn when the answer hit the length limit', () => {
    const job = applyRouterPart(fresh(), { type: 'finish', finishReason: 'length', usage: {}, answeredBy: a, failures: [] });

    expect(describeJobStatus(job)).toContain('The answer hit the length limit and may be incomplete.');
  });

  it('should say what it waits for while running', () => {
    const job = applyRouterPart(fresh(), { type: 'attempt', entry: a, attempt: 1 });

    expect(describeJobStatus(job)).toBe('Waiting for Claude (claude-x)…');
  });

  it('should treat a running job of another worker or with a stale heartbeat as interrupted', () => {
    const job = fresh();

    expect(isInterrupted(job, 'w1', 2_000)).toBe(false);
    expect(isInterrupted(job, 'w2', 2_000)).toBe(true);
    expect(isInterrupted(job, 'w1', 1_000 + HEARTBEAT_STALE_MS + 1)).toBe(true);
    expect(isInterrupted({ ...job, status: 'done' }, 'w2', 2_000)).toBe(false);
  });
});

describe('status line for skipped entries', () => {
  it('should say an entry was skipped and why, apart from entries that failed', () => {
    const job = applyRouterPart(fresh(), {
      type: 'finish',
      finishReason: 'stop',
      usage: {},
      answeredBy: b,
      failures: [{ entry: a, error: createLlmError('auth', 'Claude', { status: 401 }), skipped: true }],
    });

    expect(describeJobStatus(job)).toBe('Answered by GPT (gpt-x). Claude (claude-x) was skipped (turned off until fixed in settings: 401 key rejected).');
  });
});

describe('status line asking for consent', () => {
  it('should say whether the whole page or only the selection would be sent', () => {
    const page = applyRouterPart(fresh(), { type: 'consent-required', entries: [a, b], sends: 'page' });
    const selection = applyRouterPart(fresh(), { type: 'consent-required', entries: [a], sends: 'selection' });

    expect(describeJobStatus(page)).toBe(
      "Nothing has been sent yet. Lifeline will send this page's title, address and text to Claude (claude-x); if it fails, to GPT (gpt-x).",
    );
    expect(describeJobStatus(selection)).toBe("Nothing has been sent yet. Lifeline will send the selected text with this page's title and address to Claude (claude-x).");
  });
});
