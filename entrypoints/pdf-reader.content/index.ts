// PDF reader: injected before the panel only into tabs that show a PDF, so pdf.js never weighs on other pages.
import { PDF_READER_GLOBAL, type PdfReaderScope } from '@/utils/page/pdf-reader-global';
import { extractPdfText } from '@/utils/page/pdf-text';

export default defineContentScript({
  // Injected by the background on a user gesture only: no match patterns, no host permissions.
  matches: [],
  registration: 'runtime',
  main() {
    // Content scripts of one extension share their isolated world: the panel finds the reader here.
    (globalThis as PdfReaderScope)[PDF_READER_GLOBAL] = { extract: extractPdfText };
  },
});
