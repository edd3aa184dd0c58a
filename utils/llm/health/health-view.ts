// What the settings page and the toolbar badge show of each entry's health.
import { availabilityOf, percentile, type EntryHealth } from './entry-health';

export type HealthStatus = 'unused' | 'healthy' | 'failing' | 'resting' | 'disabled';

export interface TokenCount {
  input: number;
  output: number;
}

export interface EntryHealthView {
  id: string;
  status: HealthStatus;
  /** Share of answered requests among all tries, when there were any. */
  successRate?: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  lastError?: { message: string; at: number };
  /** Why the entry is skipped (disabled or resting), in plain words. */
  notice?: string;
  restingUntil?: number;
  tokensToday: TokenCount;
  tokensThisMonth: TokenCount;
}

export function toHealthView(
  id: string,
  health: EntryHealth | undefined,
  usage: { today: TokenCount; thisMonth: TokenCount },
  now: number,
): EntryHealthView {
  const base = { id, tokensToday: usage.today, tokensThisMonth: usage.thisMonth };
  if (!health || health.successes + health.failures === 0) return { ...base, status: 'unused' };
  const availability = availabilityOf(health, now);
  const p50 = percentile(health.ttftMs, 50);
  const p95 = percentile(health.ttftMs, 95);
  const view: EntryHealthView = {
    ...base,
    status: 'healthy',
    successRate: health.successes / (health.successes + health.failures),
    ...(p50 !== undefined ? { ttftP50Ms: p50 } : {}),
    ...(p95 !== undefined ? { ttftP95Ms: p95 } : {}),
    ...(health.lastError ? { lastError: { message: health.lastError.message, at: health.lastError.at } } : {}),
  };
  switch (availability.status) {
    case 'disabled':
      return { ...view, status: 'disabled', notice: `Not used until you fix it: ${availability.reason.message}` };
    case 'resting': {
      const rateLimited = (health.restUntil ?? 0) > now;
      const notice = rateLimited
        ? 'Resting after the provider asked Lifeline to slow down (rate limit); the next providers answer meanwhile.'
        : 'Resting after repeated failures; Lifeline will try it again soon.';
      return { ...view, status: 'resting', restingUntil: availability.until, notice };
    }
    case 'probe':
      return { ...view, status: 'failing', notice: 'Failed recently; the next request checks whether it recovered.' };
    case 'ready':
      return health.consecutiveFailures > 0 ? { ...view, status: 'failing' } : view;
  }
}

/** The toolbar badge: how many entries are failing, resting or disabled ('' when all is well). */
export function badgeForHealth(views: readonly EntryHealthView[]): { text: string; color: string } {
  const disabled = views.filter((view) => view.status === 'disabled').length;
  const troubled = views.filter((view) => view.status === 'failing' || view.status === 'resting').length;
  if (disabled + troubled === 0) return { text: '', color: '#000000' };
  return { text: String(disabled + troubled), color: disabled > 0 ? '#b42318' : '#b26b00' };
}
