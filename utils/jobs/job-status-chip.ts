// A job's status chip: a very short label ("gpt-4o-mini · Claude 529"), its tone, and the full story one click away.
import { reasonWords, type LlmError } from '../llm/errors';
import type { EntryLabel } from '../llm/types';
import { answeredWithoutAi, coveredAll, coveredPercent, describeJobStory, groupFailures, type FailureGroup } from './describe-job-status';
import type { JobRecord } from './job-record';

/** neutral: a clean answer; degraded: an answer, but not the whole promise; working: running; waiting: for the user. */
export type ChipTone = 'neutral' | 'degraded' | 'error' | 'working' | 'waiting';

export interface StatusChipModel {
  label: string;
  tone: ChipTone;
  /** Errors carry an icon, so the tone is never told by colour alone. */
  icon?: 'error';
  /** The full story, a sentence or two a line, the most important first; no failure appears twice. */
  story: readonly string[];
}

const SEPARATOR = ' · ';

/** "3 h ago", "5 min ago", "just now". */
export function shortAge(ms: number): string {
  if (ms < 60_000) return 'just now';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

const shortName = (entry: EntryLabel): string => (entry.tier === 'on-device' ? 'on-device AI' : entry.name);

/** Words that fit a chip where the status line's words are too long. */
const CHIP_WORDS: Partial<Record<LlmError['kind'], string>> = { 'timeout-first-token': 'timed out', 'timeout-headers': 'no response' };

/** "Claude 529", "Claude cut off", "Claude resting", "Claude off" (turned off until fixed in settings). */
function failureToken({ failure }: Pick<FailureGroup, 'failure'>): string {
  const { error } = failure;
  if (failure.skipped) {
    const off = error.kind === 'auth' || error.kind === 'quota' || error.kind === 'model-not-found';
    return `${shortName(failure.entry)} ${off ? 'off' : error.kind === 'context-too-long' ? 'too small' : 'resting'}`;
  }
  return `${shortName(failure.entry)} ${error.status ?? CHIP_WORDS[error.kind] ?? reasonWords(error)}`;
}

/** One entry that did not answer: its name and why; more: how many. */
function failuresSegment(job: JobRecord): string[] {
  const groups = groupFailures(job.failures);
  const entries = new Set(groups.map(({ failure }) => `${failure.entry.id}|${failure.entry.tier ?? 'cloud'}`));
  if (entries.size === 0) return [];
  const [first] = groups;
  return entries.size === 1 && first ? [failureToken(first)] : [`${entries.size} failed`];
}

function answererSegments(job: JobRecord, now: number): string[] {
  const by = job.answeredBy;
  if (!by) return ['Answered'];
  switch (by.tier) {
    case 'local':
      return [by.model || by.name, 'local'];
    case 'on-device':
      return ['On-device AI'];
    case 'offline':
      return ['Offline summary'];
    case 'cache':
      return ['Cached', shortAge(now - (job.cachedAt ?? now))];
    default:
      return [by.model || by.name];
  }
}

function doneChip(job: JobRecord, now: number): Omit<StatusChipModel, 'story'> {
  const partial = job.coverage !== undefined && !coveredAll(job.coverage) && !answeredWithoutAi(job);
  const segments = [
    ...answererSegments(job, now),
    ...(answeredWithoutAi(job) ? [] : failuresSegment(job)),
    ...(partial && job.coverage ? [`${coveredPercent(job.coverage)} % of page`] : []),
    ...(job.finishReason === 'length' ? ['cut at length limit'] : []),
    ...(job.finishReason === 'content-filter' ? ['partly withheld'] : []),
  ];
  const clean = (job.answeredBy?.tier ?? 'cloud') === 'cloud' && job.failures.length === 0 && !partial && job.finishReason !== 'length' && job.finishReason !== 'content-filter';
  return { label: segments.join(SEPARATOR), tone: clean ? 'neutral' : 'degraded' };
}

function runningLabel(job: JobRecord): string {
  if (job.progress && !job.coverage) return `Reading part ${job.progress.part} of ${job.progress.of}…`;
  if (job.coverage && !job.text) return `Combining ${job.coverage.parts} parts…`;
  if (!job.trying) return 'Starting…';
  const state = job.text ? `${shortName(job.trying)} is answering…` : `Waiting for ${shortName(job.trying)}…`;
  return job.restartedBecause ? `${state}${SEPARATOR}${failureToken({ failure: job.restartedBecause })}` : state;
}

/** "Error · key rejected", or the state in words when it is not a provider's failure ("Locked", "No AI reachable"). */
function errorLabel(error: LlmError | undefined): string {
  if (!error) return 'Error';
  switch (error.kind) {
    case 'locked':
      return 'Locked';
    case 'offline':
      return 'Offline';
    case 'site-blocked':
      return 'Not sent · never-send site';
    case 'no-provider':
      return 'No provider set up';
    case 'unreachable':
      return 'No AI reachable';
    default:
      return `Error${SEPARATOR}${CHIP_WORDS[error.kind] ?? reasonWords(error)}`;
  }
}

function chipFace(job: JobRecord, now: number): Omit<StatusChipModel, 'story'> {
  switch (job.status) {
    case 'running':
      return { label: runningLabel(job), tone: 'working' };
    case 'done':
      return doneChip(job, now);
    case 'error':
      if (job.error?.kind === 'aborted') return { label: 'Stopped', tone: 'degraded' };
      return { label: errorLabel(job.error), tone: 'error', icon: 'error' };
    case 'interrupted':
      return { label: 'Interrupted', tone: 'error', icon: 'error' };
    case 'needs-consent':
      return { label: 'Waiting for your consent', tone: 'waiting' };
    case 'needs-confirm':
      return { label: `Long page${SEPARATOR}waiting for your OK`, tone: 'waiting' };
    case 'needs-instruction':
      return { label: 'Waiting for your instruction', tone: 'waiting' };
  }
}

export function jobStatusChip(job: JobRecord, now: number = Date.now()): StatusChipModel {
  return { ...chipFace(job, now), story: describeJobStory(job, now) };
}
