// Reads the page a content script runs in: its address and title, and its text (Readability, visible text, or a PDF's).
// Shared by the in-page panel and the page bridge; a PDF is read through the reader script the background injects first.
import type { PageContent, PageInfo } from '../jobs/task';
import { extractReadableText } from './extract-readable-text';
import { isPdfDocument, pdfReader } from './pdf-reader-global';

export type PageOrProblem = { page: PageContent } | { problem: string };

/** Where the page is and what it is called: enough for a task about its selection. */
export function thisPageInfo(doc: Document = document, url: string = doc.location?.href ?? ''): PageInfo {
  const lang = doc.documentElement.lang;
  return { url, title: doc.title, ...(lang ? { lang } : {}) };
}

/** The text of the PDF this tab shows, fetched again from its own address (same origin) and read with pdf.js. */
export async function readThisPdf(url: string, fetchPage: typeof fetch = fetch): Promise<PageOrProblem> {
  try {
    const response = await fetchPage(url);
    if (!response.ok) return { problem: `Lifeline could not download this PDF again (HTTP ${response.status}).` };
    const reader = pdfReader();
    if (!reader) return { problem: 'Lifeline could not read this PDF.' };
    const page = await reader.extract(new Uint8Array(await response.arrayBuffer()), url);
    return page.text.trim() ? { page } : { problem: 'This PDF has no text to summarize (it may hold only scanned images).' };
  } catch {
    return { problem: 'Lifeline could not read this PDF.' };
  }
}

/** The readable text of a web page (synchronous: Readability, else the visible text). */
export function readThisWebPage(doc: Document = document, url: string = doc.location?.href ?? ''): PageOrProblem {
  const page = extractReadableText(doc, url);
  return page.text.trim() ? { page } : { problem: 'This page has no readable text to summarize.' };
}

/** The page's text, or plain words saying why there is none; a PDF is read asynchronously, a web page at once. */
export function readThisPage(doc: Document = document, url: string = doc.location?.href ?? ''): PageOrProblem | Promise<PageOrProblem> {
  return isPdfDocument(doc) ? readThisPdf(url) : readThisWebPage(doc, url);
}
