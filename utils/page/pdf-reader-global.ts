// How the panel reaches the PDF reader script the background injects into PDF tabs (same isolated world).
import type { PageContent } from '../jobs/task';

export const PDF_READER_GLOBAL = '__lifelinePdfReader';

export interface PdfReader {
  extract(data: Uint8Array, url: string): Promise<PageContent>;
}

export type PdfReaderScope = typeof globalThis & { [PDF_READER_GLOBAL]?: PdfReader };

/** Chromium shows a PDF in its viewer, yet the tab's document keeps the PDF's content type. */
export function isPdfDocument(doc: Document): boolean {
  return doc.contentType === 'application/pdf';
}

export function pdfReader(): PdfReader | undefined {
  return (globalThis as PdfReaderScope)[PDF_READER_GLOBAL];
}
