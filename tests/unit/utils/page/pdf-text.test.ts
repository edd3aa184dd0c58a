// PDF extraction with pdf.js, on a one-page PDF written here by hand.
import { describe, expect, it } from 'vitest';

// pdf.js's modern build expects Promise.withResolvers (Chromium has it; Node 20 does not).
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
};
const { extractPdfText } = await import('@/utils/page/pdf-text');

function makePdf(lines: string[], info = ''): Uint8Array {
  const content = lines.map((line, index) => `BT /F1 12 Tf 72 ${700 - index * 20} Td (${line}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< ${info} >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

describe('extractPdfText', () => {
  it('should read the text of each line and the title and author from the metadata', async () => {
    const content = await extractPdfText(makePdf(['Lifeline reads PDF files', 'Second line.'], '/Title (Annual report) /Author (Ada Lovelace)'), 'https://example.com/r.pdf');
    expect(content).toEqual({ url: 'https://example.com/r.pdf', title: 'Annual report', byline: 'Ada Lovelace', text: 'Lifeline reads PDF files\nSecond line.', source: 'pdf' });
  });

  it('should take the file name as the title when the PDF has none', async () => {
    const content = await extractPdfText(makePdf(['Text.']), 'https://example.com/files/Quarterly%20figures.pdf?download=1');
    expect(content.title).toBe('Quarterly figures.pdf');
  });

  it('should reject what is not a PDF', async () => {
    await expect(extractPdfText(new TextEncoder().encode('<html>not a pdf</html>'), 'https://example.com/x.pdf')).rejects.toThrow();
  });
});
