import { describe, expect, it } from 'vitest';
import { formatAbsoluteTime, formatRelativeTime } from '@/utils/history/relative-time';

// Local times, so the calendar-day rules hold in any time zone the tests run in.
const NOW = new Date(2025, 2, 14, 15, 30).getTime();
const at = (month: number, day: number, hour: number, minute = 0, year = 2025): number => new Date(year, month, day, hour, minute).getTime();

describe('formatRelativeTime', () => {
  it.each<[string, number, string]>([
    ['now for the last seconds', NOW - 20_000, 'now'],
    ['now for a time slightly in the future', NOW + 5_000, 'now'],
    ['one minute for almost a minute', NOW - 50_000, '1 minute ago'],
    ['minutes within the hour', NOW - 3 * 60_000, '3 minutes ago'],
    ['hours earlier the same day', at(2, 14, 13, 10), '2 hours ago'],
    ['yesterday for the day before, even a few hours ago', at(2, 13, 23, 50), 'yesterday'],
    ['yesterday for early the day before', at(2, 13, 1), 'yesterday'],
    ['the date for older ones this year', at(2, 3, 9), 'Mar 3'],
    ['the date with the year for older years', at(11, 30, 9, 0, 2024), 'Dec 30, 2024'],
  ])('should say %s', (_case, then, expected) => {
    const text = formatRelativeTime(then, NOW, 'en-US');

    expect(text).toBe(expected);
  });

  it('should count minutes, not calendar days, just after midnight', () => {
    const now = new Date(2025, 2, 14, 0, 20).getTime();

    const text = formatRelativeTime(at(2, 13, 23, 50), now, 'en-US');

    expect(text).toBe('30 minutes ago');
  });

  it("should speak the browser's language", () => {
    const germanMinutes = formatRelativeTime(NOW - 3 * 60_000, NOW, 'de');
    const germanYesterday = formatRelativeTime(at(2, 13, 9), NOW, 'de');

    expect(germanMinutes).toBe('vor 3 Minuten');
    expect(germanYesterday).toBe('gestern');
  });

  it('should fall back to the default language for a malformed language tag', () => {
    const text = formatRelativeTime(NOW - 3 * 60_000, NOW, 'not a language!');

    expect(text).toMatch(/3/);
  });
});

describe('formatAbsoluteTime', () => {
  it('should give the date and the time', () => {
    const text = formatAbsoluteTime(at(2, 3, 9, 5), 'en-US');

    // ICU puts a narrow no-break space before AM in newer versions.
    expect(text).toMatch(/^Mar 3, 2025, 9:05\sAM$/);
  });
});
