import { describe, expect, it } from 'vitest';
import { isNeverSend, toSiteHost } from '@/utils/privacy/never-send';

describe('never-send list', () => {
  it.each([
    ['https://www.Example.com/path?q=1', 'example.com'],
    ['example.com', 'example.com'],
    ['  mail.example.org ', 'mail.example.org'],
    ['', undefined],
    ['not a host name', undefined],
  ])('should read %j as the site %j', (input, expected) => {
    expect(toSiteHost(input)).toBe(expected);
  });

  it('should block a listed site and its subdomains, not look-alikes', () => {
    const sites = ['example.com'];

    expect(isNeverSend('https://example.com/a', sites)).toBe(true);
    expect(isNeverSend('https://www.example.com/a', sites)).toBe(true);
    expect(isNeverSend('https://news.example.com/a', sites)).toBe(true);
    expect(isNeverSend('https://notexample.com/a', sites)).toBe(false);
    expect(isNeverSend('https://example.com.evil.test/a', sites)).toBe(false);
  });
});
