// Router overhead in Node: time to first content through failoverRouter vs the same SDK call made directly, interleaved.
import OpenAI from 'openai';
import { createHealthTracker } from '../../utils/llm/health/health-tracker';
import { toOpenAiCompatibleParams } from '../../utils/llm/providers/openai-compatible/convert-to-openai-compatible-params';
import { startFaultServer } from '../../tests/mocks/fault-server';
import { log } from './log';
import { BENCH_REQUEST, openAiEntry, productionDeps, timeRouterRequest, withServers } from './router-run';
import { differences, median, round, summarize, type Summary } from './stats';

export const FIRST_TOKEN_DELAY_MS = 200;

export interface NodeOverheadResult {
  /** Median of per-pair differences (router - direct), ms. */
  medianMs: number;
  pairs: number;
  direct: Summary;
  router: Summary;
  difference: Summary;
}

/** (a) The SDK call the adapter makes, without the router: time to the first content delta, then read to the end. */
async function directTtft(baseURL: string): Promise<number> {
  const entry = openAiEntry('direct', baseURL);
  const started = performance.now();
  const client = new OpenAI({ baseURL, apiKey: entry.apiKey, maxRetries: 0 });
  const stream = await client.chat.completions.create(toOpenAiCompatibleParams(entry, BENCH_REQUEST));
  let ttft: number | undefined;
  for await (const chunk of stream) {
    if (ttft === undefined && chunk.choices[0]?.delta.content) ttft = performance.now() - started;
  }
  if (ttft === undefined) throw new Error('the direct call produced no content');
  return ttft;
}

/** (b) The same request through the router with a one-entry chain (production defaults, its own tracker). */
async function routerTtft(baseURL: string, health: ReturnType<typeof createHealthTracker>): Promise<number> {
  const result = await timeRouterRequest([openAiEntry('routed', baseURL)], productionDeps({ health }));
  if (result.ttftMs === undefined || !result.complete) throw new Error(`the routed call did not answer (${result.final ?? 'nothing'})`);
  return result.ttftMs;
}

export async function measureNodeOverhead(options: { pairs?: number; warmup?: number } = {}): Promise<NodeOverheadResult> {
  const pairs = options.pairs ?? 40;
  const warmup = options.warmup ?? 5;
  return withServers(
    // Token gap 0: the rest of the answer follows the first token at once, so each run ends promptly.
    [() => startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok', firstTokenDelayMs: FIRST_TOKEN_DELAY_MS }), tokenIntervalMs: 0 })],
    async ([server]) => {
      const baseURL = server!.url;
      // One tracker for the series, as the service worker keeps one: the entry is healthy throughout.
      const health = createHealthTracker();
      const samples: { a: number; b: number }[] = [];
      for (let index = 0; index < warmup + pairs; index++) {
        // Alternate which goes first so neither side always meets a warmer connection pool.
        let a: number;
        let b: number;
        if (index % 2 === 0) {
          a = await directTtft(baseURL);
          b = await routerTtft(baseURL, health);
        } else {
          b = await routerTtft(baseURL, health);
          a = await directTtft(baseURL);
        }
        if (index >= warmup) samples.push({ a, b });
      }
      const diffs = differences(samples);
      log(`  node overhead: median difference ${median(diffs).toFixed(2)} ms over ${samples.length} pairs`);
      return {
        medianMs: round(median(diffs)),
        pairs: samples.length,
        direct: summarize(samples.map((pair) => pair.a)),
        router: summarize(samples.map((pair) => pair.b)),
        difference: summarize(diffs),
      };
    },
  );
}
