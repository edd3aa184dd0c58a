// PDF extraction: the text of every page, read with pdf.js (pdfjs-dist) on the page's thread, so no worker file ships.
import { getDocument } from 'pdfjs-dist';
// Importing pdf.js's worker code sets `globalThis.pdfjsWorker`: pdf.js then runs it in this thread instead of a Worker,
// which a content script could not start from the extension's origin anyway.
import 'pdfjs-dist/build/pdf.worker.mjs';
import type { PageContent } from '../jobs/task';

export async function extractPdfText(data: Uint8Array, url: string): Promise<PageContent> {
  // No eval (the content-script CSP forbids it), no fonts loaded into the page: only the text is needed.
  const loading = getDocument({ data, isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  try {
    const pdf = await loading.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const lines: string[] = [];
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      lines.push(line);
      const text = lines
        .map((candidate) => candidate.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n');
      if (text) pages.push(text);
      page.cleanup();
    }
    const metadata = await pdf.getMetadata().catch(() => undefined);
    const info = (metadata?.info ?? {}) as { Title?: unknown; Author?: unknown; Language?: unknown };
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : fileName(url);
    const byline = typeof info.Author === 'string' && info.Author.trim() ? { byline: info.Author.trim() } : {};
    const lang = typeof info.Language === 'string' && info.Language.trim() ? { lang: info.Language.trim() } : {};
    return { url, title, ...lang, ...byline, text: pages.join('\n\n'), source: 'pdf' };
  } finally {
    await loading.destroy();
  }
}

/** "report.pdf" from https://example.com/files/report.pdf?x=1 (the address itself when it has no file name). */
function fileName(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    return last ? decodeURIComponent(last) : url;
  } catch {
    return url;
  }
}
