// The full story of a job's state in plain sentences, one a line: who answered, each failure once, coverage, the next step.
import { shortReason } from '../llm/errors';
import type { EntryFailure, EntryLabel } from '../llm/types';
import type { JobRecord } from './job-record';

export const entryName = (entry: EntryLabel): string => (entry.tier === 'on-device' ? 'on-device AI' : `${entry.name} (${entry.model})`);

/** "less than a minute", "5 minutes", "3 hours", "2 days". */
export function describeAge(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

/** One failure of one entry and how many attempts ended in it: a retried entry is told once, not once per attempt. */
export interface FailureGroup {
  failure: EntryFailure;
  attempts: number;
}

const failureKey = (failure: EntryFailure): string =>
  [failure.entry.id, failure.entry.tier ?? 'cloud', failure.skipped === true, failure.error.kind, failure.error.status ?? ''].join('|');

export function groupFailures(failures: readonly EntryFailure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    const known = groups.get(failureKey(failure));
    if (known) known.attempts += 1;
    else groups.set(failureKey(failure), { failure, attempts: 1 });
  }
  return [...groups.values()];
}

/** "Claude (claude-x) failed: 529 overloaded (2 attempts)." or "Claude (claude-x) was skipped (resting after 529 overloaded)." */
export function describeFailure({ failure, attempts }: FailureGroup): string {
  if (failure.skipped) return `${entryName(failure.entry)} was skipped (${skipReason(failure)}).`;
  return `${entryName(failure.entry)} failed: ${shortReason(failure.error)}${attempts > 1 ? ` (${attempts} attempts)` : ''}.`;
}

function skipReason(failure: EntryFailure): string {
  switch (failure.error.kind) {
    case 'auth':
    case 'quota':
    case 'model-not-found':
      return `turned off until fixed in settings: ${shortReason(failure.error)}`;
    case 'context-too-long':
      return 'its context window is too small';
    default:
      return `resting after ${shortReason(failure.error)}`;
  }
}

/** Who answered, saying so when it was not a cloud provider: a server on this computer, the browser, no AI at all, or a kept summary. */
function answeredLine(job: JobRecord, now: number): string {
  const by = job.answeredBy;
  const noneSetUp = job.noProviderConfigured && job.failures.length === 0 ? ' (none is set up yet)' : '';
  if (!by) return 'Answered.';
  switch (by.tier) {
    case 'local':
      return `Answered by ${entryName(by)}. ${by.name} runs on this computer.`;
    case 'on-device':
      return "Answered by on-device AI, the browser's built-in model: nothing left this computer.";
    case 'offline':
      return `Offline summary: no AI provider could be reached${noneSetUp}. These are the text's key sentences, picked without AI.`;
    case 'cache':
      return `Cached summary by ${entryName(by)} from ${describeAge(now - (job.cachedAt ?? now))} ago: no AI provider could be reached now${noneSetUp}.`;
    default:
      return `Answered by ${entryName(by)}.`;
  }
}

/** A kept or offline summary stands for no AI read of the page, so it says nothing about coverage. */
export const answeredWithoutAi = (job: JobRecord): boolean => job.answeredBy?.tier === 'offline' || job.answeredBy?.tier === 'cache';

const sentContent = (job: JobRecord): string =>
  job.consentSends === 'selection' ? "the selected text with this page's title and address" : "this page's title, address and text";

function runningLine(job: JobRecord): string {
  const waiting = job.trying ? `Waiting for ${entryName(job.trying)}…` : 'Starting…';
  if (job.progress && !job.coverage) return `Reading part ${job.progress.part} of ${job.progress.of}…`;
  if (job.coverage && !job.text) return `Combining the ${job.coverage.parts} parts… ${waiting}`;
  return job.text && job.trying ? `${entryName(job.trying)} is answering…` : waiting;
}

