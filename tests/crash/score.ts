// Scores one crash-test run from the mock servers' own logs and what the user received: pass, partial, safe or fail.
import type { RouterStreamPart } from '../../utils/llm/types';
import { CANONICAL_ANSWER, type RecordedAttempt } from '../mocks/fault-server';
import type { Check, IdealOutcome, ScenarioCheck, ScenarioId } from './scenarios';

export type Verdict = 'pass' | 'partial' | 'safe' | 'fail';

/** What one request delivered, as the user would see it. */
export interface RequestResult {
  /** Date.now() when the request started. */
  startedAt: number;
  /** The text shown at the end: deltas since the last restart. */
  answer: string;
  /** The last part of the stream (a finish or an error when the router behaves). */
  final: RouterStreamPart | undefined;
  durationMs: number;
  firstTextAtMs?: number;
  /** The harness had to abort the request at the end of the budget. */
  hung?: boolean;
  /** The router threw instead of ending its stream with an error part. */
  thrown?: string;
}

export interface ScenarioRun {
  /** Date.now() when the scenario started (the S15 outage is measured from here). */
  startedAt: number;
  primary: readonly RecordedAttempt[];
  fallback: readonly RecordedAttempt[];
  requests: readonly RequestResult[];
}

export interface ScoreInput {
  id: ScenarioId;
  ideal: IdealOutcome;
  checks: readonly ScenarioCheck[];
  /** A request running longer than this is a hang. */
  requestBudgetMs: number;
  run: ScenarioRun;
}

export interface Score {
  verdict: Verdict;
  details: string;
}

export function scoreScenario(input: ScoreInput): Score {
  const { run } = input;
  const missed: string[] = [];
  const advisories: string[] = [];
  if (run.requests.length === 0) missed.push('no request ran');
  run.requests.forEach((result, index) => {
    const label = `request ${index + 1}`;
    if (result.thrown !== undefined) missed.push(`${label}: the router threw (${result.thrown})`);
    if (result.hung === true || result.durationMs > input.requestBudgetMs) {
      missed.push(`${label}: hang (${result.durationMs} ms, budget ${input.requestBudgetMs} ms)`);
    }
    if (result.final?.type === 'finish' && result.answer !== CANONICAL_ANSWER) {
      missed.push(`${label}: an incomplete or wrong answer presented as complete (${describeAnswer(result.answer)})`);
    }
  });
  for (const { level, check } of input.checks) {
    const problem = checkProblem(check, run);
    if (problem !== undefined) (level === 'required' ? missed : advisories).push(`${check.kind}: ${problem}`);
  }
  const allIdeal = run.requests.length > 0 && run.requests.every((result) => isIdeal(input.ideal, result));
  let verdict: Verdict;
  if (missed.length > 0) verdict = 'fail';
  else if (allIdeal) verdict = advisories.length > 0 ? 'partial' : 'pass';
  else if (run.requests.every((result) => isIdeal(input.ideal, result) || isCleanError(result))) verdict = 'safe';
  else {
    verdict = 'fail';
    missed.push('an outcome that is neither the ideal nor a clean error');
  }
  const reasons = [...missed, ...advisories.map((text) => `advisory ${text}`)];
  return { verdict, details: `${input.id} ${verdict}${reasons.length ? `: ${reasons.join('; ')}` : ''}\n${describeRun(run)}` };
}

export function isIdeal(ideal: IdealOutcome, result: RequestResult): boolean {
  const final = result.final;
  if (ideal === 'canonical-answer') return final?.type === 'finish' && result.answer === CANONICAL_ANSWER;
  return final?.type === 'error' && final.error.kind === 'content-policy' && Boolean(final.error.providerReason);
}

/** An error part that ends the stream in time with something to tell the user; a Stop by the harness is not one. */
export function isCleanError(result: RequestResult): boolean {
  const final = result.final;
  return (
    final?.type === 'error' &&
    final.error.kind !== 'aborted' &&
    final.error.message.length > 0 &&
    result.hung !== true &&
    result.thrown === undefined
  );
}

/** A description of how the run broke the check, or undefined when it holds. */
export function checkProblem(check: Check, run: ScenarioRun): string | undefined {
  const primaryTimes = run.primary.map((attempt) => attempt.at);
  switch (check.kind) {
    case 'minPrimaryGap': {
      const gap = minGap(primaryTimes);
      return gap !== undefined && gap < check.ms ? `two primary attempts ${gap} ms apart (min ${check.ms} ms)` : undefined;
    }
    case 'maxPrimaryInWindow': {
      const most = maxInWindow(primaryTimes, check.windowMs);
      return most > check.max ? `${most} primary attempts within ${check.windowMs} ms (max ${check.max})` : undefined;
    }
    case 'primaryAttempts': {
      const count = run.primary.length;
      const tooFew = check.min !== undefined && count < check.min;
      const tooMany = check.max !== undefined && count > check.max;
      return tooFew || tooMany ? `${count} primary attempts (expected ${rangeText(check.min, check.max)})` : undefined;
    }
    case 'answeredByModel': {
      const others = finishes(run).filter((finish) => finish.answeredBy.model !== check.model);
      return others.length ? `answered by ${others.map((finish) => finish.answeredBy.model).join(', ')}, not ${check.model}` : undefined;
    }
    case 'endsWithin': {
      const slow = run.requests.filter((result) => result.durationMs > check.ms);
      return slow.length ? `ended after ${slow.map((result) => result.durationMs).join(', ')} ms (limit ${check.ms} ms)` : undefined;
    }
    case 'nextAttemptWithin':
      return nextAttemptProblem(run, check.ms);
    case 'finishPromptly':
      return finishPromptlyProblem(run, check.ms);
    case 'usageReported': {
      const missing = finishes(run).filter((finish) => finish.usage.outputTokens === undefined);
      return missing.length ? `${missing.length} finish(es) without output token usage` : undefined;
    }
    case 'finalNotPrefillRejection': {
      const rejected = run.requests.filter(
        (result) => result.final?.type === 'error' && /prefill/i.test(`${result.final.error.providerReason ?? ''} ${result.final.error.message}`),
      );
      return rejected.length ? 'the final error is the fallback rejecting assistant prefill' : undefined;
    }
    case 'primaryBackWithin': {
      const recoveredAt = run.startedAt + check.outageMs;
      const back = run.primary.find((attempt) => attempt.fault === 'ok' && attempt.at >= recoveredAt);
      if (!back) return `the primary was not used again after it recovered at +${check.outageMs} ms`;
      const after = back.at - recoveredAt;
      return after > check.withinMs ? `the primary was used again ${after} ms after recovery (max ${check.withinMs} ms)` : undefined;
    }
    case 'maxPrimaryPerRequestWhileDown':
      return perRequestWhileDownProblem(run, check);
    default:
      return assertNeverCheck(check);
  }
}

