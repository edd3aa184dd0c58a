// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReadableText } from '@/utils/page/extract-readable-text';
import { tokenF1 } from '../../../support/token-f1';

const PAGES = resolve(import.meta.dirname, '../../../fixtures/pages');
const load = (page: string, file: string): string => readFileSync(resolve(PAGES, page, file), 'utf8');
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

describe('extractReadableText', () => {
  it.each(['ars-1', 'lemonde-1', 'wikipedia', 'daringfireball-1'])('should extract the article of %s close to Readability\'s expected text', (page) => {
    const expected = parse(load(page, 'expected.html')).body.textContent ?? '';

    const content = extractReadableText(parse(load(page, 'source.html')), `http://fakehost/${page}/`);

    expect(content.source).toBe('readability');
    expect(tokenF1(content.text, expected)).toBeGreaterThan(0.95);
  });

  it('should keep the title, byline and language', () => {
    const metadata = JSON.parse(load('lemonde-1', 'expected-metadata.json')) as { title: string; lang: string };

    const content = extractReadableText(parse(load('lemonde-1', 'source.html')), 'http://fakehost/lemonde-1/');

    expect(content.title).toBe(metadata.title);
    expect(content.lang).toBe(metadata.lang);
  });

  it('should separate paragraphs with blank lines', () => {
    const content = extractReadableText(parse(load('ars-1', 'source.html')), 'http://fakehost/ars-1/');

    expect(content.text.split('\n\n').length).toBeGreaterThan(5);
  });

  it('should fall back to the visible text of a page that is not an article', () => {
    const doc = parse('<html lang="en"><head><title>Login</title></head><body><nav>Home</nav><form><label>User <input></label><button>Sign in</button></form><script>var secret = 1;</script></body></html>');

    const content = extractReadableText(doc, 'https://example.com/login');

    expect(content).toMatchObject({ source: 'visible-text', title: 'Login', lang: 'en' });
    expect(content.text).toContain('Sign in');
    expect(content.text).not.toContain('secret');
  });
});
