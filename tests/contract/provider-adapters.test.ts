// Contract tests shared by every provider adapter: transport failures, aborts, cuts, retries and status handling.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderAdapter } from '../../utils/llm/providers/create-provider-adapter';
import type { ProviderKind } from '../../utils/llm/types';
import { startSseReplayServer, type ReplayServer } from '../mocks/sse-replay-server';
import { entryFor, partTypes, readFixture, streamOnce, TEST_API_KEY } from './adapter-harness';

interface ProviderCase {
  kind: ProviderKind;
  okFixture: string;
  okText: string;
  /** The first two text deltas of the ok fixture, to cut or hold a stream mid-answer. */
  partialBody: () => string;
  serverErrorBody: string;
}

function firstEvents(fixture: string, count: number): string {
  return readFixture(fixture).split('\n\n').slice(0, count).join('\n\n') + '\n\n';
}

const providers: ProviderCase[] = [
  {
    kind: 'anthropic',
    okFixture: 'anthropic/01_sdk_basic_text.sse',
    okText: 'Hello there!',
    partialBody: () => firstEvents('anthropic/01_sdk_basic_text.sse', 5),
    serverErrorBody: '{"type":"error","error":{"type":"api_error","message":"Internal server error"}}',
  },
  {
    kind: 'openai-compatible',
    okFixture: 'openai/01_node_chat_stream_recorded.sse',
    okText: '{"city":"San Francisco","units":"c"}',
    partialBody: () => firstEvents('openai/01_node_chat_stream_recorded.sse', 3),
    serverErrorBody: '{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}',
  },
];

let server: ReplayServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe.each(providers)('$kind adapter', (provider) => {
  it('should stream a complete answer and finish with stop', async () => {
    server = await startSseReplayServer({ body: readFixture(provider.okFixture) });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.text).toBe(provider.okText);
    expect(result.finish?.finishReason).toBe('stop');
    expect(partTypes(result).at(-1)).toBe('finish');
  });

  it.each([500, 529])('should send exactly one request when the server answers %i', async (status) => {
    server = await startSseReplayServer({ status, body: provider.serverErrorBody });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.error).toMatchObject({ kind: status === 500 ? 'server' : 'overloaded', status });
    expect(server.requests).toHaveLength(1);
  });

  it('should honour a Retry-After header on 429', async () => {
    const body = '{"error":{"message":"Rate limit reached, per minute","type":"rate_limit_error"}}';
    server = await startSseReplayServer({ status: 429, body, headers: { 'retry-after': '2' } });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 2_000 });
  });

  it('should report a refused connection as a network error', async () => {
    const port = await unusedPort();

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, `http://127.0.0.1:${port}`)));

    expect(partTypes(result)).toEqual(['error']);
    expect(result.error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('should report a browser-style fetch TypeError before headers as a network error', async () => {
    const failingFetch: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

    const result = await streamOnce(
      createProviderAdapter(entryFor(provider.kind, 'https://api.example.test'), { fetch: failingFetch }),
    );

    expect(result.error?.kind).toBe('network');
  });

  it('should report missing headers within the header timeout as timeout-headers', async () => {
    server = await startSseReplayServer({ silent: true });

    const adapter = createProviderAdapter(entryFor(provider.kind, server.url, { timeouts: { headersMs: 200 } }));
    const result = await streamOnce(adapter);

    expect(result.error?.kind).toBe('timeout-headers');
    expect(server.requests).toHaveLength(1);
  });

  it('should report a caller abort before headers as aborted', async () => {
    server = await startSseReplayServer({ silent: true });
    const controller = new AbortController();
    const adapter = createProviderAdapter(entryFor(provider.kind, server.url));

    const pending = streamOnce(adapter, controller.signal);
    await server.waitForRequests(1);
    controller.abort();
    const result = await pending;

    expect(partTypes(result)).toEqual(['error']);
    expect(result.error?.kind).toBe('aborted');
  });

  it('should report a caller abort mid-stream as aborted, never as a finish', async () => {
    server = await startSseReplayServer({ body: provider.partialBody(), holdOpen: true });
    const controller = new AbortController();
    const adapter = createProviderAdapter(entryFor(provider.kind, server.url));
    const parts = [];

    for await (const part of adapter.stream({ messages: [{ role: 'user', content: 'Hi' }] }, { signal: controller.signal })) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }

    expect(parts.map((part) => part.type).filter((type) => type === 'text-delta' || type === 'error')).toEqual(['text-delta', 'error']);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
  });

  it('should report a connection reset after the first text as stream-cut', async () => {
    server = await startSseReplayServer({ body: provider.partialBody(), destroyAfterBody: true });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finish).toBeUndefined();
    expect(result.error?.kind).toBe('stream-cut');
  });

  it('should report malformed JSON in an event as malformed', async () => {
    const event = provider.kind === 'anthropic' ? 'event: content_block_delta\ndata: {"type":' : 'data: {"id":';
    server = await startSseReplayServer({ body: `${provider.partialBody()}${event}\n\n` });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.error?.kind).toBe('malformed');
  });

  it('should treat a 403 from a localhost server as the server refusing this extension', async () => {
    server = await startSseReplayServer({ status: 403, body: '' });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.error).toMatchObject({ kind: 'auth', status: 403 });
    expect(result.error?.message).toContain('allow the extension');
  });

  it('should never put the API key into an error', async () => {
    const body = `{"error":{"message":"Invalid key ${TEST_API_KEY}","type":"authentication_error"}}`;
    server = await startSseReplayServer({ status: 401, body });

    const result = await streamOnce(createProviderAdapter(entryFor(provider.kind, server.url)));

    expect(result.error?.kind).toBe('auth');
    expect(result.error?.providerReason).toContain('[redacted]');
    expect(JSON.stringify(result.error)).not.toContain(TEST_API_KEY);
  });
});
