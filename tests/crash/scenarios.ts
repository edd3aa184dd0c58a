// The sixteen crash-test scenarios of DESIGN.md as data: what each server does, how many requests, and what is checked.
import { providerErrorBody, type Fault, type FaultScript, type Wire } from '../mocks/fault-server';
import type { TimingProfile } from './timing-profile';

export { FAST_PROFILE, PRODUCTION_PROFILE, type TimingProfile } from './timing-profile';

export const SCENARIO_IDS = [
  'S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08',
  'S09', 'S10', 'S11', 'S12', 'S13', 'S14', 'S15', 'S16',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const PRIMARY_MODEL = 'primary-model';
export const FALLBACK_MODEL = 'fallback-model';

export interface ScenarioContext {
  profile: TimingProfile;
  wire: Wire;
  /** Date.now() when the scenario started (before its first request). */
  startedAt: number;
}

/** What the mock logs must show, or what the delivered result must carry. */
export type Check =
  | { kind: 'minPrimaryGap'; ms: number }
  | { kind: 'maxPrimaryInWindow'; max: number; windowMs: number }
  | { kind: 'primaryAttempts'; min?: number; max?: number }
  /** Every finished request was answered by this model. */
  | { kind: 'answeredByModel'; model: string }
  | { kind: 'endsWithin'; ms: number }
  /** After the first primary attempt, another attempt (either server) starts within `ms`. */
  | { kind: 'nextAttemptWithin'; ms: number }
  /** Every finish comes within `ms` of the last byte a server wrote before it. */
  | { kind: 'finishPromptly'; ms: number }
  | { kind: 'usageReported' }
  | { kind: 'finalNotPrefillRejection' }
  /** The primary answered an attempt within `withinMs` after it recovered at `startedAt + outageMs`. */
  | { kind: 'primaryBackWithin'; outageMs: number; withinMs: number }
  /** While the primary is down, requests after the first `afterRequests` send it at most `max` attempts each. */
  | { kind: 'maxPrimaryPerRequestWhileDown'; max: number; afterRequests: number; outageMs: number };

export type CheckLevel = 'required' | 'advisory';

export interface ScenarioCheck {
  level: CheckLevel;
  check: Check;
}

/** The ideal outcome of every request of the scenario. */
export type IdealOutcome = 'canonical-answer' | 'content-policy-error';

export interface Scenario {
  id: ScenarioId;
  title: string;
  primary: (context: ScenarioContext) => FaultScript;
  fallback: (context: ScenarioContext) => FaultScript;
  requests: (profile: TimingProfile) => { count: number; gapMs: number };
  fallbackConfigured: boolean;
  ideal: IdealOutcome;
  checks: (profile: TimingProfile) => ScenarioCheck[];
}

const healthy: FaultScript = () => ({ kind: 'ok' });
const always = (fault: Fault): FaultScript => () => fault;
const onceThenOk =
  (fault: Fault): FaultScript =>
  (n) =>
    n === 1 ? fault : { kind: 'ok' };
const oneRequest = (): { count: number; gapMs: number } => ({ count: 1, gapMs: 0 });
const required = (check: Check): ScenarioCheck => ({ level: 'required', check });
const advisory = (check: Check): ScenarioCheck => ({ level: 'advisory', check });

function status(wire: Wire, code: number, type: string, message: string, extra: { errorCode?: string; headers?: Record<string, string> } = {}): Fault {
  return { kind: 'status', status: code, body: providerErrorBody(wire, type, message, extra.errorCode), ...(extra.headers ? { headers: extra.headers } : {}) };
}

const rateLimited = (wire: Wire, headers?: Record<string, string>): Fault =>
  status(wire, 429, wire === 'openai' ? 'requests' : 'rate_limit_error', 'Rate limit reached for requests', {
    errorCode: 'rate_limit_exceeded',
    ...(headers ? { headers } : {}),
  });
const serverError = (wire: Wire): Fault =>
  status(wire, 500, wire === 'openai' ? 'server_error' : 'api_error', 'The server had an error while processing your request.');
const unavailable = (wire: Wire): Fault =>
  status(wire, 503, wire === 'openai' ? 'service_unavailable' : 'overloaded_error', 'Service temporarily unavailable.');
const contextTooLong = (wire: Wire): Fault =>
  wire === 'openai'
    ? status(wire, 400, 'invalid_request_error', "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.", { errorCode: 'context_length_exceeded' })
    : status(wire, 400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum');
const contentPolicy = (wire: Wire): Fault =>
  wire === 'openai'
    ? status(wire, 400, 'invalid_request_error', 'Your request was rejected as a result of our safety system.', { errorCode: 'content_policy_violation' })
    : status(wire, 400, 'invalid_request_error', 'Output blocked by content filtering policy');

/** Shared defaults: one request, a healthy fallback, the complete canonical answer as the ideal. */
function scenario(
  fields: Pick<Scenario, 'id' | 'title' | 'primary'> & Partial<Omit<Scenario, 'id' | 'title' | 'primary'>>,
): Scenario {
  return {
    fallback: () => healthy,
    requests: oneRequest,
    fallbackConfigured: true,
    ideal: 'canonical-answer',
    checks: () => [],
    ...fields,
  };
}

export const SCENARIOS: readonly Scenario[] = [
  scenario({
    id: 'S01',
    title: '429 with a short Retry-After once, then healthy',
    primary: ({ wire, profile }) => onceThenOk(rateLimited(wire, profile.retryAfterHeaders)),
    checks: (p) => [required({ kind: 'minPrimaryGap', ms: p.minRetryGapMs })],
  }),
  scenario({
    id: 'S02',
    title: '429 forever without Retry-After',
    primary: ({ wire }) => always(rateLimited(wire)),
    checks: (p) => [
      required({ kind: 'maxPrimaryInWindow', max: 4, windowMs: p.burstWindowMs }),
      required({ kind: 'primaryAttempts', max: 6 }),
    ],
  }),
  scenario({
    id: 'S03',
    title: '500 once, then healthy',
    primary: ({ wire }) => onceThenOk(serverError(wire)),
    checks: () => [required({ kind: 'primaryAttempts', min: 2, max: 2 }), required({ kind: 'answeredByModel', model: PRIMARY_MODEL })],
  }),
  scenario({
    id: 'S04',
    title: '503 forever',
    primary: ({ wire }) => always(unavailable(wire)),
    checks: () => [required({ kind: 'primaryAttempts', max: 6 })],
  }),
  scenario({
    id: 'S05',
    title: 'TCP reset before headers once, then healthy',
    primary: () => onceThenOk({ kind: 'reset' }),
  }),
  scenario({
    id: 'S06',
    title: 'No response at all (connection held)',
    primary: ({ profile }) => always({ kind: 'silent', holdMs: profile.silenceMs }),
    checks: (p) => [required({ kind: 'primaryAttempts', max: 1 }), required({ kind: 'endsWithin', ms: p.silentBudgetMs })],
  }),
  scenario({
    id: 'S07',
    title: 'Headers at once, first token late',
    primary: ({ profile }) => always({ kind: 'ok', firstTokenDelayMs: profile.slowFirstTokenMs }),
    checks: (p) => [advisory({ kind: 'endsWithin', ms: p.slowAnswerGoalMs })],
  }),
  scenario({
    id: 'S08',
    title: 'Stream cut after 40 of 60 tokens',
    primary: () => always({ kind: 'cut', afterTokens: 40 }),
  }),
  scenario({
    id: 'S09',
    title: 'Stream stalls after 20 tokens',
    primary: ({ profile }) => always({ kind: 'stall', afterTokens: 20, stallMs: profile.stallMs }),
    checks: (p) => [required({ kind: 'nextAttemptWithin', ms: p.stallDetectMs })],
  }),
  scenario({
    id: 'S10',
    title: 'One malformed SSE event',
    primary: () => always({ kind: 'malformed', atToken: 30 }),
  }),
  scenario({
    id: 'S11',
    title: 'Complete stream without the [DONE] sentinel, connection left open',
    primary: () => always({ kind: 'ok', omitDone: true }),
    checks: (p) => [required({ kind: 'finishPromptly', ms: p.finishPromptMs }), required({ kind: 'usageReported' })],
  }),
  scenario({
    id: 'S12',
    title: '400 context_length_exceeded',
    primary: ({ wire }) => always(contextTooLong(wire)),
    checks: () => [required({ kind: 'primaryAttempts', min: 1, max: 1 })],
  }),
  scenario({
    id: 'S13',
    title: '400 content_policy_violation',
    primary: ({ wire }) => always(contentPolicy(wire)),
    ideal: 'content-policy-error',
    checks: () => [required({ kind: 'primaryAttempts', min: 1, max: 1 })],
  }),
  scenario({
    id: 'S14',
    title: 'Cut mid-stream; the fallback rejects assistant prefill',
    primary: () => always({ kind: 'cut', afterTokens: 40 }),
    fallback: () => always({ kind: 'rejectPrefill' }),
    checks: () => [required({ kind: 'finalNotPrefillRejection' })],
  }),
  scenario({
    id: 'S15',
    title: '503 during an outage, then healthy; requests keep coming',
    primary:
      ({ wire, profile, startedAt }) =>
      () =>
        Date.now() - startedAt < profile.outageMs ? unavailable(wire) : { kind: 'ok' },
    requests: (p) => ({ count: p.outageRequests, gapMs: p.outageGapMs }),
    checks: (p) => [
      required({ kind: 'primaryBackWithin', outageMs: p.outageMs, withinMs: p.recoveryWindowMs }),
      required({ kind: 'maxPrimaryPerRequestWhileDown', max: 1, afterRequests: 3, outageMs: p.outageMs }),
    ],
  }),
  scenario({
    id: 'S16',
    title: '503 forever: the answer names the fallback and its usage',
    primary: ({ wire }) => always(unavailable(wire)),
    checks: () => [required({ kind: 'answeredByModel', model: FALLBACK_MODEL }), required({ kind: 'usageReported' })],
  }),
];

export function scenarioById(id: ScenarioId): Scenario {
  const found = SCENARIOS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No scenario ${id}`);
  return found;
}
