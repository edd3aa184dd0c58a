// End to end: "Summarize page" on a PDF shown in Chromium's viewer reads the PDF's text with pdf.js.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_ANSWER, startFaultServer, type FaultServer } from '../mocks/fault-server';
import { isPanelOpen, summarizeAndWait } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { seedProviders } from './support/seed-providers';

const PDF_TEXT = 'Lifeline reads PDF files';

/** A minimal one-page PDF with one line of Helvetica text and a title, its cross-reference offsets counted here. */
function makePdf(text: string, title: string): Buffer {
  const content = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title (${title}) >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

type Prompt = { role: string; content: string }[];

describe('Summarize a PDF', () => {
  let extension: LaunchedExtension;
  let provider: FaultServer;
  let site: Server;
  let pdfUrl: string;

  beforeAll(async () => {
    provider = await startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }) });
    const pdf = makePdf(PDF_TEXT, 'Lifeline PDF test');
    site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
      response.end(pdf);
    });
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    pdfUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/papers/lifeline.pdf`;
    extension = await launchExtension();
    await seedProviders(extension.worker, [{ id: 'pdf', name: 'Summarizer', baseURL: provider.url, model: 'pdf-model', apiKey: 'sk-pdf-0000' }]);
  });

  afterAll(async () => {
    await extension?.close();
    await provider?.close();
    await new Promise((done) => site?.close(done));
  });

  it('should send the text of the PDF the tab shows and say who answered', async () => {
    const page = await extension.context.newPage();
    await page.goto(pdfUrl, { waitUntil: 'domcontentloaded' });
    // Chromium shows the PDF in its viewer: the tab stays on the PDF's address.
    expect(page.url()).toBe(pdfUrl);

    const result = await summarizeAndWait(extension.worker, page);

    const body = provider.attempts.at(-1)?.body as { messages?: Prompt } | undefined;
    const user = body?.messages?.find((message) => message.role === 'user')?.content ?? '';
    expect(user).toContain(PDF_TEXT);
    expect(user).toContain('Title: Lifeline PDF test');
    expect(result.answer).toBe(CANONICAL_ANSWER);
    expect(result.status).toContain('Answered by Summarizer (pdf-model)');
    expect(isPanelOpen(page)).toBe(true);
  });
});
