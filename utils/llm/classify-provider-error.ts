// Classifies a provider failure (HTTP status, error body codes, transport errors) into an LlmError.
import { createLlmError, redactSecrets, type LlmError, type LlmErrorKind } from './errors';

export interface ProviderFailureFacts {
  provider: string;
  status?: number;
  /** Error `type` or `code` fields from the body, e.g. `overloaded_error`, `insufficient_quota`. */
  codes?: readonly (string | undefined | null)[];
  /** The provider's error message, if any. */
  providerMessage?: string;
  retryAfterMs?: number;
  /** Whether the endpoint is a local server (a 403 then means "origin not allowed"). */
  isLocalEndpoint?: boolean;
  secrets?: readonly string[];
}

const CONTEXT_TOO_LONG = /context[_ ]length|context window|too many tokens|maximum context|prompt is too long|input is too long|reduce the length/i;
const CONTENT_POLICY = /content[_ ]policy|content[_ ]filter|safety|responsible ai|flagged/i;
const QUOTA = /insufficient_quota|quota|billing|credit balance|spend limit|exceeded your current/i;
const MODEL_NOT_FOUND = /model_not_found|model not found|does not exist|no such model|unknown model|not_found_error/i;
/** Short-window limits: Gemini words its per-minute 429 as "Resource has been exhausted (e.g. check quota)". */
const SHORT_WINDOW_LIMIT = /per.?minute|per.?second|rate.?limit|e\.g\. check quota/i;

/** Error types that mean a server-side fault when they arrive without an HTTP status (in-stream error events). */
const SERVER_CODES: ReadonlySet<string> = new Set(['api_error', 'server_error', 'timeout_error', 'internal_error']);

export function classifyProviderFailure(facts: ProviderFailureFacts): LlmError {
  const codes = (facts.codes ?? []).filter((c): c is string => typeof c === 'string' && c.length > 0);
  const haystack = [...codes, facts.providerMessage ?? ''].join(' ');
  const kind = kindFor(facts.status, codes, haystack, facts.isLocalEndpoint === true);
  const reason = facts.providerMessage ? redactSecrets(facts.providerMessage, facts.secrets).slice(0, 300) : undefined;
  const error = createLlmError(kind, facts.provider, {
    ...(facts.status !== undefined ? { status: facts.status } : {}),
    ...(reason ? { providerReason: reason } : {}),
    ...(facts.retryAfterMs !== undefined ? { retryAfterMs: facts.retryAfterMs } : {}),
  });
  if (kind === 'auth' && facts.status === 403 && facts.isLocalEndpoint) {
    error.message = `${facts.provider} refused this extension (403): allow the extension's origin in the server's settings (for Ollama, OLLAMA_ORIGINS).`;
  }
  return error;
}

function kindFor(status: number | undefined, codes: string[], haystack: string, isLocal: boolean): LlmErrorKind {
  if (codes.includes('overloaded_error')) return 'overloaded';
  if (codes.some((c) => /rate_limit/.test(c)) && !QUOTA.test(haystack)) return 'rate-limited';
  if (codes.includes('insufficient_quota') || codes.includes('billing_error')) return 'quota';
  if (codes.includes('context_length_exceeded') || codes.includes('string_above_max_length')) return 'context-too-long';
  if (codes.includes('content_policy_violation') || codes.includes('content_filter')) return 'content-policy';
  if (codes.includes('authentication_error') || codes.includes('invalid_api_key') || codes.includes('permission_error'))
    return 'auth';
  if (codes.includes('model_not_found')) return 'model-not-found';
  switch (status) {
    case undefined:
      if (codes.some((c) => SERVER_CODES.has(c))) return 'server';
      if (codes.includes('not_found_error')) return 'model-not-found';
      return 'unknown';
    case 401:
      return 'auth';
    case 402:
      return 'quota';
    case 403:
      if (isLocal) return 'auth';
      return QUOTA.test(haystack) ? 'quota' : 'auth';
    case 404:
      return 'model-not-found';
    case 408:
    case 409:
    case 500:
    case 502:
    case 504:
      return 'server';
    case 413:
      return 'context-too-long';
    case 429:
      return QUOTA.test(haystack) && !SHORT_WINDOW_LIMIT.test(haystack) ? 'quota' : 'rate-limited';
    case 503:
    case 529:
      return 'overloaded';
    case 400:
    case 422:
      if (CONTEXT_TOO_LONG.test(haystack)) return 'context-too-long';
      if (CONTENT_POLICY.test(haystack)) return 'content-policy';
      if (MODEL_NOT_FOUND.test(haystack)) return 'model-not-found';
      return 'bad-request';
    default:
      if (status >= 500) return 'server';
      if (status >= 400) return 'bad-request';
      return 'unknown';
  }
}

/** Parses `retry-after-ms` / `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
