// A scripted OpenAI-compatible chat endpoint on 127.0.0.1 for end-to-end tests: healthy, overloaded or slow.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MockBehaviour =
  /**
   * Streams the answer word by word, or in pieces of `chunkChars` characters; `answer` may depend on the request's
   * body (its parsed JSON), so one mock can answer each question differently.
   */
  | { kind: 'healthy'; answer: string | ((body: unknown) => string); model?: string; chunkChars?: number; chunkIntervalMs?: number }
  | { kind: 'status'; status: number; body: unknown }
  /** Streams `answer` word by word, one word every `intervalMs`. */
  | { kind: 'slow'; answer: string; intervalMs: number };

export interface RecordedRequest {
  at: number;
  path: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

export interface ChatMock {
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startChatMock(behaviour: MockBehaviour): Promise<ChatMock> {
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer(async (request, response) => {
    const raw = await readBody(request);
    requests.push({ at: Date.now(), path: request.url ?? '', headers: request.headers, body: safeJson(raw) });
    open.add(response);
    response.on('close', () => open.delete(response));
    // Extension pages call from their own origin: answer CORS like the real APIs do.
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST, GET, OPTIONS' });
      return response.end();
    }
    if (behaviour.kind === 'status') {
      response.writeHead(behaviour.status, { ...cors, 'content-type': 'application/json' });
      return response.end(JSON.stringify(behaviour.body));
    }
    response.writeHead(200, { ...cors, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const model = behaviour.kind === 'healthy' ? (behaviour.model ?? 'mock-model') : 'mock-model';
    const answer = typeof behaviour.answer === 'function' ? behaviour.answer(safeJson(raw)) : behaviour.answer;
    const words = behaviour.kind === 'healthy' && behaviour.chunkChars ? piecesOf(answer, behaviour.chunkChars) : answer.split(/(?<= )/);
    const chunk = (delta: object, finish: string | null = null): string =>
      `data: ${JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    response.write(chunk({ role: 'assistant', content: '' }));
    for (const word of words) {
      if (behaviour.kind === 'slow') await delay(behaviour.intervalMs);
      else if (behaviour.chunkIntervalMs) await delay(behaviour.chunkIntervalMs);
      if (response.destroyed) return undefined;
      response.write(chunk({ content: word }));
    }
    response.write(chunk({}, 'stop'));
    response.write(
      `data: ${JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: 321, completion_tokens: words.length, total_tokens: 321 + words.length } })}\n\n`,
    );
    return response.end('data: [DONE]\n\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((done) => {
        for (const response of open) response.destroy();
        server.close(() => done());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    request.on('end', () => resolve(data));
  });
}

function safeJson(raw: string): RecordedRequest['body'] {
  try {
    return JSON.parse(raw) as RecordedRequest['body'];
  } catch {
    return {};
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The text in consecutive pieces of at most `size` characters. */
function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}
