// How often the hedge fires on healthy traffic: two healthy entries, first tokens around 200 ms, one shared tracker.
import { createHealthTracker } from '../../utils/llm/health/health-tracker';
import { DEFAULT_BREAKER } from '../../utils/llm/health/entry-health';
import { PRODUCTION_PROFILE } from '../../tests/crash/timing-profile';
import { startFaultServer } from '../../tests/mocks/fault-server';
import { log } from './log';
import { openAiEntry, pool, productionDeps, timeRouterRequest, withServers } from './router-run';
import { round, summarize, type Summary } from './stats';

export interface HedgeRateResult {
  /** Share of requests with an `attempt` part marked `hedge: true`. */
  rate: number;
  requests: number;
  hedged: number;
  /** Requests that did not end with the complete answer. */
  notAnswered: number;
  ttft: Summary;
}

/** First token 200 ms +- 100 ms, uniformly drawn per attempt. */
const usualFirstTokenMs = (): number => 100 + Math.round(Math.random() * 200);

export async function measureHedgeRate(options: { requests?: number; concurrency?: number } = {}): Promise<HedgeRateResult> {
  const requests = options.requests ?? 200;
  const concurrency = options.concurrency ?? 10;
  const healthy = () =>
    startFaultServer({
      wire: 'openai',
      script: () => ({ kind: 'ok', firstTokenDelayMs: usualFirstTokenMs() }),
      tokenIntervalMs: PRODUCTION_PROFILE.tokenIntervalMs,
    });
  return withServers([healthy, healthy], async ([primary, fallback]) => {
    const chain = [openAiEntry('primary', primary!.url), openAiEntry('fallback', fallback!.url)];
    const deps = productionDeps({ health: createHealthTracker({ config: DEFAULT_BREAKER }) });
    const results = await pool(requests, concurrency, () => timeRouterRequest(chain, deps));
    const hedged = results.filter((result) => result.hedged).length;
    const rate = hedged / results.length;
    log(`  hedge rate ${hedged}/${results.length}`);
    return {
      rate: round(rate, 3),
      requests: results.length,
      hedged,
      notAnswered: results.filter((result) => !(result.final === 'finish' && result.complete)).length,
      ttft: summarize(results.flatMap((result) => (result.ttftMs === undefined ? [] : [result.ttftMs]))),
    };
  });
}
