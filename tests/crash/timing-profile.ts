// The durations of the crash-test catalogue: production values from DESIGN.md and the same scaled down for CI.
import { DEFAULT_TIMEOUTS, type EntryTimeouts } from '../../utils/llm/types';

export interface TimingProfile {
  name: 'production' | 'fast';
  /**
   * A production duration times `scale` is this profile's. Router options the harness does not set itself (breaker
   * open periods, hedge delays, rate-limit rests) must be scaled the same way by whoever passes them as routerDeps.
   */
  scale: number;
  /** Timeouts put on both entries; undefined keeps the product's own defaults. */
  entryTimeouts?: EntryTimeouts;
  /** Gap between the 60 tokens of a healthy answer. */
  tokenIntervalMs: number;
  /** S06: the silent provider holds the connection this long, then drops it. */
  silenceMs: number;
  /** S07: headers at once, the first token only after this. */
  slowFirstTokenMs: number;
  /** S09: the stream goes quiet this long after 20 tokens. */
  stallMs: number;
  /** S15: the primary answers 503 for this long after the scenario starts. */
  outageMs: number;
  outageRequests: number;
  /** S15: time between the starts of consecutive requests. */
  outageGapMs: number;
  /** S01: the 429's retry header; Retry-After has whole seconds only, so the fast profile uses retry-after-ms. */
  retryAfterHeaders: Record<string, string>;
  /** S01: two primary attempts must never be closer than this. */
  minRetryGapMs: number;
  /** S02: at most 4 primary attempts inside any window this long. */
  burstWindowMs: number;
  /** Any request still running after this is a hang. */
  requestBudgetMs: number;
  /** S06: the request must end within this. */
  silentBudgetMs: number;
  /** S07 (advisory): the answer should be complete within this. */
  slowAnswerGoalMs: number;
  /** S09: the next attempt must start within this of the stalling attempt (less than `stallMs`, or it was not detected). */
  stallDetectMs: number;
  /** S11: the finish must come within this of the provider's last byte. */
  finishPromptMs: number;
  /** S15: the primary must be used again within this of its recovery. */
  recoveryWindowMs: number;
}

export const PRODUCTION_PROFILE: TimingProfile = {
  name: 'production',
  scale: 1,
  tokenIntervalMs: 20,
  silenceMs: 120_000,
  slowFirstTokenMs: 20_000,
  stallMs: 30_000,
  outageMs: 60_000,
  outageRequests: 20,
  outageGapMs: 4_000,
  retryAfterHeaders: { 'retry-after': '2' },
  minRetryGapMs: 1_500,
  burstWindowMs: 3_000,
  requestBudgetMs: 30_000,
  silentBudgetMs: 15_000,
  slowAnswerGoalMs: 15_000,
  stallDetectMs: 20_000,
  finishPromptMs: 2_000,
  recoveryWindowMs: 30_000,
};

const FAST_SCALE = 0.1;
const scaled = (ms: number): number => Math.round(ms * FAST_SCALE);

/** Every duration a tenth of production, including the entries' timeouts, so the orderings that decide a verdict hold. */
export const FAST_PROFILE: TimingProfile = {
  name: 'fast',
  scale: FAST_SCALE,
  entryTimeouts: {
    headersMs: scaled(DEFAULT_TIMEOUTS.headersMs),
    firstTokenMs: scaled(DEFAULT_TIMEOUTS.firstTokenMs),
    stallMs: scaled(DEFAULT_TIMEOUTS.stallMs),
  },
  tokenIntervalMs: 2,
  silenceMs: scaled(PRODUCTION_PROFILE.silenceMs),
  slowFirstTokenMs: scaled(PRODUCTION_PROFILE.slowFirstTokenMs),
  stallMs: scaled(PRODUCTION_PROFILE.stallMs),
  outageMs: scaled(PRODUCTION_PROFILE.outageMs),
  outageRequests: PRODUCTION_PROFILE.outageRequests,
  outageGapMs: scaled(PRODUCTION_PROFILE.outageGapMs),
  retryAfterHeaders: { 'retry-after-ms': '200' },
  minRetryGapMs: scaled(PRODUCTION_PROFILE.minRetryGapMs),
  burstWindowMs: scaled(PRODUCTION_PROFILE.burstWindowMs),
  requestBudgetMs: scaled(PRODUCTION_PROFILE.requestBudgetMs),
  silentBudgetMs: scaled(PRODUCTION_PROFILE.silentBudgetMs),
  slowAnswerGoalMs: scaled(PRODUCTION_PROFILE.slowAnswerGoalMs),
  stallDetectMs: scaled(PRODUCTION_PROFILE.stallDetectMs),
  // Not a tenth: 200 ms would measure the event loop of a loaded CI machine rather than the router.
  finishPromptMs: 300,
  recoveryWindowMs: scaled(PRODUCTION_PROFILE.recoveryWindowMs),
};
