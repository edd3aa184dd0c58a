import { describe, expect, it } from 'vitest';
import { createLlmError } from '@/utils/llm/errors';
import { failoverRouter, type RouterDeps } from '@/utils/llm/router/failover-router';
import type { ChainEntry, RouterStreamPart } from '@/utils/llm/types';
import { entry, fail, fakeAdapters, finish, text, type Script } from '../fake-adapter';

const request = { messages: [{ role: 'user' as const, content: 'Summarize.' }] };

async function collect(chain: ChainEntry[], scripts: Record<string, Script[]>, deps: Partial<RouterDeps> = {}, signal = new AbortController().signal) {
  const fakes = fakeAdapters(scripts);
  const parts: RouterStreamPart[] = [];
  for await (const part of failoverRouter(chain, request, signal, { createAdapter: fakes.createAdapter, random: () => 0, ...deps })) {
    parts.push(part);
  }
  return { parts, calls: fakes.calls.map((call) => call.entryId) };
}

const answerOf = (parts: RouterStreamPart[]): string => {
  let answer = '';
  for (const part of parts) {
    if (part.type === 'text-delta') answer += part.text;
    if (part.type === 'restart') answer = '';
  }
  return answer;
};

describe('failoverRouter', () => {
  it('should answer from the first entry when it is healthy', async () => {
    const { parts, calls } = await collect([entry('a'), entry('b')], { a: [[text('Hi'), finish]] });

    expect(calls).toEqual(['a']);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { id: 'a' }, failures: [], usage: { outputTokens: 3 } });
  });

  it.each([
    ['a 529', createLlmError('overloaded', 'A', { status: 529 })],
    ['a network error', createLlmError('network', 'A')],
    ['a 401', createLlmError('auth', 'A', { status: 401 })],
    ['a 403', createLlmError('auth', 'A', { status: 403 })],
    ['a long 429', createLlmError('rate-limited', 'A', { status: 429, retryAfterMs: 60_000 })],
    ['missing headers', createLlmError('timeout-headers', 'A')],
  ])('should fail over on %s and report it', async (_label, error) => {
    const { parts, calls } = await collect([entry('a'), entry('b')], { a: [[fail(error)]], b: [[text('From B'), finish]] });

    expect(calls).toEqual(['a', 'b']);
    expect(answerOf(parts)).toBe('From B');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', answeredBy: { id: 'b', model: 'b-model' }, failures: [{ entry: { id: 'a' }, error: { kind: error.kind } }] });
  });

  it('should announce each attempt before its text', async () => {
    const { parts } = await collect([entry('a'), entry('b')], { a: [[fail(createLlmError('overloaded', 'A', { status: 503 }))]], b: [[text('B'), finish]] });

    expect(parts.filter((part) => part.type === 'attempt').map((part) => part.type === 'attempt' && part.entry.id)).toEqual(['a', 'b']);
  });

  it('should retry a 500 once on the same entry before failing over', async () => {
    const server = createLlmError('server', 'A', { status: 500 });

    const { calls, parts } = await collect([entry('a'), entry('b')], { a: [[fail(server)], [text('A again'), finish]] });

    expect(calls).toEqual(['a', 'a']);
    expect(answerOf(parts)).toBe('A again');
  });

  it('should restart on the next entry when the stream is cut after text, replacing the partial text', async () => {
    const { parts } = await collect([entry('a'), entry('b')], { a: [[text('Partial ')]], b: [[text('Whole answer'), finish]] });

    expect(parts.some((part) => part.type === 'restart')).toBe(true);
    expect(answerOf(parts)).toBe('Whole answer');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', failures: [{ error: { kind: 'stream-cut' } }] });
  });

  it('should never present a cut stream as complete when no entry is left', async () => {
    const { parts } = await collect([entry('a')], { a: [[text('Partial ')]] });

    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'stream-cut' } });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('should stop with the provider reason on a content-policy refusal, without trying others', async () => {
    const refusal = createLlmError('content-policy', 'A', { status: 400, providerReason: 'Flagged by policy' });

    const { parts, calls } = await collect([entry('a'), entry('b')], { a: [[fail(refusal)]] });

    expect(calls).toEqual(['a']);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'content-policy', providerReason: 'Flagged by policy' } });
  });

  it('should turn a silent first token into a fail-over', async () => {
    const quick = { headersMs: 20, firstTokenMs: 20, stallMs: 20 };

    const { parts, calls } = await collect([{ ...entry('a'), timeouts: quick }, entry('b')], { a: ['hang'], b: [[text('B'), finish]] }, { hedging: { enabled: false, minDelayMs: 0 } });

    expect(calls).toEqual(['a', 'b']);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', failures: [{ error: { kind: 'timeout-headers' } }] });
  });

  it('should stop at once when the browser is offline', async () => {
    const { parts, calls } = await collect([entry('a'), entry('b')], {}, { isOnline: () => false });

    expect(calls).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'offline' } });
  });

  it('should end with the last error when every entry fails', async () => {
    const { parts } = await collect([entry('a'), entry('b')], {
      a: [[fail(createLlmError('auth', 'A', { status: 401 }))]],
      b: [[fail(createLlmError('quota', 'B', { status: 402 }))]],
    });

    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'quota' }, failures: [{ entry: { id: 'a' } }, { entry: { id: 'b' } }] });
  });

  it('should stop quietly when the user aborts', async () => {
    const controller = new AbortController();
    controller.abort();

    const { parts, calls } = await collect([entry('a')], { a: [[text('x'), finish]] }, {}, controller.signal);

    expect(calls).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
  });
});
