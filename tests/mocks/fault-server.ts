// A misbehaving provider for crash tests: hand-written HTTP/1.1 over node:net, scripted faults per attempt, both wires.
import { createServer, type Socket } from 'node:net';

export type Wire = 'openai' | 'anthropic';

export const CANONICAL_TOKENS: readonly string[] = Array.from({ length: 60 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
export const CANONICAL_ANSWER = CANONICAL_TOKENS.join(' ');

export type Fault =
  | { kind: 'ok'; firstTokenDelayMs?: number; tokenIntervalMs?: number; omitDone?: boolean }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'reset' }
  /** Never answer; the socket is held until the client goes, the server closes, or `holdMs` passes. */
  | { kind: 'silent'; holdMs?: number }
  | { kind: 'cut'; afterTokens: number }
  | { kind: 'stall'; afterTokens: number; stallMs: number }
  | { kind: 'malformed'; atToken: number }
  | { kind: 'streamError'; errorType: 'overloaded_error' }
  | { kind: 'rejectPrefill' };

export interface RecordedAttempt {
  /** 1-based, per server. */
  n: number;
  /** Date.now() when the request was complete, before any byte of the answer. */
  at: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** The fault the script chose for this attempt. */
  fault?: Fault['kind'];
  /** Date.now() of the last byte written for this attempt. */
  lastWriteAt?: number;
}

export type FaultScript = (attemptNumber: number, request: RecordedAttempt) => Fault;

export interface FaultServerOptions {
  wire: Wire;
  script: FaultScript;
  /** Default gap between tokens of a streamed answer (a fault's own `tokenIntervalMs` wins). */
  tokenIntervalMs?: number;
}

export interface FaultServer {
  /** The entry's baseURL: with `/v1` for OpenAI-compatible clients, bare for the Anthropic SDK. */
  url: string;
  attempts: RecordedAttempt[];
  close(): Promise<void>;
}

const CORS = 'access-control-allow-origin: *\r\naccess-control-expose-headers: *\r\n';
const PREFLIGHT =
  'HTTP/1.1 204 No Content\r\n' +
  CORS +
  'access-control-allow-headers: *\r\naccess-control-allow-methods: POST, GET, OPTIONS\r\naccess-control-max-age: 600\r\n' +
  'content-length: 0\r\n\r\n';
const PREFILL_MESSAGE = 'This model does not support assistant message prefill. The conversation must end with a user message.';

type AfterResponse = 'next' | 'hold';

interface ParsedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: string;
}

