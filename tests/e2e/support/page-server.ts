// Serves the corpus pages from tests/fixtures/pages on 127.0.0.1, as a real site would.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve } from 'node:path';

const PAGES_DIR = resolve(import.meta.dirname, '../../fixtures/pages');

export async function startPageServer(): Promise<{ url(page: string): string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const page = normalize(path).replace(/^\/+|\/+$/g, '');
    try {
      const html = await readFile(join(PAGES_DIR, page, 'source.html'));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://127.0.0.1:${port}/${page}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Serves one HTML document at `path` on 127.0.0.1 (a compose form, a hand-made page). */
export async function serveHtml(html: string, path = '/compose'): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${path}`, close: () => new Promise((done) => server.close(() => done())) };
}
