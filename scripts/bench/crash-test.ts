// The sixteen crash-test scenarios over the OpenAI wire: the fast profile (as the contract test runs it) and production.
import { DEFAULT_BREAKER } from '../../utils/llm/health/entry-health';
import { createHealthTracker } from '../../utils/llm/health/health-tracker';
import { DEFAULT_HEDGING, type RouterDeps } from '../../utils/llm/router/failover-router';
import { runScenario, type ScenarioOutcome } from '../../tests/crash/run-scenario';
import { FAST_PROFILE, PRODUCTION_PROFILE, SCENARIOS, type ScenarioId } from '../../tests/crash/scenarios';
import type { Verdict } from '../../tests/crash/score';
import { log } from './log';

export type CrashVerdicts = Record<ScenarioId, Verdict>;

export interface CrashTestResult {
  verdicts: CrashVerdicts;
  /** The scorer's explanation for every scenario that did not pass. */
  problems: Partial<Record<ScenarioId, string>>;
  durationMs: number;
}

const scaled = (ms: number): number => Math.round(ms * FAST_PROFILE.scale);

/** Exactly the contract test's deps: the product's router settings scaled like the profile, one tracker per scenario. */
const fastRouterDeps = (): Partial<RouterDeps> => ({
  health: createHealthTracker({
    config: {
      ...DEFAULT_BREAKER,
      baseOpenMs: scaled(DEFAULT_BREAKER.baseOpenMs),
      maxOpenMs: scaled(DEFAULT_BREAKER.maxOpenMs),
      defaultRateLimitRestMs: scaled(DEFAULT_BREAKER.defaultRateLimitRestMs),
      quotaKeyRestMs: scaled(DEFAULT_BREAKER.quotaKeyRestMs),
    },
  }),
  hedging: { ...DEFAULT_HEDGING, minDelayMs: scaled(DEFAULT_HEDGING.minDelayMs) },
});

/** Production: DEFAULT_BREAKER and DEFAULT_HEDGING, entries keep DEFAULT_TIMEOUTS; one tracker shared by a scenario's requests. */
const productionRouterDeps = (): Partial<RouterDeps> => ({
  health: createHealthTracker({ config: DEFAULT_BREAKER }),
  hedging: DEFAULT_HEDGING,
});

function collect(outcomes: readonly ScenarioOutcome[], durationMs: number): CrashTestResult {
  const verdicts = {} as CrashVerdicts;
  const problems: Partial<Record<ScenarioId, string>> = {};
  for (const outcome of outcomes) {
    verdicts[outcome.id] = outcome.verdict;
    if (outcome.verdict !== 'pass') problems[outcome.id] = outcome.details;
  }
  return { verdicts, problems, durationMs };
}

function report(outcome: ScenarioOutcome): ScenarioOutcome {
  log(`  ${outcome.id} ${outcome.verdict}`);
  if (outcome.verdict !== 'pass') log(outcome.details);
  return outcome;
}

/** Fast profile, one scenario after another (as the contract suite runs them): tight timings are not shared with others. */
export async function runFastCrashTest(): Promise<CrashTestResult> {
  const began = performance.now();
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of SCENARIOS) {
    outcomes.push(report(await runScenario(scenario, { profile: FAST_PROFILE, wire: 'openai', routerDeps: fastRouterDeps })));
  }
  return collect(outcomes, performance.now() - began);
}

/** Production profile, all sixteen at once (each has its own servers and tracker): S15 alone takes 20 x 4 s. */
export async function runFullCrashTest(): Promise<CrashTestResult> {
  const began = performance.now();
  const outcomes = await Promise.all(
    SCENARIOS.map(async (scenario) =>
      report(await runScenario(scenario, { profile: PRODUCTION_PROFILE, wire: 'openai', routerDeps: productionRouterDeps })),
    ),
  );
  return collect(outcomes, performance.now() - began);
}