/** Answers with the wire's error envelope: `{error:{...}}` for OpenAI-compatible, `{type:'error',error:{...}}` for Anthropic. */
export function providerErrorBody(wire: Wire, type: string, message: string, code?: string): unknown {
  return wire === 'openai'
    ? { error: { message, type, param: null, code: code ?? null } }
    : { type: 'error', error: { type, message } };
}

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const attempts: RecordedAttempt[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    // A client that aborts resets its socket: that is the client's right, not a server failure.
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let busy = false;
    const pump = (): void => {
      while (!busy && !socket.destroyed) {
        const parsed = parseRequest(buffer);
        if (parsed === 'incomplete') return;
        if (parsed === 'unsupported') {
          socket.end('HTTP/1.1 411 Length Required\r\n' + CORS + 'content-length: 0\r\nconnection: close\r\n\r\n');
          return;
        }
        buffer = buffer.subarray(parsed.consumed);
        busy = true;
        void respond(socket, parsed.request).then((after) => {
          if (after === 'hold') return;
          busy = false;
          if (parsed.request.headers['connection'] === 'close') socket.end();
          else pump();
        });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      pump();
    });
  });

  /** Answers one request; 'next' when the connection may carry another, 'hold' when it stays as the fault left it. */
  async function respond(socket: Socket, request: ParsedRequest): Promise<AfterResponse> {
    if (request.method === 'OPTIONS') {
      socket.write(PREFLIGHT);
      return 'next';
    }
    const attempt: RecordedAttempt = {
      n: attempts.length + 1,
      at: Date.now(),
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: parseJson(request.rawBody),
    };
    attempts.push(attempt);
    const fault = options.script(attempt.n, attempt);
    attempt.fault = fault.kind;
    const out = new ResponseWriter(socket, attempt);
    const model = modelOf(attempt.body);
    const interval = options.tokenIntervalMs ?? 0;
    switch (fault.kind) {
      case 'status':
        out.json(fault.status, fault.body, fault.headers);
        return 'next';
      case 'reset':
        socket.resetAndDestroy();
        return 'hold';
      case 'silent':
        if (fault.holdMs !== undefined) {
          await wait(fault.holdMs);
          socket.destroy();
        }
        return 'hold';
      case 'rejectPrefill':
        if (lastRole(attempt.body) === 'assistant') {
          out.json(400, providerErrorBody(options.wire, 'invalid_request_error', PREFILL_MESSAGE));
          return 'next';
        }
        return stream(out, { model, firstTokenDelayMs: 0, tokenIntervalMs: interval });
      case 'ok':
        return stream(out, {
          model,
          firstTokenDelayMs: fault.firstTokenDelayMs ?? 0,
          tokenIntervalMs: fault.tokenIntervalMs ?? interval,
          omitDone: fault.omitDone === true,
        });
      case 'cut':
        return stream(out, { model, firstTokenDelayMs: 0, tokenIntervalMs: interval, cutAfter: fault.afterTokens });
      case 'stall':
        return stream(out, { model, firstTokenDelayMs: 0, tokenIntervalMs: interval, stall: fault });
      case 'malformed':
        return stream(out, { model, firstTokenDelayMs: 0, tokenIntervalMs: interval, malformedAt: fault.atToken });
      case 'streamError':
        out.head();
        out.event(streamErrorEvent(options.wire, fault.errorType));
        out.endBody();
        return 'next';
      default:
        return assertNeverFault(fault);
    }
  }

  interface StreamPlan {
    model: string;
    firstTokenDelayMs: number;
    tokenIntervalMs: number;
    omitDone?: boolean;
    cutAfter?: number;
    stall?: { afterTokens: number; stallMs: number };
    malformedAt?: number;
  }

  async function stream(out: ResponseWriter, plan: StreamPlan): Promise<AfterResponse> {
    const events = wireEvents(options.wire, plan.model, promptTokensOf(out.attempt.body));
    out.head();
    for (const event of events.preamble) out.event(event);
    if (plan.firstTokenDelayMs > 0) await wait(plan.firstTokenDelayMs);
    for (let i = 0; i < CANONICAL_TOKENS.length; i++) {
      if (i > 0 && plan.tokenIntervalMs > 0) await wait(plan.tokenIntervalMs);
      if (plan.stall?.afterTokens === i) await wait(plan.stall.stallMs);
      if (!out.writable()) return 'hold';
      if (plan.cutAfter === i) {
        out.cut();
        return 'hold';
      }
      if (plan.malformedAt === i + 1) out.event(events.malformed);
      out.event(events.token(i));
    }
    for (const event of events.epilogue) out.event(event);
    if (plan.omitDone) return 'hold';
    if (events.done) out.event(events.done);
    out.endBody();
    return 'next';
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault server has no port');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    url: options.wire === 'openai' ? `${origin}/v1` : origin,
    attempts,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes a response by hand so that a cut can leave a chunked body without its terminating chunk. */
class ResponseWriter {
  constructor(
    private readonly socket: Socket,
    readonly attempt: RecordedAttempt,
  ) {}

  writable(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  head(): void {
    this.raw(
      'HTTP/1.1 200 OK\r\n' +
        CORS +
        'content-type: text/event-stream; charset=utf-8\r\ncache-control: no-cache\r\n' +
        'transfer-encoding: chunked\r\nconnection: keep-alive\r\n\r\n',
    );
  }

  event(text: string): void {
    this.raw(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
  }

  endBody(): void {
    this.raw('0\r\n\r\n');
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    const extra = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    this.raw(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}\r\n` +
        CORS +
        extra +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: keep-alive\r\n\r\n${text}`,
    );
  }

  /** Ends abruptly: no end marker, no terminating chunk; the socket goes once what was written is flushed. */
  cut(): void {
    this.socket.write('', () => this.socket.destroy());
  }

  private raw(text: string): void {
    if (!this.writable()) return;
    this.socket.write(text);
    this.attempt.lastWriteAt = Date.now();
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  529: 'Overloaded',
};

interface WireEvents {
  preamble: string[];
  token: (index: number) => string;
  malformed: string;
  epilogue: string[];
  done?: string;
}

function tokenText(index: number): string {
  const token = CANONICAL_TOKENS[index] ?? '';
  return index === 0 ? token : ` ${token}`;
}

function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

function wireEvents(wire: Wire, model: string, promptTokens: number): WireEvents {
  const outputTokens = CANONICAL_TOKENS.length;
  if (wire === 'openai') {
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
      sse({ id: 'chatcmpl-fault', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices, ...extra });
    return {
      preamble: [],
      token: (index) =>
        (index === 0 ? chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]) : '') +
        chunk([{ index: 0, delta: { content: tokenText(index) }, finish_reason: null }]),
      malformed: 'data: {"choices":[{"delta":{"content":"x"\n\n',
      epilogue: [
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
        chunk([], { usage: { prompt_tokens: promptTokens, completion_tokens: outputTokens, total_tokens: promptTokens + outputTokens } }),
      ],
      done: 'data: [DONE]\n\n',
    };
  }
  return {
    preamble: [
      sse(
        {
          type: 'message_start',
          message: {
            id: 'msg_fault',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: promptTokens, output_tokens: 1 },
          },
        },
        'message_start',
      ),
      sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    ],
    token: (index) =>
      sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: tokenText(index) } }, 'content_block_delta'),
    malformed: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"\n\n',
    epilogue: [
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sse(
        { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } },
        'message_delta',
      ),
      sse({ type: 'message_stop' }, 'message_stop'),
    ],
  };
}

