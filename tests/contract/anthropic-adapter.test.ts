// Contract tests: the Anthropic adapter against recorded and hand-written Messages API streams.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicAdapter } from '../../utils/llm/providers/anthropic/anthropic-adapter';
import { startSseReplayServer, type ReplayResponse, type ReplayServer } from '../mocks/sse-replay-server';
import { entryFor, partTypes, readFixture, streamOnce } from './adapter-harness';

let server: ReplayServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runFixture(response: ReplayResponse) {
  server = await startSseReplayServer(response);
  return streamOnce(createAnthropicAdapter(entryFor('anthropic', server.url)));
}

describe('anthropic adapter', () => {
  it('should stream the text of a basic answer and finish with stop', async () => {
    const body = readFixture('anthropic/01_sdk_basic_text.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe('Hello there!');
    expect(result.finish).toEqual({ finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 6 } });
    expect(result.error).toBeUndefined();
  });

  it('should signal the response start before any text and report pings and thinking as signs of life', async () => {
    const basic = await runFixture({ body: readFixture('anthropic/01_sdk_basic_text.sse') });
    await server?.close();
    const thinking = await runFixture({ body: readFixture('anthropic/03_sdk_refusal_thinking_padded.sse') });

    expect(basic.parts[0]).toEqual({ type: 'response-started' });
    expect(basic.parts).toContainEqual({ type: 'alive', reasoning: false });
    expect(thinking.parts).toContainEqual({ type: 'alive', reasoning: true });
  });

  it('should report usage from message_start and message_delta of a recorded sonnet 4.5 stream', async () => {
    const body = readFixture('anthropic/04_vercel_text_sonnet45.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(result.finish).toEqual({ finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 30 } });
  });

  it('should finish a refusal as content-filter without showing thinking text', async () => {
    const body = readFixture('anthropic/03_sdk_refusal_thinking_padded.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe('Hi');
    expect(result.text).not.toContain('educ');
    expect(result.finish?.finishReason).toBe('content-filter');
  });

  it('should map tool_use to tool-calls and skip input_json deltas', async () => {
    const body = readFixture('anthropic/02_sdk_tool_use.sse');

    const result = await runFixture({ body });

    expect(result.text).toBe("I'll check the current weather in Paris for you.");
    expect(result.finish?.finishReason).toBe('tool-calls');
  });

  it('should report an overloaded error after the text that came before an in-stream error event', async () => {
    const body = readFixture('anthropic/05b_midstream_overloaded_error_with_event_lines.sse');

    const result = await runFixture({ body });

    expect(partTypes(result)).toEqual(['text-delta', 'error']);
    expect(result.text).toBe('Hello');
    expect(result.error).toMatchObject({ kind: 'overloaded', retryable: true, providerReason: 'Overloaded' });
    expect(result.error?.status).toBeUndefined();
  });

  it.each(['anthropic/06_vercel_first_event_overloaded_error.sse', 'anthropic/07_sdk_error_event_only.sse'])(
    'should classify a 200 stream whose first event is an error as overloaded (%s)',
    async (fixture) => {
      const body = readFixture(fixture);

      const result = await runFixture({ body });

      expect(partTypes(result)).toEqual(['error']);
      expect(result.error?.kind).toBe('overloaded');
    },
  );

  it('should classify HTTP 529 as overloaded with its status and send exactly one request', async () => {
    const body = readFixture('anthropic/08_vercel_http529_overloaded_body.json');

    const result = await runFixture({ status: 529, body });

    expect(result.error).toMatchObject({ kind: 'overloaded', status: 529 });
    expect(result.error?.message).not.toContain('{');
    expect(server?.requests).toHaveLength(1);
  });

  it('should treat a stream that ends without message_stop as cut', async () => {
    const full = readFixture('anthropic/01_sdk_basic_text.sse');
    const body = full.slice(0, full.indexOf('event: content_block_stop'));

    const result = await runFixture({ body });

    expect(result.text).toBe('Hello there!');
    expect(result.finish).toBeUndefined();
    expect(result.error?.kind).toBe('stream-cut');
  });

  it('should send the key, anthropic-version, the model, the system prompt and a default max_tokens', async () => {
    const body = readFixture('anthropic/01_sdk_basic_text.sse');

    await runFixture({ body });

    const request = server?.requests[0];
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['authorization'] ?? request?.headers['x-api-key']).toContain('sk-test-lifeline');
    expect(request?.headers['anthropic-version']).toBeTruthy();
    expect(request?.body).toMatchObject({
      model: 'claude-test',
      system: 'Be brief.',
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });
});
