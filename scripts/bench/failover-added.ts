// Fail-over cost: TTFT of chain [bad, good] minus TTFT of chain [good], bad = refused connection or 529 forever.
import { createHealthTracker, type HealthTracker } from '../../utils/llm/health/health-tracker';
import { availabilityOf, DEFAULT_BREAKER, emptyHealth } from '../../utils/llm/health/entry-health';
import { providerErrorBody, startFaultServer } from '../../tests/mocks/fault-server';
import type { ChainEntry } from '../../utils/llm/types';
import { log } from './log';
import { openAiEntry, productionDeps, refusedBaseUrl, timeRouterRequest, withServers } from './router-run';
import { differences, median, round, summarize, type Summary } from './stats';

export type BadKind = 'refused' | 'overloaded529';

export interface FailoverSeries {
  /** Median of per-pair differences, ms. */
  medianMs: number;
  runs: number;
  goodOnly: Summary;
  badThenGood: Summary;
  difference: Summary;
}

export interface FailoverResult {
  cold: Record<BadKind, FailoverSeries>;
  warm: Record<BadKind, FailoverSeries>;
}

async function ttft(chain: readonly ChainEntry[], health: HealthTracker): Promise<number> {
  const result = await timeRouterRequest(chain, productionDeps({ health }));
  if (result.ttftMs === undefined || !result.complete) throw new Error(`no answer from ${chain.map((entry) => entry.id).join(', ')}`);
  return result.ttftMs;
}

/** Whether the tracker would skip `entry` right now (its breaker open). */
function isResting(health: HealthTracker, entry: ChainEntry): boolean {
  return availabilityOf(health.snapshot()[entry.id] ?? emptyHealth(), Date.now()).status === 'resting';
}

async function series(kind: BadKind, bad: ChainEntry, good: ChainEntry, runs: number, warm: boolean): Promise<FailoverSeries> {
  const shared = createHealthTracker({ config: DEFAULT_BREAKER });
  const samples: { a: number; b: number }[] = [];
  let reopenings = 0;
  for (let index = 0; index < runs + 2; index++) {
    // Cold: a new tracker per run, so the bad entry is tried every time. Warm: the shared tracker, breaker open.
    const health = warm ? shared : createHealthTracker({ config: DEFAULT_BREAKER });
    if (warm) {
      while (!isResting(shared, bad)) {
        await timeRouterRequest([bad, good], productionDeps({ health: shared }));
        reopenings++;
      }
    }
    let a: number;
    let b: number;
    if (index % 2 === 0) {
      a = await ttft([good], warm ? shared : createHealthTracker({ config: DEFAULT_BREAKER }));
      b = await ttft([bad, good], health);
    } else {
      b = await ttft([bad, good], health);
      a = await ttft([good], warm ? shared : createHealthTracker({ config: DEFAULT_BREAKER }));
    }
    if (index >= 2) samples.push({ a, b }); // the first two pairs warm up the code paths
  }
  const diffs = differences(samples);
  log(`  ${warm ? 'warm' : 'cold'} ${kind}: median added ${median(diffs).toFixed(2)} ms over ${samples.length} runs${warm ? ` (${reopenings} requests spent opening the breaker)` : ''}`);
  return {
    medianMs: round(median(diffs)),
    runs: samples.length,
    goodOnly: summarize(samples.map((pair) => pair.a)),
    badThenGood: summarize(samples.map((pair) => pair.b)),
    difference: summarize(diffs),
  };
}

export async function measureFailoverAdded(options: { runs?: number } = {}): Promise<FailoverResult> {
  const runs = options.runs ?? 25;
  const overloaded = providerErrorBody('openai', 'overloaded_error', 'Overloaded');
  return withServers(
    [
      () => startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }), tokenIntervalMs: 0 }),
      () => startFaultServer({ wire: 'openai', script: () => ({ kind: 'status', status: 529, body: overloaded }) }),
    ],
    async ([goodServer, overloadedServer]) => {
      const good = openAiEntry('good', goodServer!.url);
      const bads: Record<BadKind, ChainEntry> = {
        refused: openAiEntry('refused', await refusedBaseUrl()),
        overloaded529: openAiEntry('overloaded', overloadedServer!.url),
      };
      const cold = {
        refused: await series('refused', bads.refused, good, runs, false),
        overloaded529: await series('overloaded529', bads.overloaded529, good, runs, false),
      };
      const warm = {
        refused: await series('refused', bads.refused, good, runs, true),
        overloaded529: await series('overloaded529', bads.overloaded529, good, runs, true),
      };
      return { cold, warm };
    },
  );
}