function streamErrorEvent(wire: Wire, errorType: 'overloaded_error'): string {
  return wire === 'openai'
    ? sse({ error: { type: errorType, message: 'Overloaded' } })
    : sse({ type: 'error', error: { type: errorType, message: 'Overloaded' } }, 'error');
}

type ParseResult = { request: ParsedRequest; consumed: number } | 'incomplete' | 'unsupported';

function parseRequest(buffer: Buffer): ParseResult {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return 'incomplete';
  const [requestLine = '', ...headerLines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [method = '', path = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding'] !== undefined) return 'unsupported';
  const length = Number(headers['content-length'] ?? '0');
  const bodyStart = headEnd + 4;
  if (buffer.length < bodyStart + length) return 'incomplete';
  const rawBody = buffer.subarray(bodyStart, bodyStart + length).toString('utf8');
  return { request: { method, path, headers, rawBody }, consumed: bodyStart + length };
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function modelOf(body: unknown): string {
  return isRecord(body) && typeof body['model'] === 'string' ? body['model'] : 'unknown-model';
}

function messagesOf(body: unknown): unknown[] {
  return isRecord(body) && Array.isArray(body['messages']) ? body['messages'] : [];
}

function lastRole(body: unknown): unknown {
  const last = messagesOf(body).at(-1);
  return isRecord(last) ? last['role'] : undefined;
}

function promptTokensOf(body: unknown): number {
  return Math.max(1, Math.round(JSON.stringify(messagesOf(body)).length / 4));
}

function assertNeverFault(fault: never): never {
  throw new Error(`Unknown fault: ${JSON.stringify(fault)}`);
}