function errorLines(job: JobRecord, failures: readonly FailureGroup[]): string[] {
  const error = job.error;
  if (error?.kind === 'aborted') return [`Stopped${job.text ? ': the answer above is incomplete' : ''}.`, ...failures.map(describeFailure)];
  const where = job.progress && !job.coverage ? `Stopped at part ${job.progress.part} of ${job.progress.of}, no summary was made: ` : '';
  // The last failure is usually the error itself, and the first line already tells it.
  const toldAbove = ({ failure }: FailureGroup): boolean =>
    error !== undefined && !failure.skipped && failure.error.provider === error.provider && failure.error.kind === error.kind && failure.error.status === error.status;
  return [
    `${where}${error?.message ?? 'Something went wrong.'}`,
    ...(error?.providerReason ? [`Provider said: "${error.providerReason}"`] : []),
    ...failures.filter((group) => !toldAbove(group)).map(describeFailure),
  ];
}

/** The job's state as a few lines, the most important first; no failure is told twice. */
export function describeJobStory(job: JobRecord, now: number = Date.now()): string[] {
  const failures = groupFailures(job.failures);
  switch (job.status) {
    case 'running': {
      const restart = job.restartedBecause;
      return [runningLine(job), ...(restart ? [`${entryName(restart.entry)} broke off (${shortReason(restart.error)}); starting over.`] : [])];
    }
    case 'done':
      return [
        answeredLine(job, now),
        ...failures.map(describeFailure),
        ...(answeredWithoutAi(job) ? [] : describeCoverage(job)),
        ...(job.finishReason === 'length' ? ['The answer hit the length limit and may be incomplete.'] : []),
        ...(job.finishReason === 'content-filter' ? ['The provider withheld part of the answer.'] : []),
        ...(job.noProviderConfigured ? ['Add an AI provider in Lifeline settings for better answers.'] : []),
      ];
    case 'error':
      return errorLines(job, failures);
    case 'needs-consent': {
      const [first, ...rest] = job.consentFor ?? [];
      const others = rest.length > 0 ? `; if it fails, to ${rest.map(entryName).join(', then ')}` : '';
      return [first ? `Nothing has been sent yet. Lifeline will send ${sentContent(job)} to ${entryName(first)}${others}.` : 'Nothing has been sent yet.'];
    }
    case 'needs-confirm': {
      const long = job.confirmLong;
      const parts = long ? `${long.parts} ${long.parts === 1 ? 'part' : 'parts'}` : '';
      return [long ? `Nothing has been sent yet. This page is long: about ${long.estimatedTokens.toLocaleString('en-US')} tokens in ${parts}. Summarize it anyway?` : 'Nothing has been sent yet.'];
    }
    case 'needs-instruction':
      return ['Nothing has been sent yet. How should Lifeline rewrite the selection?'];
    case 'interrupted':
      return ['Interrupted: the browser stopped Lifeline before the answer was complete. Retry to run it again.'];
  }
}

/** The story in one paragraph, for exports and anywhere a line of text stands for the job. */
export const describeJobStatus = (job: JobRecord, now: number = Date.now()): string => describeJobStory(job, now).join(' ');

export const coveredAll = (coverage: { fraction: number; complete: boolean }): boolean => coverage.complete && coverage.fraction >= 0.99;

/** The share of a long page its parts carried, as shown: never 100 % unless it was all read. */
export const coveredPercent = (coverage: { fraction: number }): number => Math.min(99, Math.floor(coverage.fraction * 100));

/** ["Covered the whole page in 7 parts."] or ["Covered 85 % of the page (40 parts); the rest was too long to include."] after a long page. */
export function describeCoverage(job: Pick<JobRecord, 'coverage'>): string[] {
  const coverage = job.coverage;
  if (!coverage) return [];
  const parts = `${coverage.parts} ${coverage.parts === 1 ? 'part' : 'parts'}`;
  if (coveredAll(coverage)) return [`Covered the whole page in ${parts}.`];
  return [`Covered ${coveredPercent(coverage)} % of the page (${parts}); the rest was too long to include.`];
}
