// Page extraction: the article found by Mozilla Readability, else the page's visible text.
import { Readability } from '@mozilla/readability';
import type { PageContent } from '../jobs/task';

/** Articles shorter than this are more likely a mis-detection than the page's real content. */
const MIN_ARTICLE_CHARS = 250;
const BLOCK_TAGS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'LI', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'TABLE', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGCAPTION', 'BR', 'HR', 'DT', 'DD']);

export function extractReadableText(doc: Document, url = doc.location?.href ?? ''): PageContent {
  const lang = doc.documentElement.lang || undefined;
  const base = { url, title: doc.title.trim(), ...(lang ? { lang } : {}) };
  const article = safeParse(doc);
  if (article) {
    const text = htmlToText(article.content ?? '', doc);
    if (text.length >= MIN_ARTICLE_CHARS) {
      return {
        ...base,
        title: (article.title ?? '').trim() || base.title,
        ...(article.byline ? { byline: article.byline.trim() } : {}),
        ...(!lang && article.lang ? { lang: article.lang } : {}),
        text,
        source: 'readability',
      };
    }
  }
  return { ...base, text: visibleText(doc), source: 'visible-text' };
}

function safeParse(doc: Document): ReturnType<Readability['parse']> {
  try {
    // Readability changes the document it reads: give it a copy.
    return new Readability(doc.cloneNode(true) as Document).parse();
  } catch {
    return null;
  }
}

/** Plain text of an HTML fragment with one blank line between blocks. */
export function htmlToText(html: string, ownerDocument: Document): string {
  const template = ownerDocument.createElement('template');
  template.innerHTML = html;
  return blocksToText(template.content);
}

function blocksToText(root: Node): string {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = current.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const tag = (node as Element).tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    const isBlock = tag !== undefined && BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    node.childNodes.forEach(walk);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return lines.join('\n\n');
}

function visibleText(doc: Document): string {
  const body = doc.body as HTMLElement | null;
  if (!body) return '';
  // innerText follows layout (hidden elements excluded) in a live page; detached documents fall back to structure.
  const text = typeof body.innerText === 'string' && body.innerText.trim() ? body.innerText : blocksToText(body);
  return text
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
