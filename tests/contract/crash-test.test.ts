// The crash-test catalogue against the real router and adapters: every scenario, both wire formats, fast timings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BREAKER } from '../../utils/llm/health/entry-health';
import { createHealthTracker } from '../../utils/llm/health/health-tracker';
import { DEFAULT_HEDGING, type RouterDeps } from '../../utils/llm/router/failover-router';
import type { Wire } from '../mocks/fault-server';
import { runScenario, scenarioTimeoutMs } from '../crash/run-scenario';
import { FAST_PROFILE, SCENARIOS } from '../crash/scenarios';

const WIRES: Wire[] = ['openai', 'anthropic'];
const scaled = (ms: number): number => Math.round(ms * FAST_PROFILE.scale);

/** The product's router settings scaled like the profile; one health tracker per scenario, shared by its requests. */
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

describe.each(WIRES)('crash test over the %s wire format', (wire) => {
  for (const scenario of SCENARIOS) {
    it(
      `should pass ${scenario.id}: ${scenario.title}`,
      async () => {
        const outcome = await runScenario(scenario, { profile: FAST_PROFILE, wire, routerDeps: fastRouterDeps });

        expect(outcome.verdict, outcome.details).toBe('pass');
      },
      scenarioTimeoutMs(scenario, FAST_PROFILE),
    );
  }
});
