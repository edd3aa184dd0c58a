// Unit tests of the crash-test scorer on synthetic mock logs and delivered results.
import { describe, expect, it } from 'vitest';
import { createLlmError, type LlmErrorKind } from '@/utils/llm/errors';
import type { RouterStreamPart, TokenUsage } from '@/utils/llm/types';
import { CANONICAL_ANSWER, CANONICAL_TOKENS, type Fault, type RecordedAttempt } from '../../mocks/fault-server';
import type { Check, ScenarioCheck } from '../../crash/scenarios';
import { checkProblem, maxInWindow, minGap, scoreScenario, type RequestResult, type ScenarioRun, type ScoreInput } from '../../crash/score';

const T0 = 1_000_000;

function attempt(atOffset: number, fault: Fault['kind'] = 'ok', lastWriteOffset?: number): RecordedAttempt {
  return {
    n: 0,
    at: T0 + atOffset,
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    body: {},
    fault,
    ...(lastWriteOffset !== undefined ? { lastWriteAt: T0 + lastWriteOffset } : {}),
  };
}

function finish(model = 'fallback-model', usage: TokenUsage = { inputTokens: 9, outputTokens: 60 }): RouterStreamPart {
  return {
    type: 'finish',
    finishReason: 'stop',
    usage,
    answeredBy: { id: model, name: model, model },
    failures: [],
  };
}

function error(kind: LlmErrorKind, providerReason?: string): RouterStreamPart {
  return { type: 'error', error: createLlmError(kind, 'Primary', providerReason ? { providerReason } : {}), failures: [] };
}

function result(final: RouterStreamPart | undefined, overrides: Partial<RequestResult> = {}): RequestResult {
  return { startedAt: T0, answer: final?.type === 'finish' ? CANONICAL_ANSWER : '', final, durationMs: 200, ...overrides };
}

function run(overrides: Partial<ScenarioRun> = {}): ScenarioRun {
  return { startedAt: T0, primary: [attempt(0, 'status')], fallback: [attempt(10)], requests: [result(finish())], ...overrides };
}

function input(overrides: Partial<ScoreInput> = {}): ScoreInput {
  return { id: 'S04', ideal: 'canonical-answer', checks: [], requestBudgetMs: 3_000, run: run(), ...overrides };
}

const required = (check: Check): ScenarioCheck => ({ level: 'required', check });
const advisory = (check: Check): ScenarioCheck => ({ level: 'advisory', check });

describe('scoreScenario', () => {
  it('should pass the complete canonical answer when every check holds', () => {
    const score = scoreScenario(input({ checks: [required({ kind: 'primaryAttempts', max: 6 })] }));

    expect(score.verdict).toBe('pass');
  });

  it('should fail a truncated answer presented as complete', () => {
    const truncated = CANONICAL_TOKENS.slice(0, 40).join(' ');

    const score = scoreScenario(input({ run: run({ requests: [result(finish(), { answer: truncated })] }) }));

    expect(score.verdict).toBe('fail');
    expect(score.details).toContain('40 of 60 tokens');
  });

  it('should fail a request that outlived the budget even if it finished', () => {
    const score = scoreScenario(input({ run: run({ requests: [result(finish(), { durationMs: 3_500 })] }) }));

    expect(score.verdict).toBe('fail');
    expect(score.details).toContain('hang');
  });

  it('should fail a request the harness had to abort', () => {
    const score = scoreScenario(input({ run: run({ requests: [result(error('aborted'), { hung: true, durationMs: 3_000 })] }) }));

    expect(score.verdict).toBe('fail');
  });

  it('should fail when the router threw instead of ending with an error part', () => {
    const score = scoreScenario(input({ run: run({ requests: [result(undefined, { thrown: 'TypeError: boom' })] }) }));

    expect(score.verdict).toBe('fail');
    expect(score.details).toContain('threw');
  });

  it('should call a bounded clean error safe', () => {
    const score = scoreScenario(input({ run: run({ requests: [result(error('stream-cut'))] }) }));

    expect(score.verdict).toBe('safe');
  });

  it('should fail a stream that ended without a finish or an error', () => {
    const score = scoreScenario(input({ run: run({ requests: [result({ type: 'text-delta', text: 't01' })] }) }));

    expect(score.verdict).toBe('fail');
  });

  it('should be partial when the outcome is ideal and only an advisory check is missed', () => {
    const score = scoreScenario(
      input({ checks: [advisory({ kind: 'endsWithin', ms: 100 })], run: run({ requests: [result(finish(), { durationMs: 900 })] }) }),
    );

    expect(score.verdict).toBe('partial');
    expect(score.details).toContain('advisory endsWithin');
  });

  it('should fail an ideal outcome when a required check is missed', () => {
    const score = scoreScenario(
      input({ checks: [required({ kind: 'primaryAttempts', max: 1 })], run: run({ primary: [attempt(0, 'silent'), attempt(1_000, 'silent')] }) }),
    );

    expect(score.verdict).toBe('fail');
    expect(score.details).toContain('2 primary attempts');
  });

  it('should pass a content-policy error that carries the provider reason when that is the ideal', () => {
    const score = scoreScenario(
      input({ id: 'S13', ideal: 'content-policy-error', run: run({ fallback: [], requests: [result(error('content-policy', 'Rejected by the safety system.'))] }) }),
    );

    expect(score.verdict).toBe('pass');
  });

  it('should call a content-policy error without the provider reason safe', () => {
    const score = scoreScenario(input({ id: 'S13', ideal: 'content-policy-error', run: run({ requests: [result(error('content-policy'))] }) }));

    expect(score.verdict).toBe('safe');
  });

  it('should fail a complete answer when a clean content-policy error was the ideal', () => {
    const score = scoreScenario(input({ id: 'S13', ideal: 'content-policy-error' }));

    expect(score.verdict).toBe('fail');
  });

  it('should fail when no request ran', () => {
    const score = scoreScenario(input({ run: run({ requests: [] }) }));

    expect(score.verdict).toBe('fail');
  });
});

