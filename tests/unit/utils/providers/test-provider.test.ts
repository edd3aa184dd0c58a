import { describe, expect, it } from 'vitest';
import { createLlmError } from '@/utils/llm/errors';
import { describeTestFailure, testProvider } from '@/utils/providers/test-provider';
import { entry, fail, fakeAdapters, finish, text } from '../llm/fake-adapter';

const ORIGIN = 'chrome-extension://abc';

describe('testProvider', () => {
  it('should report the latency of a working provider', async () => {
    let clock = 1_000;
    const fakes = fakeAdapters({ a: [[text('OK'), finish]] });

    const result = await testProvider(entry('a'), { createAdapter: fakes.createAdapter, now: () => (clock += 250), extensionOrigin: ORIGIN });

    expect(result).toEqual({ ok: true, latencyMs: 250 });
  });

  it('should explain a failure in plain words with the next step', async () => {
    const fakes = fakeAdapters({ a: [[fail(createLlmError('auth', 'A', { status: 401 }))]] });

    const result = await testProvider(entry('a'), { createAdapter: fakes.createAdapter, extensionOrigin: ORIGIN });

    expect(result).toEqual({ ok: false, kind: 'auth', message: "Key rejected (401): check the key in your provider's console." });
  });

  it.each([
    ['a local 403', createLlmError('auth', 'Ollama', { status: 403 }), 'http://localhost:11434/v1', 'Ollama refused this extension (403): add chrome-extension://abc to OLLAMA_ORIGINS'],
    ['a remote 403', createLlmError('auth', 'X', { status: 403 }), 'https://api.x.ai/v1', 'Key rejected (403)'],
    ['an unreachable local server', createLlmError('network', 'LM'), 'http://127.0.0.1:1234/v1', 'Could not reach 127.0.0.1:1234: is the server running on this computer?'],
    ['an unknown model', createLlmError('model-not-found', 'X', { status: 404 }), 'https://api.openai.com/v1', 'Model not found (404)'],
  ])('should describe %s', (_label, error, baseURL, expected) => {
    expect(describeTestFailure(error, { name: error.provider, baseURL }, ORIGIN)).toContain(expected);
  });
});
