// Plain-words health of one provider for the options page; pure (the caller passes the time) so it is unit-tested.
import type { EntryHealthView, HealthStatus, TokenCount } from './health-view';

export type HealthTone = 'neutral' | 'ok' | 'warning' | 'alert';

export interface HealthDescription {
  tone: HealthTone;
  /** "Healthy", "Failing", "Resting", "Disabled" or "Not used yet". */
  label: string;
  /** What follows the label: success rate, speed, tokens. */
  facts: string[];
  /** One line of facts joined with " · ", e.g. "Healthy · 98% answered · first token 420 ms (p95 900 ms)". */
  summary: string;
  /** Why the provider is skipped or failing, in plain words. */
  notice?: string;
  /** "Next try in 25 s" while resting. */
  nextTry?: string;
  /** "Last error 2 min ago: <message>". */
  lastError?: string;
}

const STATUS_LABELS: Record<HealthStatus, string> = {
  unused: 'Not used yet',
  healthy: 'Healthy',
  failing: 'Failing',
  resting: 'Resting',
  disabled: 'Disabled',
};

const STATUS_TONES: Record<HealthStatus, HealthTone> = {
  unused: 'neutral',
  healthy: 'ok',
  failing: 'warning',
  resting: 'warning',
  disabled: 'alert',
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_MESSAGE_LENGTH = 240;
/** Between the facts of the summary line. */
export const HEALTH_FACT_SEPARATOR = ' · ';

/** A share between 0 and 1 as a whole percent; never rounds a partial share up to 100% or down to 0%. */
export function formatPercent(rate: number): string {
  const share = Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
  let percent = Math.round(share * 100);
  if (percent === 100 && share < 1) percent = 99;
  if (percent === 0 && share > 0) percent = 1;
  return `${percent}%`;
}

/** A duration: "420 ms", "1.2 s", "12 s". */
export function formatMs(ms: number): string {
  const value = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  const rounded = Math.round(value);
  if (rounded < 1_000) return `${rounded} ms`;
  const seconds = value / SECOND;
  return seconds < 10 ? `${trimDecimal(Math.round(seconds * 10) / 10)} s` : `${Math.round(seconds)} s`;
}

/** A token count: "850", "1.2k", "12.3k", "210k", "3.4M". */
export function formatTokenCount(count: number): string {
  let value = Number.isFinite(count) ? Math.max(0, Math.round(count)) : 0;
  if (value < 1_000) return String(value);
  const suffixes = ['k', 'M', 'B', 'T'];
  for (const [index, suffix] of suffixes.entries()) {
    value /= 1_000;
    const shown = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
    if (shown < 1_000 || index === suffixes.length - 1) return `${trimDecimal(shown)}${suffix}`;
  }
  return String(value);
}

export function totalTokens(count: TokenCount): number {
  return count.input + count.output;
}

/** "12.3k tokens today, 210k this month". */
export function formatTokenUsage(today: TokenCount, thisMonth: TokenCount): string {
  return `${formatTokenCount(totalTokens(today))} tokens today, ${formatTokenCount(totalTokens(thisMonth))} this month`;
}

/** How long ago `at` was: "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago". */
export function formatRelativeTime(at: number, now: number): string {
  const elapsed = now - at;
  if (!Number.isFinite(elapsed) || elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 2 * DAY) return 'yesterday';
  return `${Math.floor(elapsed / DAY)} days ago`;
}

/** How long until `until`: "in 25 s", "in 3 min", "in 2 h"; "now" once it has passed. */
export function formatTimeUntil(until: number, now: number): string {
  const remaining = until - now;
  if (!Number.isFinite(remaining) || remaining <= 0) return 'now';
  if (remaining < MINUTE) return `in ${Math.ceil(remaining / SECOND)} s`;
  if (remaining < HOUR) return `in ${Math.ceil(remaining / MINUTE)} min`;
  return `in ${Math.ceil(remaining / HOUR)} h`;
}

/** Everything the options page shows of one provider's health. */
export function describeHealth(view: EntryHealthView, now: number): HealthDescription {
  const label = STATUS_LABELS[view.status];
  const facts: string[] = [];
  if (view.status !== 'unused') {
    if (view.successRate !== undefined) facts.push(`${formatPercent(view.successRate)} answered`);
    if (view.ttftP50Ms !== undefined) {
      const p95 = view.ttftP95Ms !== undefined ? ` (p95 ${formatMs(view.ttftP95Ms)})` : '';
      facts.push(`first token ${formatMs(view.ttftP50Ms)}${p95}`);
    }
  }
  if (totalTokens(view.tokensToday) + totalTokens(view.tokensThisMonth) > 0) {
    facts.push(formatTokenUsage(view.tokensToday, view.tokensThisMonth));
  }
  const description: HealthDescription = {
    tone: STATUS_TONES[view.status],
    label,
    facts,
    summary: [label, ...facts].join(HEALTH_FACT_SEPARATOR),
  };

  const notice = view.notice?.trim() || (view.status === 'disabled' ? 'Not used until you fix it.' : undefined);
  if (notice && view.status !== 'unused' && view.status !== 'healthy') description.notice = clip(notice);

  if (view.status === 'resting' && view.restingUntil !== undefined && view.restingUntil > now) {
    description.nextTry = `Next try ${formatTimeUntil(view.restingUntil, now)}`;
  }

  const message = view.lastError ? clip(view.lastError.message) : '';
  const showsError =
    view.status === 'failing' ||
    view.status === 'resting' ||
    // A disabled provider's notice usually carries the same reason already.
    (view.status === 'disabled' && !(view.notice ?? '').includes(view.lastError?.message ?? ''));
  if (view.lastError && message && showsError) {
    description.lastError = `Last error ${formatRelativeTime(view.lastError.at, now)}: ${message}`;
  }
  return description;
}

function trimDecimal(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

/** Provider messages can be long or multi-line: one line, bounded. */
function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1).trimEnd()}…` : line;
}