describe('checkProblem', () => {
  it('should flag two primary attempts closer than the minimum gap', () => {
    const logs = run({ primary: [attempt(0, 'status'), attempt(1_000), attempt(1_100)] });

    expect(checkProblem({ kind: 'minPrimaryGap', ms: 1_500 }, logs)).toContain('100 ms apart');
    expect(checkProblem({ kind: 'minPrimaryGap', ms: 50 }, logs)).toBeUndefined();
  });

  it('should flag more primary attempts inside the window than allowed', () => {
    const logs = run({ primary: [0, 500, 1_000, 2_000, 2_900, 6_000].map((at) => attempt(at, 'status')) });

    expect(checkProblem({ kind: 'maxPrimaryInWindow', max: 4, windowMs: 3_000 }, logs)).toContain('5 primary attempts');
    expect(checkProblem({ kind: 'primaryAttempts', max: 6 }, logs)).toBeUndefined();
  });

  it('should require exactly the expected number of primary attempts', () => {
    const check: Check = { kind: 'primaryAttempts', min: 2, max: 2 };

    expect(checkProblem(check, run({ primary: [attempt(0, 'status')] }))).toContain('exactly 2');
    expect(checkProblem(check, run({ primary: [attempt(0, 'status'), attempt(300)] }))).toBeUndefined();
  });

  it('should check which model answered and whether usage came with it', () => {
    const logs = run({ requests: [result(finish('primary-model', {}))] });

    expect(checkProblem({ kind: 'answeredByModel', model: 'fallback-model' }, logs)).toContain('primary-model');
    expect(checkProblem({ kind: 'usageReported' }, logs)).toContain('without output token usage');
    expect(checkProblem({ kind: 'usageReported' }, run())).toBeUndefined();
  });

  it('should require the next attempt within the stall detection window', () => {
    const check: Check = { kind: 'nextAttemptWithin', ms: 2_000 };

    expect(checkProblem(check, run({ primary: [attempt(0, 'stall')], fallback: [attempt(1_050)] }))).toBeUndefined();
    expect(checkProblem(check, run({ primary: [attempt(0, 'stall')], fallback: [attempt(2_500)] }))).toContain('2500 ms');
    expect(checkProblem(check, run({ primary: [attempt(0, 'stall')], fallback: [] }))).toContain('never detected');
  });

  it('should measure the finish from the last byte the servers wrote', () => {
    const check: Check = { kind: 'finishPromptly', ms: 300 };
    const primary = [attempt(0, 'ok', 120)];

    expect(checkProblem(check, run({ primary, fallback: [], requests: [result(finish(), { durationMs: 200 })] }))).toBeUndefined();
    expect(checkProblem(check, run({ primary, fallback: [], requests: [result(finish(), { durationMs: 1_620 })] }))).toContain('1500 ms');
  });

  it('should flag a final error that is the fallback refusing prefill', () => {
    const logs = run({ requests: [result(error('bad-request', 'This model does not support assistant message prefill.'))] });

    expect(checkProblem({ kind: 'finalNotPrefillRejection' }, logs)).toContain('prefill');
    expect(checkProblem({ kind: 'finalNotPrefillRejection' }, run())).toBeUndefined();
  });

  it('should require the primary back within the window after the outage', () => {
    const check: Check = { kind: 'primaryBackWithin', outageMs: 6_000, withinMs: 3_000 };

    expect(checkProblem(check, run({ primary: [attempt(5_000, 'status'), attempt(7_200, 'ok')] }))).toBeUndefined();
    expect(checkProblem(check, run({ primary: [attempt(5_000, 'status'), attempt(9_500, 'ok')] }))).toContain('3500 ms');
    expect(checkProblem(check, run({ primary: [attempt(5_000, 'status')] }))).toContain('not used again');
  });

  it('should count primary attempts per request while down, sparing the first requests and the recovery', () => {
    const check: Check = { kind: 'maxPrimaryPerRequestWhileDown', max: 1, afterRequests: 3, outageMs: 2_000 };
    const requests = [0, 400, 800, 1_200, 1_600, 2_000].map((start) => result(finish(), { startedAt: T0 + start }));
    const probes = [0, 5, 400, 405, 800, 805, 1_600, 2_000, 2_005].map((at) => attempt(at, at < 2_000 ? 'status' : 'ok'));

    expect(checkProblem(check, run({ requests, primary: probes }))).toBeUndefined();
    expect(checkProblem(check, run({ requests, primary: [...probes, attempt(1_210, 'status'), attempt(1_300, 'status')] }))).toContain(
      'request 4: 2',
    );
  });
});

describe('timing helpers', () => {
  it('should find the smallest gap and the busiest window', () => {
    expect(minGap([0, 700, 200])).toBe(200);
    expect(minGap([5])).toBeUndefined();
    expect(maxInWindow([0, 100, 200, 3_100, 3_150], 3_000)).toBe(3);
    expect(maxInWindow([], 3_000)).toBe(0);
  });
});
