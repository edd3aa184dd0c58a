// A tiny 127.0.0.1 HTTP server for contract tests: replays a fixture body with a chosen status and records requests.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** After the body, keep the connection open (no end marker, no close) until the server closes. */
  holdOpen?: boolean;
  /** After the body, reset the connection instead of ending the response cleanly. */
  destroyAfterBody?: boolean;
  /** Never answer: not even headers. */
  silent?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ReplayServer {
  url: string;
  requests: RecordedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

type Responder = ReplayResponse | ((request: RecordedRequest, index: number) => ReplayResponse);

export async function startSseReplayServer(responder: Responder): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const openResponses = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      };
      requests.push(recorded);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
      const response = typeof responder === 'function' ? responder(recorded, requests.length - 1) : responder;
      reply(res, response, openResponses);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      for (const res of openResponses) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: ServerResponse, response: ReplayResponse, openResponses: Set<ServerResponse>): void {
  openResponses.add(res);
  res.on('close', () => openResponses.delete(res));
  if (response.silent) return;
  const status = response.status ?? 200;
  const contentType = status === 200 ? 'text/event-stream' : 'application/json';
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', ...response.headers });
  res.flushHeaders();
  if (response.destroyAfterBody) {
    // The body reaches the client first, then the connection drops mid-response (chunked body left unterminated).
    res.write(response.body ?? '', () => res.destroy());
    return;
  }
  if (response.body) res.write(response.body);
  if (!response.holdOpen) res.end();
}
