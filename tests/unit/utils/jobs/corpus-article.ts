// Corpus articles as plain text for the tier tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A corpus article as plain text: the expected Readability output with its markup stripped, paragraphs at blank lines. */
export function articleText(page: string): string {
  const html = readFileSync(resolve(import.meta.dirname, '../../../fixtures/pages', page, 'expected.html'), 'utf8');
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(?:p|li|h[1-6]|div|blockquote|figcaption|tr|ul|ol)>/gi, '\n\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
