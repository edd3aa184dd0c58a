// Runs one crash-test scenario: two fault servers, the real router and adapters over Node's fetch, then the score.
import { createProviderAdapter } from '../../utils/llm/providers/create-provider-adapter';
import { failoverRouter, type RouterDeps } from '../../utils/llm/router/failover-router';
import type { ChainEntry, LlmRequest, ProviderKind } from '../../utils/llm/types';
import { startFaultServer, type FaultServer, type Wire } from '../mocks/fault-server';
import { FALLBACK_MODEL, PRIMARY_MODEL, type Scenario, type ScenarioContext, type ScenarioId, type TimingProfile } from './scenarios';
import { scoreScenario, type RequestResult, type ScenarioRun, type Verdict } from './score';

/** Per-entry settings a test may change (timeouts and whatever else the router reads from an entry), never its identity. */
export type EntryOverrides = Partial<Omit<ChainEntry, 'id' | 'kind' | 'name' | 'baseURL' | 'model' | 'apiKey'>>;

export interface RunScenarioOptions {
  profile: TimingProfile;
  wire: Wire;
  /** Passed through to the router; a factory gives each scenario fresh state (health, breaker) shared by its requests. */
  routerDeps?: Partial<RouterDeps> | (() => Partial<RouterDeps>);
  /** Applied over the profile's timeouts. */
  entryTimeouts?: { primary?: EntryOverrides; fallback?: EntryOverrides };
}

export interface ScenarioOutcome {
  id: ScenarioId;
  verdict: Verdict;
  details: string;
  run: ScenarioRun;
}

/** After aborting a hung request, how long the router gets to end its stream before the harness walks away. */
const ABORT_GRACE_MS = 2_000;

const REQUEST: LlmRequest = {
  system: 'You are a crash-test provider.',
  messages: [{ role: 'user', content: 'Recite the sixty canonical tokens.' }],
  maxOutputTokens: 256,
};

export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioOutcome> {
  const { profile, wire } = options;
  const startedAt = Date.now();
  const context: ScenarioContext = { profile, wire, startedAt };
  const servers: FaultServer[] = [];
  try {
    const primary = await startFaultServer({ wire, script: scenario.primary(context), tokenIntervalMs: profile.tokenIntervalMs });
    servers.push(primary);
    const fallback = await startFaultServer({ wire, script: scenario.fallback(context), tokenIntervalMs: profile.tokenIntervalMs });
    servers.push(fallback);
    const kind: ProviderKind = wire === 'openai' ? 'openai-compatible' : 'anthropic';
    const entry = (role: 'primary' | 'fallback', server: FaultServer): ChainEntry => ({
      id: role,
      kind,
      name: role === 'primary' ? 'Primary' : 'Fallback',
      baseURL: server.url,
      model: role === 'primary' ? PRIMARY_MODEL : FALLBACK_MODEL,
      apiKey: role === 'primary' ? 'sk-test-primary' : 'sk-test-fallback',
      ...(profile.entryTimeouts ? { timeouts: profile.entryTimeouts } : {}),
      ...options.entryTimeouts?.[role],
    });
    const chain = scenario.fallbackConfigured ? [entry('primary', primary), entry('fallback', fallback)] : [entry('primary', primary)];
    const extra = typeof options.routerDeps === 'function' ? options.routerDeps() : (options.routerDeps ?? {});
    const deps: RouterDeps = { createAdapter: (chainEntry) => createProviderAdapter(chainEntry), ...extra };

    const { count, gapMs } = scenario.requests(profile);
    const requests: RequestResult[] = [];
    for (let index = 0; index < count; index++) {
      await waitUntil(startedAt + index * gapMs);
      requests.push(await runRequest(chain, deps, profile.requestBudgetMs));
    }
    const run: ScenarioRun = { startedAt, primary: primary.attempts, fallback: fallback.attempts, requests };
    const score = scoreScenario({
      id: scenario.id,
      ideal: scenario.ideal,
      checks: scenario.checks(profile),
      requestBudgetMs: profile.requestBudgetMs,
      run,
    });
    return { id: scenario.id, ...score, details: `[${wire}, ${profile.name}] ${score.details}`, run };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** The longest a scenario may take with the harness's own hang protection; use it as the test's timeout. */
export function scenarioTimeoutMs(scenario: Scenario, profile: TimingProfile): number {
  const { count, gapMs } = scenario.requests(profile);
  return count * (profile.requestBudgetMs + ABORT_GRACE_MS) + count * gapMs + 10_000;
}

/** One request through the router; aborted at the end of the budget and then marked as hung. */
async function runRequest(chain: readonly ChainEntry[], deps: RouterDeps, budgetMs: number): Promise<RequestResult> {
  const controller = new AbortController();
  const startedAt = Date.now();
  const result: RequestResult = { startedAt, answer: '', final: undefined, durationMs: 0 };
  const budget = setTimeout(() => {
    result.hung = true;
    controller.abort();
  }, budgetMs);
  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const drive = (async (): Promise<void> => {
    try {
      for await (const part of failoverRouter(chain, REQUEST, controller.signal, deps)) {
        result.final = part;
        if (part.type === 'text-delta') {
          result.answer += part.text;
          result.firstTextAtMs ??= Date.now() - startedAt;
        } else if (part.type === 'restart') {
          result.answer = '';
        }
      }
    } catch (error) {
      result.thrown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  })();
  // A router that ignores the abort would hold the test forever: stop waiting for it after a grace period.
  const abandoned = new Promise<void>((resolve) => {
    giveUp = setTimeout(resolve, budgetMs + ABORT_GRACE_MS);
  });
  await Promise.race([drive, abandoned]);
  clearTimeout(budget);
  clearTimeout(giveUp);
  result.durationMs = Date.now() - startedAt;
  // A copy: an abandoned router may still write into `result` later.
  return { ...result };
}

/** Paces the requests of a scenario (S15: one every few seconds, measured from each start). */
function waitUntil(at: number): Promise<void> {
  const ms = at - Date.now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
