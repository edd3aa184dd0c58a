// Words for a job's state: "Answered by X (model) after Y failed: 529 overloaded", "Trying X…", errors.
import { shortReason } from '../llm/errors';
import type { EntryFailure, EntryLabel } from '../llm/types';
import type { JobRecord } from './job-record';

export interface JobStatusText {
  text: string;
  tone: 'info' | 'success' | 'warning' | 'error';
}

const entryName = (entry: EntryLabel): string => (entry.tier === 'on-device' ? 'on-device AI' : `${entry.name} (${entry.model})`);

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

/** Who answered, saying so when it was not a cloud provider: a server on this computer, the browser, no AI at all, or a kept summary. */
function answeredLine(job: JobRecord, now: number): string {
  const by = job.answeredBy;
  const after = job.failures.length > 0 ? ` after ${describeFailures(job.failures)}` : '';
  const tried = job.failures.length > 0 ? ` (${describeFailures(job.failures)})` : job.noProviderConfigured ? ' (none is set up yet)' : '';
  if (!by) return 'Answered.';
  switch (by.tier) {
    case 'local':
      return `Answered by ${entryName(by)}${after}. ${by.name} runs on this computer.`;
    case 'on-device':
      return `Answered by on-device AI, the browser's built-in model: nothing left this computer${after}.`;
    case 'offline':
      return `Offline summary: no AI provider could be reached${tried}. These are the text's key sentences, picked without AI.`;
    case 'cache':
      return `Cached summary by ${entryName(by)} from ${describeAge(now - (job.cachedAt ?? now))} ago: no AI provider could be reached now${tried}.`;
    default:
      return `Answered by ${entryName(by)}${after}.`;
  }
}

const degraded = (job: JobRecord): boolean => job.answeredBy?.tier === 'offline' || job.answeredBy?.tier === 'cache';

export function describeFailures(failures: readonly EntryFailure[]): string {
  return failures
    .map((failure) =>
      failure.skipped
        ? `${entryName(failure.entry)} was skipped (${skipReason(failure)})`
        : `${entryName(failure.entry)} failed: ${shortReason(failure.error)}`,
    )
    .join('; ');
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

const sentContent = (job: JobRecord): string =>
  job.consentSends === 'selection' ? "the selected text with this page's title and address" : "this page's title, address and text";

export function describeJobStatus(job: JobRecord, now: number = Date.now()): JobStatusText {
  const after = job.failures.length > 0 ? ` after ${describeFailures(job.failures)}` : '';
  switch (job.status) {
    case 'running': {
      const restarted = job.restartedBecause
        ? `${entryName(job.restartedBecause.entry)} broke off (${shortReason(job.restartedBecause.error)}); starting over. `
        : '';
      const waiting = job.trying ? `Waiting for ${entryName(job.trying)}…` : 'Starting…';
      if (job.progress && !job.coverage) return { text: `Reading part ${job.progress.part} of ${job.progress.of}…`, tone: 'info' };
      if (job.coverage && !job.text) return { text: `Combining the ${job.coverage.parts} parts… ${waiting}`, tone: 'info' };
      return { text: restarted + (job.text && job.trying ? `${entryName(job.trying)} is answering…` : waiting), tone: 'info' };
    }
    case 'done': {
      const by = answeredLine(job, now) + (job.noProviderConfigured ? ' Add an AI provider in Lifeline settings for better answers.' : '');
      const cut = job.finishReason === 'length' ? ' The answer hit the length limit and may be incomplete.' : '';
      const filtered = job.finishReason === 'content-filter' ? ' The provider withheld part of the answer.' : '';
      const partial = job.coverage !== undefined && !coveredAll(job.coverage);
      const coverage = degraded(job) ? '' : describeCoverage(job);
      return { text: by + coverage + cut + filtered, tone: job.failures.length > 0 || cut || filtered || partial || degraded(job) ? 'warning' : 'success' };
    }
    case 'error': {
      if (job.error?.kind === 'aborted') return { text: `Stopped${job.text ? ': the answer above is incomplete' : ''}.`, tone: 'warning' };
      const reason = job.error?.providerReason ? ` Provider said: "${job.error.providerReason}"` : '';
      const tried = job.failures.length > 1 ? ` Tried: ${describeFailures(job.failures)}.` : '';
      const where = job.progress && !job.coverage ? `Stopped at part ${job.progress.part} of ${job.progress.of}, no summary was made: ` : '';
      return { text: `${where}${job.error?.message ?? 'Something went wrong.'}${reason}${tried}`, tone: 'error' };
    }
    case 'needs-consent': {
      const [first, ...rest] = job.consentFor ?? [];
      const others = rest.length > 0 ? `; if it fails, to ${rest.map(entryName).join(', then ')}` : '';
      return {
        text: first ? `Nothing has been sent yet. Lifeline will send ${sentContent(job)} to ${entryName(first)}${others}.` : 'Nothing has been sent yet.',
        tone: 'info',
      };
    }
    case 'needs-confirm': {
      const long = job.confirmLong;
      return {
        text: long
          ? `Nothing has been sent yet. This page is long: about ${long.estimatedTokens.toLocaleString('en-US')} tokens in ${long.parts} ${long.parts === 1 ? 'part' : 'parts'}. Summarize it anyway?`
          : 'Nothing has been sent yet.',
        tone: 'info',
      };
    }
    case 'needs-instruction':
      return { text: 'Nothing has been sent yet. How should Lifeline rewrite the selection?', tone: 'info' };
    case 'interrupted':
      return { text: 'Interrupted: the browser stopped Lifeline before the answer was complete. Retry to run it again.', tone: 'error' };
  }
}

const coveredAll = (coverage: { fraction: number; complete: boolean }): boolean => coverage.complete && coverage.fraction >= 0.99;

/** " Covered the whole page in 7 parts." or " Covered 85 % of the page (40 parts)." after a long page; '' otherwise. */
export function describeCoverage(job: Pick<JobRecord, 'coverage'>): string {
  const coverage = job.coverage;
  if (!coverage) return '';
  if (coveredAll(coverage)) return ` Covered the whole page in ${coverage.parts} ${coverage.parts === 1 ? 'part' : 'parts'}.`;
  return ` Covered ${Math.min(99, Math.floor(coverage.fraction * 100))} % of the page (${coverage.parts} ${coverage.parts === 1 ? 'part' : 'parts'}); the rest was too long to include.`;
}
