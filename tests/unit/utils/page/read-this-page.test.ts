// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageContent } from '@/utils/jobs/task';
import { PDF_READER_GLOBAL, type PdfReaderScope } from '@/utils/page/pdf-reader-global';
import { readThisPage, readThisPdf, thisPageInfo } from '@/utils/page/read-this-page';

const PAGES = resolve(import.meta.dirname, '../../../fixtures/pages');
const load = (page: string, file: string): string => readFileSync(resolve(PAGES, page, file), 'utf8');
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');
const PDF_URL = 'https://example.com/report.pdf';

function pdfDocument(): Document {
  const doc = parse('<html><head><title>report.pdf</title></head><body><embed type="application/pdf"></body></html>');
  Object.defineProperty(doc, 'contentType', { value: 'application/pdf' });
  return doc;
}

function installPdfReader(text: string): ReturnType<typeof vi.fn> {
  const extract = vi.fn(async (_data: Uint8Array, url: string): Promise<PageContent> => ({ url, title: 'Report', text, source: 'pdf' }));
  (globalThis as PdfReaderScope)[PDF_READER_GLOBAL] = { extract };
  return extract;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, PDF_READER_GLOBAL);
  vi.unstubAllGlobals();
});

describe('thisPageInfo', () => {
  it('should give the address, title and language of the page', () => {
    const doc = parse('<html lang="fr"><head><title>Le titre</title></head><body></body></html>');

    expect(thisPageInfo(doc, 'https://example.com/a')).toEqual({ url: 'https://example.com/a', title: 'Le titre', lang: 'fr' });
  });

  it('should leave the language out when the page does not declare one', () => {
    const doc = parse('<html><head><title>Untitled</title></head><body></body></html>');

    expect(thisPageInfo(doc, 'https://example.com/b')).toEqual({ url: 'https://example.com/b', title: 'Untitled' });
  });

  it('should default to the live document and its address', () => {
    document.title = 'Live page';

    expect(thisPageInfo().url).toBe(document.location.href);
    expect(thisPageInfo().title).toBe('Live page');
  });
});

describe('readThisPage on a web page', () => {
  it('should return the article Readability finds, at once', () => {
    const read = readThisPage(parse(load('daringfireball-1', 'source.html')), 'http://fakehost/daringfireball-1/');

    expect(read).not.toBeInstanceOf(Promise);
    expect(read).toMatchObject({ page: { url: 'http://fakehost/daringfireball-1/', source: 'readability' } });
    expect('page' in read && read.page.text.length).toBeGreaterThan(1000);
  });

  it('should say so when the page has no readable text', () => {
    const read = readThisPage(parse('<html><head><title>Blank</title></head><body><script>var a = 1;</script></body></html>'), 'https://example.com/');

    expect(read).toEqual({ problem: 'This page has no readable text to summarize.' });
  });
});

describe('readThisPage on a PDF', () => {
  it('should fetch the PDF again and read it with the injected reader', async () => {
    const extract = installPdfReader('Quarterly results: revenue grew.');
    const fetchPdf = vi.fn(async () => new Response(new Uint8Array([37, 80, 68, 70])));
    vi.stubGlobal('fetch', fetchPdf);

    const read = await readThisPage(pdfDocument(), PDF_URL);

    expect(fetchPdf).toHaveBeenCalledWith(PDF_URL);
    expect(extract).toHaveBeenCalledWith(new Uint8Array([37, 80, 68, 70]), PDF_URL);
    expect(read).toEqual({ page: { url: PDF_URL, title: 'Report', text: 'Quarterly results: revenue grew.', source: 'pdf' } });
  });

  it('should say what went wrong: download refused, no reader, no text, or a reader failure', async () => {
    const ok = async (): Promise<Response> => new Response(new Uint8Array([1]));

    const refused = await readThisPdf(PDF_URL, async () => new Response('', { status: 403 }));
    const noReader = await readThisPdf(PDF_URL, ok);
    installPdfReader('   ');
    const scanned = await readThisPdf(PDF_URL, ok);
    (globalThis as PdfReaderScope)[PDF_READER_GLOBAL] = { extract: () => Promise.reject(new Error('bad xref')) };
    const broken = await readThisPdf(PDF_URL, ok);

    expect(refused).toEqual({ problem: 'Lifeline could not download this PDF again (HTTP 403).' });
    expect(noReader).toEqual({ problem: 'Lifeline could not read this PDF.' });
    expect(scanned).toEqual({ problem: 'This PDF has no text to summarize (it may hold only scanned images).' });
    expect(broken).toEqual({ problem: 'Lifeline could not read this PDF.' });
  });
});
