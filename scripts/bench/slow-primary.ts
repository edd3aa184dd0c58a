// Speed under failure: a silent (S06) or slow-first-token (S07) primary with a healthy fallback, hedged and not.
import { DEFAULT_HEDGING, type HedgingOptions } from '../../utils/llm/router/failover-router';
import { PRODUCTION_PROFILE } from '../../tests/crash/timing-profile';
import { startFaultServer, type Fault } from '../../tests/mocks/fault-server';
import { log } from './log';
import { openAiEntry, productionDeps, timeRouterRequest, withServers, type TimedRequest } from './router-run';
import { median, round } from './stats';

export type PrimaryFault = 'silent' | 'slowFirstToken';

export interface SlowPrimaryFigures {
  /** Median time to the finish (the complete answer), ms. */
  finishMs: number;
  /** Median time to the first text, ms. */
  ttftMs: number;
  runs: number;
  /** Runs answered completely by the fallback. */
  answeredByFallback: number;
  /** Runs in which a hedge fired. */
  hedged: number;
}

export type SlowPrimaryResult = Record<PrimaryFault, { hedged: SlowPrimaryFigures; unhedged: SlowPrimaryFigures }>;

const PRIMARY_FAULTS: Record<PrimaryFault, Fault> = {
  // S06: the connection is held with no response for the profile's silence (120 s).
  silent: { kind: 'silent', holdMs: PRODUCTION_PROFILE.silenceMs },
  // S07: headers at once, the first token only after 20 s.
  slowFirstToken: { kind: 'ok', firstTokenDelayMs: PRODUCTION_PROFILE.slowFirstTokenMs },
};

/** One run with its own servers and tracker, so concurrent runs cannot see each other's health. */
async function oneRun(fault: Fault, hedging: HedgingOptions): Promise<TimedRequest> {
  return withServers(
    [
      () => startFaultServer({ wire: 'openai', script: () => fault, tokenIntervalMs: PRODUCTION_PROFILE.tokenIntervalMs }),
      () => startFaultServer({ wire: 'openai', script: () => ({ kind: 'ok' }), tokenIntervalMs: PRODUCTION_PROFILE.tokenIntervalMs }),
    ],
    ([primary, fallback]) =>
      timeRouterRequest([openAiEntry('primary', primary!.url), openAiEntry('fallback', fallback!.url)], productionDeps({ hedging }), {
        budgetMs: PRODUCTION_PROFILE.requestBudgetMs,
      }),
  );
}

function figures(results: readonly TimedRequest[]): SlowPrimaryFigures {
  const finished = results.filter((result) => result.final === 'finish' && result.complete);
  return {
    finishMs: round(median(finished.map((result) => result.totalMs))),
    ttftMs: round(median(finished.map((result) => result.ttftMs ?? Number.NaN))),
    runs: results.length,
    answeredByFallback: finished.filter((result) => result.answeredBy === 'fallback').length,
    hedged: results.filter((result) => result.hedged).length,
  };
}

/** Every run of both faults, hedged and unhedged, at once: the whole measurement takes about one unhedged run (~11 s). */
export async function measureSlowPrimary(options: { runs?: number } = {}): Promise<SlowPrimaryResult> {
  const runs = options.runs ?? 3;
  const modes: Record<'hedged' | 'unhedged', HedgingOptions> = { hedged: DEFAULT_HEDGING, unhedged: { ...DEFAULT_HEDGING, enabled: false } };
  const measure = async (fault: PrimaryFault, mode: 'hedged' | 'unhedged'): Promise<SlowPrimaryFigures> => {
    const results = await Promise.all(Array.from({ length: runs }, () => oneRun(PRIMARY_FAULTS[fault], modes[mode])));
    const result = figures(results);
    log(`  ${fault} ${mode}: finish ${result.finishMs} ms, first text ${result.ttftMs} ms (${result.answeredByFallback}/${runs} by the fallback)`);
    return result;
  };
  const [silentHedged, silentUnhedged, slowHedged, slowUnhedged] = await Promise.all([
    measure('silent', 'hedged'),
    measure('silent', 'unhedged'),
    measure('slowFirstToken', 'hedged'),
    measure('slowFirstToken', 'unhedged'),
  ]);
  return {
    silent: { hedged: silentHedged, unhedged: silentUnhedged },
    slowFirstToken: { hedged: slowHedged, unhedged: slowUnhedged },
  };
}
