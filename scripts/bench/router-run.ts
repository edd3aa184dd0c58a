// Drives the real router and adapters over Node's fetch: one timed request, chain entries, servers that always close.
import { createServer } from 'node:net';
import { DEFAULT_BREAKER, type BreakerConfig } from '../../utils/llm/health/entry-health';
import { createHealthTracker, type HealthTracker } from '../../utils/llm/health/health-tracker';
import { createProviderAdapter } from '../../utils/llm/providers/create-provider-adapter';
import { DEFAULT_HEDGING, failoverRouter, type HedgingOptions, type RouterDeps } from '../../utils/llm/router/failover-router';
import type { ChainEntry, LlmRequest, RouterStreamPart } from '../../utils/llm/types';
import { CANONICAL_ANSWER, type FaultServer } from '../../tests/mocks/fault-server';

export const BENCH_REQUEST: LlmRequest = {
  system: 'You are a benchmark provider.',
  messages: [{ role: 'user', content: 'Recite the sixty canonical tokens.' }],
  maxOutputTokens: 256,
};

/** An OpenAI-compatible entry with the product's default timeouts (none set on the entry). */
export function openAiEntry(id: string, baseURL: string, model = `${id}-model`): ChainEntry {
  return { id, kind: 'openai-compatible', name: id, baseURL, model, apiKey: `sk-bench-${id}` };
}

/** The router as the product runs it: real adapters, DEFAULT_BREAKER, DEFAULT_HEDGING unless told otherwise. */
export function productionDeps(options: { health?: HealthTracker; hedging?: HedgingOptions; breaker?: BreakerConfig } = {}): RouterDeps {
  return {
    createAdapter: (entry) => createProviderAdapter(entry),
    health: options.health ?? createHealthTracker({ config: options.breaker ?? DEFAULT_BREAKER }),
    hedging: options.hedging ?? DEFAULT_HEDGING,
  };
}

export interface TimedRequest {
  /** performance.now() delta from the call to the first text-delta; undefined when no text came. */
  ttftMs?: number;
  /** To the end of the stream (finish or error). */
  totalMs: number;
  final?: RouterStreamPart['type'];
  /** The finish carried the complete canonical answer (text since the last restart). */
  complete: boolean;
  answeredBy?: string;
  hedged: boolean;
  attempts: number;
  errorKind?: string;
}

/** One request through failoverRouter, read to its end (or aborted after `budgetMs`). */
export async function timeRouterRequest(
  chain: readonly ChainEntry[],
  deps: RouterDeps,
  options: { request?: LlmRequest; budgetMs?: number } = {},
): Promise<TimedRequest> {
  const controller = new AbortController();
  const budget = setTimeout(() => controller.abort(), options.budgetMs ?? 60_000);
  const started = performance.now();
  const result: TimedRequest = { totalMs: 0, complete: false, hedged: false, attempts: 0 };
  let answer = '';
  try {
    for await (const part of failoverRouter(chain, options.request ?? BENCH_REQUEST, controller.signal, deps)) {
      result.final = part.type;
      if (part.type === 'text-delta') {
        result.ttftMs ??= performance.now() - started;
        answer += part.text;
      } else if (part.type === 'restart') {
        answer = '';
      } else if (part.type === 'attempt') {
        result.attempts++;
        if (part.hedge === true) result.hedged = true;
      } else if (part.type === 'finish') {
        result.answeredBy = part.answeredBy.id;
        result.complete = answer === CANONICAL_ANSWER;
      } else if (part.type === 'error') {
        result.errorKind = part.error.kind;
      }
    }
  } finally {
    clearTimeout(budget);
    result.totalMs = performance.now() - started;
  }
  return result;
}

/** Starts servers, runs `work` with them, and closes every one of them whatever happens. */
export async function withServers<T>(starts: (() => Promise<FaultServer>)[], work: (servers: FaultServer[]) => Promise<T>): Promise<T> {
  const servers: FaultServer[] = [];
  try {
    for (const start of starts) servers.push(await start());
    return await work(servers);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** A base URL on 127.0.0.1 where nothing listens: connections are refused at once. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${address.port}/v1`;
}

/** Runs `count` tasks with at most `concurrency` in flight; results in task order. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
