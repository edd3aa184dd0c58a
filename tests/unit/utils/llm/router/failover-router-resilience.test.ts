import { describe, expect, it } from 'vitest';
import { createLlmError } from '@/utils/llm/errors';
import { createHealthTracker } from '@/utils/llm/health/health-tracker';
import { failoverRouter, type RouterDeps } from '@/utils/llm/router/failover-router';
import type { ChainEntry, ProviderStreamPart, RouterStreamPart } from '@/utils/llm/types';
import { entry, fail, fakeAdapters, finish, text, type Script } from '../fake-adapter';

const request = { messages: [{ role: 'user' as const, content: 'Summarize.' }] };
const noHedge = { enabled: false, minDelayMs: 0 };

async function run(chain: ChainEntry[], scripts: Record<string, Script[]>, deps: Partial<RouterDeps> = {}) {
  const fakes = fakeAdapters(scripts);
  const parts: RouterStreamPart[] = [];
  const signal = new AbortController().signal;
  for await (const part of failoverRouter(chain, request, signal, { createAdapter: fakes.createAdapter, random: () => 0, hedging: noHedge, ...deps })) {
    parts.push(part);
  }
  return { parts, calls: fakes.calls.map((call) => call.entryId), keys: fakes.keys, final: parts.at(-1) };
}

const started: ProviderStreamPart = { type: 'response-started' };
const ping: ProviderStreamPart = { type: 'alive', reasoning: false };
const thinking: ProviderStreamPart = { type: 'alive', reasoning: true };

