// Contract tests: the OpenAI-compatible adapter against recorded Chat Completions streams and provider quirks.
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleAdapter } from '../../utils/llm/providers/openai-compatible/openai-compatible-adapter';
import { startSseReplayServer, type ReplayResponse, type ReplayServer } from '../mocks/sse-replay-server';
import { entryFor, partTypes, readFixture, streamOnce } from './adapter-harness';

let server: ReplayServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runFixture(response: ReplayResponse, model = 'gpt-test') {
  server = await startSseReplayServer(response);
  return streamOnce(createOpenAiCompatibleAdapter(entryFor('openai-compatible', server.url, { model })));
}

describe('openai-compatible adapter: recorded streams', () => {
  it('should stream the text and take usage from the trailing choices:[] chunk', async () => {
    const body = readFixture('openai/01_node_chat_stream_recorded.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe('{"city":"San Francisco","units":"c"}');
    expect(result.finish).toEqual({ finishReason: 'stop', usage: { inputTokens: 17, outputTokens: 10 } });
  });

  it('should show refusal text and finish it as content-filter', async () => {
    const body = readFixture('openai/02_node_chat_stream_refusal_logprobs.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe("I'm very sorry, but I can't assist with that request.");
    expect(result.finish?.finishReason).toBe('content-filter');
  });

  it('should stream a long recorded answer to its end with its usage', async () => {
    const body = readFixture('openai/03_vercel_chat_text_gpt41nano.sse');

    const result = await runFixture({ body });

    expect(result.text.startsWith('**Holiday Name:** Harmony Day')).toBe(true);
    expect(result.text.endsWith(' respect.')).toBe(true);
    expect(result.finish).toEqual({ finishReason: 'stop', usage: { inputTokens: 16, outputTokens: 300 } });
  });

  it('should send a streaming request with usage requested, the system message first and a Bearer key', async () => {
    const body = readFixture('openai/01_node_chat_stream_recorded.sse');

    await runFixture({ body });

    const request = server?.requests[0];
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBe('Bearer sk-test-lifeline-0123456789abcd');
    expect(request?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe('openai-compatible adapter: quirks', () => {
  it('should ignore OpenRouter comment lines', async () => {
    const body = readFixture('quirks/openrouter_comment_lines.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe('Bonjour le monde.');
    expect(result.finish).toEqual({ finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 4 } });
  });

  it('should classify an OpenRouter mid-stream error chunk after the text that came before it', async () => {
    const body = readFixture('quirks/openrouter_midstream_error.sse');

    const result = await runFixture({ body });

    expect(partTypes(result)).toEqual(['text-delta', 'text-delta', 'error']);
    expect(result.text).toBe('Hello wor');
    expect(result.error).toMatchObject({ kind: 'server', status: 502 });
    expect(result.finish).toBeUndefined();
  });

  it('should classify a Gemini error body shaped as a JSON array', async () => {
    const body = readFixture('quirks/gemini_429_array_body.json');

    const result = await runFixture({ status: 429, body });

    expect(result.error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(result.error?.providerReason).toContain('Resource has been exhausted');
  });

  it('should finish at once with usage when the stream has no [DONE] and the connection stays open', async () => {
    const body = readFixture('quirks/openai_finish_without_done.sse');
    const startedAt = Date.now();

    const result = await runFixture({ body, holdOpen: true });

    expect(result.text).toBe('The sky is blue.');
    expect(result.finish).toEqual({ finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 5 } });
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });

  it('should finish within 3 s when finish_reason arrives but neither usage nor [DONE] follows', async () => {
    const body = readFixture('quirks/openai_finish_without_usage_or_done.sse');
    const startedAt = Date.now();

    const result = await runFixture({ body, holdOpen: true });

    expect(result.text).toBe('The sky is blue.');
    expect(result.finish).toEqual({ finishReason: 'stop', usage: {} });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it.each([
    { how: 'closed', response: { destroyAfterBody: false } },
    { how: 'reset', response: { destroyAfterBody: true } },
  ])('should report a stream $how before finish_reason as cut, never as finished', async ({ response }) => {
    const body = readFixture('quirks/openai_cut_before_finish.sse');

    const result = await runFixture({ body, ...response });

    expect(result.text).toBe('Once upon a time');
    expect(result.finish).toBeUndefined();
    expect(result.error?.kind).toBe('stream-cut');
  });

  it('should classify an invalid key without echoing the key fragment', async () => {
    const body = readFixture('quirks/openai_401_incorrect_key.json');

    const result = await runFixture({ status: 401, body });

    expect(result.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(JSON.stringify(result.error)).not.toContain('abcd');
    expect(JSON.stringify(result.error)).not.toContain('sk-');
  });

  it('should send max_completion_tokens to reasoning models and max_tokens to others', async () => {
    const body = readFixture('openai/01_node_chat_stream_recorded.sse');
    server = await startSseReplayServer({ body });
    const request = { messages: [{ role: 'user' as const, content: 'Hi' }], maxOutputTokens: 50 };
    const signal = new AbortController().signal;

    for (const model of ['o4-mini', 'openai/gpt-5-mini', 'llama3.2']) {
      const adapter = createOpenAiCompatibleAdapter(entryFor('openai-compatible', server.url, { model }));
      for await (const part of adapter.stream(request, { signal })) void part;
    }

    const bodies = server.requests.map((recorded) => recorded.body);
    expect(bodies[0]).toMatchObject({ max_completion_tokens: 50 });
    expect(bodies[1]).toMatchObject({ max_completion_tokens: 50 });
    expect(bodies[2]).toMatchObject({ max_tokens: 50 });
    expect(bodies[2]).not.toHaveProperty('max_completion_tokens');
  });
});
