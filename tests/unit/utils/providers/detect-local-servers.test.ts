import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PATIENT_TIMEOUTS } from '@/utils/llm/types';
import {
  LOCAL_SERVER_CANDIDATES,
  OLLAMA_EXTENSION_ORIGINS,
  chatModelOf,
  detectLocalServers,
  draftForFinding,
  isAlreadyConfigured,
  modelIdsOf,
  sameEndpoint,
  type LocalServerCandidate,
} from '@/utils/providers/detect-local-servers';
import { presetById } from '@/utils/providers/presets';
import { validateDrafts } from '@/utils/storage/provider-settings';

const ORIGIN = 'chrome-extension://abcdefgh';
const fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis);

interface Seen {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** Answers one request; `seen` holds every request this server received so far, this one last. */
type Route = (request: Seen, response: ServerResponse) => void | Promise<void>;

interface LocalMock {
  port: number;
  baseURL: string;
  seen: Seen[];
  close(): Promise<void>;
}

const servers: LocalMock[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(routes: Record<string, Route>): Promise<LocalMock> {
  const seen: Seen[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer(async (request, response) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    const raw = await readBody(request);
    const entry: Seen = { method: request.method ?? 'GET', path: request.url ?? '', body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
    seen.push(entry);
    const route = routes[`${entry.method} ${entry.path}`];
    if (!route) return json(response, 404, { error: 'not found' });
    return route(entry, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const mock: LocalMock = {
    port,
    baseURL: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () =>
      new Promise((done) => {
        for (const response of open) response.destroy();
        server.close(() => done());
      }),
  };
  servers.push(mock);
  return mock;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    request.on('end', () => resolve(data));
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const modelsList = (...ids: string[]): Route => (_request, response) => json(response, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model' })) });
const chatOk: Route = (request, response) =>
  json(response, 200, {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: request.body.model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }],
  });
/** Ollama's answer to an origin it does not allow: an empty 403. */
const refuseOrigin: Route = (_request, response) => {
  response.writeHead(403);
  response.end();
};

/** A port nothing listens on: opened, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const ollamaAt = (baseURL: string): LocalServerCandidate => ({ presetId: 'ollama', name: 'Ollama', baseURL });
const lmStudioAt = (baseURL: string): LocalServerCandidate => ({ presetId: 'lmstudio', name: 'LM Studio', baseURL });

describe('detectLocalServers', () => {
  it('should report a server whose one-token chat works as ready, with the model it used', async () => {
    const server = await startServer({
      'GET /v1/models': modelsList('text-embedding-nomic-embed-text-v1.5', 'qwen2.5-7b-instruct', 'llama-3.2-3b-instruct'),
      'POST /v1/chat/completions': chatOk,
    });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [lmStudioAt(server.baseURL)], extensionOrigin: ORIGIN });

    expect(finding).toEqual({
      presetId: 'lmstudio',
      name: 'LM Studio',
      baseURL: server.baseURL,
      status: 'ready',
      models: ['text-embedding-nomic-embed-text-v1.5', 'qwen2.5-7b-instruct', 'llama-3.2-3b-instruct'],
      model: 'qwen2.5-7b-instruct',
      message: 'Ready: qwen2.5-7b-instruct answered a test (3 models installed).',
    });
    expect(server.seen.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/models', 'POST /v1/chat/completions']);
    expect(server.seen[1]?.body).toMatchObject({ model: 'qwen2.5-7b-instruct', max_tokens: 1, messages: [{ role: 'user' }] });
  });

  it('should explain an Ollama 403 on the chat as its allowed origins, with the exact fix', async () => {
    const server = await startServer({ 'GET /v1/models': modelsList('llama3.2:latest'), 'POST /v1/chat/completions': refuseOrigin });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [ollamaAt(server.baseURL)], extensionOrigin: ORIGIN });

    expect(finding?.status).toBe('refused-origin');
    expect(finding?.models).toEqual(['llama3.2:latest']);
    expect(finding?.model).toBe('llama3.2:latest');
    expect(finding?.message).toContain('Ollama refused this extension (403)');
    expect(finding?.message).toContain(`Set OLLAMA_ORIGINS to "chrome-extension://*,moz-extension://*" (or, for Lifeline alone, ${ORIGIN}) and restart Ollama.`);
    expect(OLLAMA_EXTENSION_ORIGINS).toBe('chrome-extension://*,moz-extension://*');
  });

  it('should explain an LM Studio 403 as its CORS setting', async () => {
    const server = await startServer({ 'GET /v1/models': modelsList('qwen2.5-7b-instruct'), 'POST /v1/chat/completions': refuseOrigin });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [lmStudioAt(server.baseURL)] });

    expect(finding?.status).toBe('refused-origin');
    expect(finding?.message).toContain('turn on "Enable CORS" in LM Studio\'s server settings');
  });

  it('should treat a 403 on the models list as a refused origin too', async () => {
    const server = await startServer({ 'GET /v1/models': refuseOrigin, 'GET /api/tags': refuseOrigin });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [ollamaAt(server.baseURL)] });

    expect(finding).toMatchObject({ status: 'refused-origin', models: [] });
    expect(finding?.message).toContain('OLLAMA_ORIGINS');
    expect(server.seen.some((request) => request.method === 'POST')).toBe(false);
  });

  it('should report a running server without models, with the command that installs one, and send no chat', async () => {
    const server = await startServer({ 'GET /v1/models': modelsList(), 'POST /v1/chat/completions': chatOk });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [ollamaAt(server.baseURL)] });

    expect(finding).toMatchObject({ status: 'no-models', models: [] });
    expect(finding?.model).toBeUndefined();
    expect(finding?.message).toContain('Running, but no model is installed: e.g. `ollama pull llama3.2`');
    expect(server.seen.map((request) => request.path)).toEqual(['/v1/models']);
  });

  it('should report a closed port as not running', async () => {
    const port = await closedPort();

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [ollamaAt(`http://127.0.0.1:${port}/v1`)] });

    expect(finding).toEqual({
      presetId: 'ollama',
      name: 'Ollama',
      baseURL: `http://127.0.0.1:${port}/v1`,
      status: 'not-running',
      models: [],
      message: 'Not running on this computer.',
    });
  });

  it('should report a server that does not list its models in time as not running', async () => {
    const server = await startServer({ 'GET /v1/models': () => undefined /* never answers */ });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, timeoutMs: 150, candidates: [lmStudioAt(server.baseURL)] });

    expect(finding?.status).toBe('not-running');
    expect(server.seen).toHaveLength(1);
  });

  it("should fall back to Ollama's /api/tags when /v1/models is missing", async () => {
    const server = await startServer({
      'GET /api/tags': (_request, response) => json(response, 200, { models: [{ name: 'llama3.2:latest' }, { name: 'mistral:7b' }] }),
      'POST /v1/chat/completions': chatOk,
    });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [ollamaAt(server.baseURL)] });

    expect(finding).toMatchObject({ status: 'ready', models: ['llama3.2:latest', 'mistral:7b'], model: 'llama3.2:latest' });
    expect(server.seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
      'GET /api/tags',
      'POST /v1/chat/completions',
    ]);
  });

  it('should not ask LM Studio for Ollama tags, and say when the list failed', async () => {
    const server = await startServer({ 'GET /v1/models': (_request, response) => json(response, 500, { error: 'boom' }) });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [lmStudioAt(server.baseURL)] });

    expect(finding).toMatchObject({ status: 'failed', models: [] });
    expect(finding?.message).toContain('did not list its models (500)');
    expect(server.seen.map((request) => request.path)).toEqual(['/v1/models']);
  });

  it('should report a chat that fails otherwise in the words Test uses', async () => {
    const server = await startServer({
      'GET /v1/models': modelsList('llama3.2:latest'),
      'POST /v1/chat/completions': (_request, response) => json(response, 404, { error: { message: 'model "llama3.2:latest" not found, try pulling it first', type: 'api_error' } }),
    });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, candidates: [ollamaAt(server.baseURL)] });

    expect(finding).toMatchObject({ status: 'failed', model: 'llama3.2:latest' });
    expect(finding?.message).toContain('Running, but the test with llama3.2:latest failed. Model not found (404)');
  });

  it('should give up on a chat that takes longer than its limit', async () => {
    const server = await startServer({ 'GET /v1/models': modelsList('llama3.2:latest'), 'POST /v1/chat/completions': () => undefined });

    const [finding] = await detectLocalServers({ fetch: fetchImpl, chatTimeoutMs: 150, candidates: [ollamaAt(server.baseURL)] });

    expect(finding?.status).toBe('failed');
    expect(finding?.message).toContain('The model may still be loading');
  });

  it('should look for every server at once, in the order of the candidates', async () => {
    // Each server lists its models only once the other one has been asked too: looking one after the other would leave
    // the first waiting until its timeout, so it would come back not running.
    let askedA: () => void = () => undefined;
    let askedB: () => void = () => undefined;
    const aAsked = new Promise<void>((resolve) => (askedA = resolve));
    const bAsked = new Promise<void>((resolve) => (askedB = resolve));
    const a = await startServer({
      'GET /v1/models': async (request, response) => {
        askedA();
        await bAsked;
        await modelsList('llama3.2:latest')(request, response);
      },
      'POST /v1/chat/completions': chatOk,
    });
    const b = await startServer({
      'GET /v1/models': async (request, response) => {
        askedB();
        await aAsked;
        await modelsList('qwen2.5-7b-instruct')(request, response);
      },
      'POST /v1/chat/completions': chatOk,
    });

    const findings = await detectLocalServers({ fetch: fetchImpl, timeoutMs: 1_000, candidates: [ollamaAt(a.baseURL), lmStudioAt(b.baseURL)] });

    expect(findings.map((finding) => [finding.presetId, finding.status, finding.model])).toEqual([
      ['ollama', 'ready', 'llama3.2:latest'],
      ['lmstudio', 'ready', 'qwen2.5-7b-instruct'],
    ]);
  });

  it('should look for the Ollama and LM Studio presets by default', () => {
    expect(LOCAL_SERVER_CANDIDATES).toEqual([
      { presetId: 'ollama', name: 'Ollama', baseURL: presetById('ollama').baseURL },
      { presetId: 'lmstudio', name: 'LM Studio', baseURL: presetById('lmstudio').baseURL },
    ]);
    expect(LOCAL_SERVER_CANDIDATES.map((candidate) => candidate.baseURL)).toEqual(['http://localhost:11434/v1', 'http://localhost:1234/v1']);
  });
});