export function minGap(times: readonly number[]): number | undefined {
  const sorted = [...times].sort((a, b) => a - b);
  let smallest: number | undefined;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (smallest === undefined || gap < smallest) smallest = gap;
  }
  return smallest;
}

/** The largest number of times inside any window [t, t + windowMs). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

function finishes(run: ScenarioRun): Extract<RouterStreamPart, { type: 'finish' }>[] {
  return run.requests.flatMap((result) => (result.final?.type === 'finish' ? [result.final] : []));
}

function nextAttemptProblem(run: ScenarioRun, ms: number): string | undefined {
  const first = run.primary[0];
  if (!first) return 'no primary attempt';
  const later = [...run.primary.slice(1), ...run.fallback]
    .map((attempt) => attempt.at)
    .filter((at) => at >= first.at)
    .sort((a, b) => a - b)[0];
  if (later === undefined) return 'no further attempt: the stall was never detected';
  const after = later - first.at;
  return after > ms ? `the next attempt came ${after} ms after the stalling one (max ${ms} ms)` : undefined;
}

function finishPromptlyProblem(run: ScenarioRun, ms: number): string | undefined {
  const attempts = [...run.primary, ...run.fallback];
  const late: string[] = [];
  for (const result of run.requests) {
    if (result.final?.type !== 'finish') continue;
    const endedAt = result.startedAt + result.durationMs;
    const lastWrite = Math.max(...attempts.map((attempt) => attempt.lastWriteAt ?? -Infinity).filter((at) => at <= endedAt));
    if (Number.isFinite(lastWrite) && endedAt - lastWrite > ms) late.push(`${endedAt - lastWrite} ms`);
  }
  return late.length ? `finished ${late.join(', ')} after the last byte (max ${ms} ms)` : undefined;
}

function perRequestWhileDownProblem(
  run: ScenarioRun,
  check: Extract<Check, { kind: 'maxPrimaryPerRequestWhileDown' }>,
): string | undefined {
  const recoveredAt = run.startedAt + check.outageMs;
  const over: string[] = [];
  run.requests.forEach((result, index) => {
    if (index < check.afterRequests || result.startedAt >= recoveredAt) return;
    const windowEnd = Math.min(run.requests[index + 1]?.startedAt ?? Infinity, recoveredAt);
    const count = run.primary.filter((attempt) => attempt.at >= result.startedAt && attempt.at < windowEnd).length;
    if (count > check.max) over.push(`request ${index + 1}: ${count}`);
  });
  return over.length ? `primary attempts per request while down above ${check.max} (${over.join(', ')})` : undefined;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && min === max) return `exactly ${min}`;
  if (min !== undefined && max !== undefined) return `${min}..${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max ?? 'any'}`;
}

function describeAnswer(answer: string): string {
  const words = answer.split(' ').filter(Boolean);
  return `${words.length} of 60 tokens${answer.length > 0 ? `, ends "${words.slice(-2).join(' ')}"` : ''}`;
}

function describeFinal(result: RequestResult): string {
  const final = result.final;
  if (result.thrown !== undefined) return `threw ${result.thrown}`;
  if (final?.type === 'finish') return `finish by ${final.answeredBy.model}, ${describeAnswer(result.answer)}`;
  if (final?.type === 'error') return `error ${final.error.kind}${final.error.providerReason ? ` "${final.error.providerReason}"` : ''}`;
  return final ? `ended on a ${final.type} part` : 'ended without any part';
}

/** A compact log: attempt times relative to the scenario start, and each request's outcome. */
export function describeRun(run: ScenarioRun): string {
  const attempts = (name: string, log: readonly RecordedAttempt[]): string =>
    `${name} ${log.length} attempt(s)${log.length ? `: ${log.map((attempt) => `+${attempt.at - run.startedAt}ms ${attempt.fault ?? '?'}`).join(', ')}` : ''}`;
  const requests = run.requests.map(
    (result, index) => `  #${index + 1} at +${result.startedAt - run.startedAt}ms, ${result.durationMs} ms: ${describeFinal(result)}${result.hung ? ' (hung)' : ''}`,
  );
  return [`  ${attempts('primary', run.primary)}`, `  ${attempts('fallback', run.fallback)}`, ...requests].join('\n');
}

function assertNeverCheck(check: never): never {
  throw new Error(`Unknown check: ${JSON.stringify(check)}`);
}
