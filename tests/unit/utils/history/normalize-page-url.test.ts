import { describe, expect, it } from 'vitest';
import { normalizePageUrl } from '@/utils/history/normalize-page-url';

describe('normalizePageUrl', () => {
  it.each([
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['https://a.com', 'https://a.com/'],
    ['https://a.com/', 'https://a.com/'],
    ['https://a.com:443/x', 'https://a.com/x'],
    ['http://a.com:80/x', 'http://a.com/x'],
    ['https://a.com:8443/x', 'https://a.com:8443/x'],
    ['https://a.com/x#section-2', 'https://a.com/x'],
    ['https://a.com/x?', 'https://a.com/x'],
    ['  https://a.com/x  ', 'https://a.com/x'],
    ['https://user:secret@a.com/x', 'https://a.com/x'],
  ])('should file %s under %s', (url, key) => {
    expect(normalizePageUrl(url)).toBe(key);
  });

  it('should drop tracking parameters and keep the others in their order, as written', () => {
    const url =
      'https://a.com/p?z=1&utm_source=news&UTM_Medium=mail&b=x%20y&fbclid=F&gclid=G&mc_cid=C&mc_eid=E&ref_src=twsrc&igshid=I&a=q+r#top';

    expect(normalizePageUrl(url)).toBe('https://a.com/p?z=1&b=x%20y&a=q+r');
  });

  it('should drop the query mark when only tracking parameters were there', () => {
    expect(normalizePageUrl('https://a.com/p?utm_campaign=x&fbclid=y')).toBe('https://a.com/p');
  });

  it('should keep parameters that only look like tracking ones', () => {
    expect(normalizePageUrl('https://a.com/?ref=home&utmost=1&id=7')).toBe('https://a.com/?ref=home&utmost=1&id=7');
  });

  it('should give the same key to the same page reached in different ways', () => {
    const keys = new Set(
      ['https://A.com/doc?id=3', 'https://a.com:443/doc?id=3#intro', 'https://a.com/doc?utm_source=x&id=3&gclid=1'].map(normalizePageUrl),
    );

    expect([...keys]).toEqual(['https://a.com/doc?id=3']);
  });

  it('should only trim other schemes and drop their fragment', () => {
    expect(normalizePageUrl(' file:///home/me/Report.pdf#page=2 ')).toBe('file:///home/me/Report.pdf');
    expect(normalizePageUrl('chrome://extensions/?id=abc#details')).toBe('chrome://extensions/?id=abc');
  });

  it('should return a string that is no URL as it is', () => {
    expect(normalizePageUrl('not a url #1')).toBe('not a url #1');
    expect(normalizePageUrl('')).toBe('');
  });
});