describe('local server helpers', () => {
  it('should read model ids from OpenAI and Ollama lists', () => {
    expect(modelIdsOf({ data: [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: '' }] })).toEqual(['a', 'b']);
    expect(modelIdsOf({ models: [{ name: 'llama3.2:latest' }] })).toEqual(['llama3.2:latest']);
    expect(modelIdsOf({ data: [] })).toEqual([]);
    expect(modelIdsOf('<html>')).toBeUndefined();
    expect(modelIdsOf({ status: 'ok' })).toBeUndefined();
  });

  it('should chat with the first model that is not an embedding model', () => {
    expect(chatModelOf(['nomic-embed-text:latest', 'llama3.2:latest'])).toBe('llama3.2:latest');
    expect(chatModelOf(['nomic-embed-text:latest'])).toBe('nomic-embed-text:latest');
    expect(chatModelOf([])).toBeUndefined();
  });

  it('should treat localhost, 127.0.0.1 and a trailing slash as the same endpoint', () => {
    expect(sameEndpoint('http://localhost:11434/v1', 'http://127.0.0.1:11434/v1/')).toBe(true);
    expect(sameEndpoint('http://localhost:11434/v1', 'http://localhost:1234/v1')).toBe(false);
    expect(sameEndpoint('http://localhost:11434/v1', 'http://localhost:11434')).toBe(false);
    expect(sameEndpoint('not a url', 'not a url')).toBe(false);
    expect(isAlreadyConfigured({ baseURL: 'http://localhost:11434/v1' }, [{ baseURL: 'https://api.openai.com/v1' }, { baseURL: 'http://127.0.0.1:11434/v1' }])).toBe(true);
    expect(isAlreadyConfigured({ baseURL: 'http://localhost:1234/v1' }, [{ baseURL: 'http://localhost:11434/v1' }])).toBe(false);
  });

  it('should build the draft the editor saves for the preset: no key, the model found, patient timeouts', () => {
    const draft = draftForFinding({ presetId: 'ollama', baseURL: 'http://localhost:11434/v1', model: 'llama3.2:latest' });

    expect(draft).toEqual({
      preset: 'ollama',
      kind: 'openai-compatible',
      name: 'Ollama',
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2:latest',
      enabled: true,
      keyChanges: [],
      timeouts: PATIENT_TIMEOUTS,
    });
    expect(validateDrafts([draft])).toEqual([]);
  });
});