describe('failoverRouter resilience', () => {
  it('should hedge a silent entry with the next one and let the first to write win', async () => {
    const { final, calls, parts } = await run([entry('a'), entry('b')], { a: ['hang'], b: [[text('From B'), finish]] }, { hedging: { enabled: true, minDelayMs: 30 } });

    expect(calls).toEqual(['a', 'b']);
    expect(parts.find((part) => part.type === 'attempt' && part.entry.id === 'b')).toMatchObject({ hedge: true });
    expect(final).toMatchObject({ type: 'finish', answeredBy: { id: 'b' }, failures: [] });
  });

  it('should not hedge when hedging is off', async () => {
    const quick = { headersMs: 60, firstTokenMs: 60, stallMs: 60 };

    const { calls, final } = await run([{ ...entry('a'), timeouts: quick }, entry('b')], { a: [[started, 'hang']], b: [[text('B'), finish]] });

    expect(calls).toEqual(['a', 'b']);
    expect(final).toMatchObject({ type: 'finish', failures: [{ error: { kind: 'timeout-first-token' } }] });
  });

  it('should not let keep-alive pings hide a missing first token, but let reasoning extend it', async () => {
    const quick = { headersMs: 1_000, firstTokenMs: 40, stallMs: 1_000 };
    const pingingScript: Script = [started, ping, ping, ping, 'hang'];

    const pinging = await run([{ ...entry('a'), timeouts: quick }, entry('b')], { a: [pingingScript, 'hang'], b: [[text('B'), finish]] });
    const reasoning = await run([{ ...entry('a'), timeouts: quick }], { a: [[started, thinking, text('A'), finish]] });

    expect(pinging.final).toMatchObject({ type: 'finish', answeredBy: { id: 'b' } });
    expect(reasoning.final).toMatchObject({ type: 'finish', answeredBy: { id: 'a' } });
  });

  it('should detect a stall after text and restart on the next entry', async () => {
    const quick = { headersMs: 1_000, firstTokenMs: 1_000, stallMs: 40 };

    const { parts, final } = await run([{ ...entry('a'), timeouts: quick }, entry('b')], { a: [[started, text('Half'), 'hang']], b: [[text('Whole'), finish]] });

    expect(parts.some((part) => part.type === 'restart' && part.failure.error.kind === 'stalled')).toBe(true);
    expect(final).toMatchObject({ type: 'finish', answeredBy: { id: 'b' } });
  });

  it('should open the breaker after repeated faults and skip the entry, saying why', async () => {
    const health = createHealthTracker();
    const overloaded = fail(createLlmError('overloaded', 'A', { status: 503 }));
    const scripts = { a: [[overloaded], [overloaded], [text('A'), finish]], b: [[text('B'), finish], [text('B'), finish], [text('B'), finish]] };
    const fakes = fakeAdapters(scripts);
    const finals: RouterStreamPart[] = [];

    for (let i = 0; i < 3; i++) {
      const parts: RouterStreamPart[] = [];
      for await (const part of failoverRouter([entry('a'), entry('b')], request, new AbortController().signal, { createAdapter: fakes.createAdapter, health, hedging: noHedge, random: () => 0 })) parts.push(part);
      finals.push(parts.at(-1)!);
    }

    expect(fakes.calls.map((call) => call.entryId)).toEqual(['a', 'b', 'a', 'b', 'b']);
    expect(finals[2]).toMatchObject({ type: 'finish', answeredBy: { id: 'b' }, failures: [{ entry: { id: 'a' }, skipped: true }] });
  });

  it('should let one request probe an entry after its breaker period and return to it', async () => {
    let clock = 0;
    const health = createHealthTracker({ now: () => clock });
    const overloaded = fail(createLlmError('overloaded', 'A', { status: 503 }));
    health.recordFailure(entry('a'), overloaded.type === 'error' ? overloaded.error : createLlmError('unknown', 'A'));
    health.recordFailure(entry('a'), overloaded.type === 'error' ? overloaded.error : createLlmError('unknown', 'A'));
    clock = 60_000;

    const { calls, final } = await run([entry('a'), entry('b')], { a: [[text('A back'), finish]] }, { health, now: () => clock });

    expect(calls).toEqual(['a']);
    expect(final).toMatchObject({ type: 'finish', answeredBy: { id: 'a' } });
    expect(health.snapshot().a?.openUntil).toBeUndefined();
  });

  it('should rest an entry after a 429 and, when everything rests, try the one whose rest ends first', async () => {
    let clock = 0;
    const health = createHealthTracker({ now: () => clock });
    health.recordFailure(entry('a'), createLlmError('rate-limited', 'A', { status: 429, retryAfterMs: 20_000 }));
    health.recordFailure(entry('b'), createLlmError('rate-limited', 'B', { status: 429, retryAfterMs: 5_000 }));
    clock = 1_000;

    const { calls, final } = await run([entry('a'), entry('b')], { b: [[text('B'), finish]] }, { health, now: () => clock });

    expect(calls).toEqual(['b']);
    expect(final).toMatchObject({ type: 'finish', failures: [{ entry: { id: 'a' }, skipped: true, error: { kind: 'rate-limited' } }] });
  });

  it('should disable an entry whose key was rejected until the user acts', async () => {
    const health = createHealthTracker();
    const scripts = { a: [[fail(createLlmError('auth', 'A', { status: 401 }))]], b: [[text('B'), finish], [text('B'), finish]] };

    await run([entry('a'), entry('b')], scripts, { health });
    const second = await run([entry('a'), entry('b')], { b: [[text('B'), finish]] }, { health });

    expect(second.calls).toEqual(['b']);
    expect(health.snapshot().a?.disabled).toMatchObject({ kind: 'auth' });
  });

  it('should end with the reason when every entry is disabled', async () => {
    const health = createHealthTracker();
    health.recordFailure(entry('a'), createLlmError('quota', 'A', { status: 402 }));

    const { calls, final } = await run([entry('a')], {}, { health });

    expect(calls).toEqual([]);
    expect(final).toMatchObject({ type: 'error', error: { kind: 'quota' } });
  });

  it('should move to the next key of a pool on a 429 and rest the exhausted one', async () => {
    const pooled = { ...entry('a'), apiKey: 'k1', apiKeys: ['k1', 'k2'] };
    const health = createHealthTracker();

    const { keys, final } = await run([pooled], { a: [[fail(createLlmError('rate-limited', 'A', { status: 429 }))], [text('A'), finish]] }, { health });

    expect(keys).toEqual(['k1', 'k2']);
    expect(final).toMatchObject({ type: 'finish', answeredBy: { id: 'a' } });
    expect(health.withKey(pooled).apiKey).toBe('k2');
  });

  it('should skip entries whose context window is no larger after "context too long"', async () => {
    const small = { ...entry('a'), contextWindow: 8_000 };
    const same = { ...entry('b'), contextWindow: 8_000 };
    const large = { ...entry('c'), contextWindow: 200_000 };

    const { calls, final } = await run([small, same, large], { a: [[fail(createLlmError('context-too-long', 'A', { status: 400 }))]], c: [[text('C'), finish]] });

    expect(calls).toEqual(['a', 'c']);
    expect(final).toMatchObject({ type: 'finish', answeredBy: { id: 'c' } });
  });

  it('should not send to an endpoint it has no permission for', async () => {
    const { calls, final } = await run([entry('a'), entry('b')], { b: [[text('B'), finish]] }, { isPermitted: (candidate) => candidate.id !== 'a' });

    expect(calls).toEqual(['b']);
    expect(final).toMatchObject({ type: 'finish', failures: [{ error: { kind: 'not-permitted' } }] });
  });

  it('should honour a short Retry-After before retrying the same entry', async () => {
    const started = Date.now();

    const { calls, final } = await run([entry('a'), entry('b')], { a: [[fail(createLlmError('rate-limited', 'A', { status: 429, retryAfterMs: 120 }))], [text('A'), finish]] });

    expect(calls).toEqual(['a', 'a']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    expect(final).toMatchObject({ type: 'finish', answeredBy: { id: 'a' } });
  });
});
