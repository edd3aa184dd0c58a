// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from '@/components/SafeMarkdown';
import {
  escapeMarkdown,
  extractiveSummary,
  offlineSummaryMarkdown,
  splitArticle,
  summaryLength,
} from '@/utils/offline/extractive-summary';
import { extractReadableText } from '@/utils/page/extract-readable-text';

const PAGES = resolve(import.meta.dirname, '../../../fixtures/pages');
const load = (page: string, file: string): string => readFileSync(resolve(PAGES, page, file), 'utf8');

/** The article text as the extension extracts it (Readability on source.html). */
function articleOf(page: string): { text: string; lang: string | undefined } {
  const doc = new DOMParser().parseFromString(load(page, 'source.html'), 'text/html');
  const content = extractReadableText(doc, `http://fakehost/${page}/`);
  return { text: content.text, lang: content.lang };
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ');

function wordSet(text: string, lang = 'en'): Set<string> {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
  return new Set([...segmenter.segment(text.normalize('NFKC').toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((token) => b.has(token)).length;
  return shared / (a.size + b.size - shared);
}

/** Sentences of `count` distinct prose sentences about different things, so that none is a near-duplicate of another. */
function prose(count: number): string[] {
  const subjects = ['The council', 'A local farmer', 'The new museum', 'Our reporter', 'The weather service', 'A small bakery', 'The railway company', 'Two students'];
  const verbs = ['announced', 'described', 'questioned', 'welcomed', 'criticised', 'measured', 'explained', 'celebrated'];
  const objects = ['the budget for next year', 'a flood along the river', 'the opening of a bridge', 'rising prices of bread', 'a festival in the old town', 'the results of an election', 'a storm over the hills', 'delays on the northern line'];
  return Array.from({ length: count }, (_, i) => `${subjects[i % 8]} ${verbs[Math.floor(i / 8) % 8]} ${objects[(i * 3) % 8]} on day ${i + 1} of the survey.`);
}

describe('extractiveSummary on corpus pages', () => {
  it.each([
    ['ars-1', undefined],
    ['bbc-1', undefined],
    ['nytimes-1', undefined],
    ['guardian-1', undefined],
    ['lemonde-1', undefined],
    ['heise', undefined],
    ['folha', undefined],
    ['yahoo-4', undefined],
    ['qq', 'zh'],
  ])('should summarise %s in 3 to 7 of its own sentences, in order, without near-duplicates', (page, langOverride) => {
    const article = articleOf(page);
    const lang = langOverride ?? article.lang;

    const summary = extractiveSummary(article.text, { lang });

    expect(summary.sentences.length).toBeGreaterThanOrEqual(3);
    expect(summary.sentences.length).toBeLessThanOrEqual(7);
    expect(summary.sentences.length).toBeLessThanOrEqual(Math.max(3, Math.floor(summary.articleSentences / 5)));
    const text = normalise(article.text);
    const positions = summary.sentences.map((sentence) => text.indexOf(sentence));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    const sets = summary.sentences.map((sentence) => wordSet(sentence, lang));
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) expect(jaccard(sets[i]!, sets[j]!)).toBeLessThanOrEqual(0.6);
  });

  it('should give the same summary every time', () => {
    const article = articleOf('guardian-1');

    const first = extractiveSummary(article.text, { lang: article.lang });
    const second = extractiveSummary(article.text, { lang: article.lang });

    expect(second).toEqual(first);
  });

  it('should summarise a French article in French with its language', () => {
    const article = articleOf('lemonde-1');

    const summary = extractiveSummary(article.text, { lang: 'fr' });

    expect(article.lang).toBe('fr');
    expect(summary.sentences.length).toBeGreaterThanOrEqual(3);
    expect(summary.sentences.join(' ')).toMatch(/\b(?:le|la|les|des) /);
    expect(summary.sentences.join(' ')).toMatch(/[éèàç]/);
  });

  it('should summarise a Chinese article written without spaces', () => {
    const article = articleOf('qq');

    const summary = extractiveSummary(article.text, { lang: 'zh' });

    expect(summary.sentences.length).toBe(3);
    for (const sentence of summary.sentences) {
      expect(sentence).toMatch(/\p{Script=Han}/u);
      expect(sentence).toMatch(/[。！？”]$/u);
    }
    // Page furniture of the source ("转播到腾讯微博", the copyright notice) is never chosen.
    expect(summary.sentences.join('')).not.toMatch(/转播到|未经授权|责任编辑/u);
  });

  it('should leave out reference lists and keep a Wikipedia citation mark with its sentence', () => {
    const article = articleOf('wikipedia');

    const split = splitArticle(article.text, { lang: 'en' });

    expect(split.prose.some((sentence) => sentence.startsWith('^'))).toBe(false);
    expect(split.prose.some((sentence) => /^\d+\]/.test(sentence))).toBe(false);
    expect(split.prose.length).toBeLessThan(split.sentences.length);
  });
});

describe('extractiveSummary', () => {
  it('should return both sentences of a two-sentence text', () => {
    const text = 'The river rose by two metres during the night. Residents of the lower town were moved to the school.';

    expect(extractiveSummary(text, { lang: 'en' })).toEqual({
      sentences: ['The river rose by two metres during the night.', 'Residents of the lower town were moved to the school.'],
      articleSentences: 2,
    });
  });

  it.each([[''], ['   \n\n  '], ['12 34 56'], ['Share']])('should return no sentences for %j', (text) => {
    expect(extractiveSummary(text).sentences).toEqual([]);
  });

  it('should count the sentences of an empty text as 0', () => {
    expect(extractiveSummary('')).toEqual({ sentences: [], articleSentences: 0 });
  });

  it('should keep a fifth of a long article, at most 7', () => {
    const twenty = extractiveSummary(prose(20).join(' '), { lang: 'en' });
    const hundred = extractiveSummary(prose(100).join('\n\n'), { lang: 'en' });

    expect(twenty.articleSentences).toBe(20);
    expect(twenty.sentences).toHaveLength(4);
    expect(hundred.sentences).toHaveLength(7);
  });

  it('should keep 3 sentences of an article with fewer than 15, even above a fifth', () => {
    const summary = extractiveSummary(prose(10).join(' '), { lang: 'en' });

    expect(summary.articleSentences).toBe(10);
    expect(summary.sentences).toHaveLength(3);
  });

  it('should honour maxSentences', () => {
    expect(extractiveSummary(prose(100).join(' '), { lang: 'en', maxSentences: 2 }).sentences).toHaveLength(2);
    expect(extractiveSummary(prose(100).join(' '), { lang: 'en', maxSentences: 50 }).sentences).toHaveLength(7);
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [14, 3],
    [15, 3],
    [20, 4],
    [34, 6],
    [35, 7],
    [500, 7],
  ])('should make a summary of %i prose sentences %i sentences long', (proseSentences, expected) => {
    expect(summaryLength(proseSentences)).toBe(expected);
  });

  it('should leave out headings, captions, credits and page furniture', () => {
    const furniture = [
      'Share this article',
      'Advertisement',
      'Read more: how the council spends its money',
      'We use cookies to improve your experience on our site and to show you relevant advertising.',
      'Subscribe to our newsletter to get the best stories of the week in your inbox.',
      'Photo: Jane Doe for the Daily Planet, taken on the riverbank',
      'THE COUNCIL MEETS AGAIN ON MONDAY EVENING AT SIX',
      'Visit https://example.com/a/very/long/address/that/goes/on for the full list of results.',
      'A heading that runs on for several words',
    ];
    const text = [...prose(20).slice(0, 10), ...furniture, ...prose(20).slice(10)].join('\n\n');

    const split = splitArticle(text, { lang: 'en' });

    expect(split.prose).toEqual(prose(20));
    expect(split.sentences).toHaveLength(20 + furniture.length);
  });

  it('should not split after an abbreviation or an initial', () => {
    const split = splitArticle('Mr. Obama met Dr. Jane B. Smith in Washington on Friday. They spoke for an hour about the budget.', { lang: 'en' });

    expect(split.sentences).toEqual(['Mr. Obama met Dr. Jane B. Smith in Washington on Friday.', 'They spoke for an hour about the budget.']);
  });

  it('should keep one of two near-duplicate sentences', () => {
    const text = [
      'The council approved the new budget for the river bridge on Monday evening.',
      'Farmers in the valley expect a late harvest after the cold and wet spring.',
      'The council approved the new budget for the river bridge again on Monday.',
      'A travelling circus will set up its tents in the market square next week.',
    ].join(' ');

    const summary = extractiveSummary(text, { lang: 'en' });

    expect(summary.sentences).toHaveLength(3);
    expect(summary.sentences.filter((sentence) => sentence.startsWith('The council approved'))).toHaveLength(1);
  });

  it.each(['not a language', 'xx_YY', 'tlh', ''])('should fall back to English segmentation for the language %j', (lang) => {
    const summary = extractiveSummary(prose(20).join(' '), { lang });

    expect(summary.sentences).toHaveLength(4);
  });

  it('should join a PDF\'s line breaks inside a paragraph', () => {
    const text = 'The river rose by two metres\nduring the night and flooded\nthe lower town.\n\nResidents were moved to the school on the hill before midnight.';

    expect(extractiveSummary(text, { lang: 'en' }).sentences).toEqual([
      'The river rose by two metres during the night and flooded the lower town.',
      'Residents were moved to the school on the hill before midnight.',
    ]);
  });

  it('should summarise a book-length text (more sentences than it ranks) with distinct sentences', () => {
    const text = Array.from({ length: 80 }, () => prose(64).join(' ')).join('\n\n');

    const summary = extractiveSummary(text, { lang: 'en' });

    expect(summary.articleSentences).toBe(64 * 80);
    expect(summary.sentences).toHaveLength(7);
    expect(new Set(summary.sentences).size).toBe(7);
  });
});

describe('offlineSummaryMarkdown', () => {
  const render = (text: string): string => renderToStaticMarkup(createElement(SafeMarkdown, { text }));

  it('should list the sentences as Markdown bullets', () => {
    const markdown = offlineSummaryMarkdown({ sentences: ['First point here.', 'Second point there.'], articleSentences: 10 });

    expect(markdown).toBe('- First point here.\n- Second point there.');
    expect(render(markdown)).toBe('<ul>\n<li>First point here.</li>\n<li>Second point there.</li>\n</ul>');
  });

  it('should keep links, HTML and markup in page text inert', () => {
    const sentences = [
      'Click [x](javascript:alert(1)) to win.',
      'An image <img src=x onerror=alert(1)> appears here.',
      'Some **bold** and _emphasis_ and `code` and ~~gone~~ words.',
      'See https://example.com/page and www.example.org or write to someone@example.com today.',
      '# Not a heading but a sentence.',
      '1. Not a list item either.',
      'A reference [1]: https://evil.example/ here.',
      'A table | cell | row and an entity &lt;b&gt; too.',
    ];

    const html = render(offlineSummaryMarkdown({ sentences, articleSentences: 40 }));

    expect(html).not.toMatch(/<a[\s>]|<img|<strong|<em|<code|<del|<h1|<ol|<table/);
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('**bold** and _emphasis_ and `code` and ~~gone~~');
    // Bare addresses get an invisible word joiner (U+2060) that keeps GFM from linking them.
    expect(html.replaceAll('\u2060', '')).toContain('https://example.com/page and www.example.org or write to someone@example.com');
    expect(html).toContain('# Not a heading');
    expect(html).toContain('1. Not a list item');
    expect(html).toContain('&amp;lt;b&amp;gt;');
    expect(html.match(/<li>/g)).toHaveLength(sentences.length);
  });

  it('should escape every character that could start markup', () => {
    expect(escapeMarkdown('[a]<b>*c*_d_`e`')).toBe('\\[a\\]\\<b\\>\\*c\\*\\_d\\_\\`e\\`');
  });
});
