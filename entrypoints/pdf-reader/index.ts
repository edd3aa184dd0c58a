// PDF reader: injected by the tab reader only into tabs that show a PDF, so pdf.js never weighs on other pages.
// An unlisted script, not a WXT content script: nothing is posted on the page's window.
import { PDF_READER_GLOBAL, type PdfReaderScope } from '@/utils/page/pdf-reader-global';
import { extractPdfText } from '@/utils/page/pdf-text';

export default defineUnlistedScript(() => {
  // Scripts Lifeline injects into a page share its isolated world: the page reader finds the PDF reader here.
  (globalThis as PdfReaderScope)[PDF_READER_GLOBAL] = { extract: extractPdfText };
});
