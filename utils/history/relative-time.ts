// When a conversation was last touched, as people say it: "now", "3 minutes ago", "2 hours ago", "yesterday", then
// the date ("Mar 3", with the year when it is not this year), in the browser's language.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Intl throws on a malformed language tag: fall back to the runtime's default language. */
function withLocale<T>(make: (locale: string | undefined) => T, locale: string): T {
  try {
    return make(locale);
  } catch {
    return make(undefined);
  }
}

/** Calendar days from `then` to `now` in local time (a day with a daylight-saving change still counts as one). */
function calendarDaysBetween(then: Date, now: Date): number {
  const start = new Date(then.getFullYear(), then.getMonth(), then.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((end.getTime() - start.getTime()) / (24 * HOUR));
}

export function formatRelativeTime(then: number, now: number, locale: string): string {
  const relative = withLocale((tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }), locale);
  // A time slightly in the future (another device's clock) reads as now.
  const elapsed = Math.max(0, now - then);
  if (elapsed < 45_000) return relative.format(0, 'second');
  if (elapsed < HOUR) return relative.format(-Math.max(1, Math.floor(elapsed / MINUTE)), 'minute');
  const thenDate = new Date(then);
  const nowDate = new Date(now);
  const days = calendarDaysBetween(thenDate, nowDate);
  if (days === 0) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (days === 1) return relative.format(-1, 'day');
  const sameYear = thenDate.getFullYear() === nowDate.getFullYear();
  const date = withLocale((tag) => new Intl.DateTimeFormat(tag, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }), locale);
  return date.format(thenDate);
}

/** The full date and time, for a tooltip next to the relative one. */
export function formatAbsoluteTime(then: number, locale: string): string {
  return withLocale((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }), locale).format(new Date(then));
}
