// The one error type of the LLM layer: classified, serialisable data with a plain-words message for users.

export type LlmErrorKind =
  | 'aborted'
  | 'offline'
  | 'not-permitted'
  | 'network'
  | 'timeout-headers'
  | 'timeout-first-token'
  | 'stalled'
  | 'rate-limited'
  | 'quota'
  | 'auth'
  | 'model-not-found'
  | 'context-too-long'
  | 'bad-request'
  | 'content-policy'
  | 'overloaded'
  | 'server'
  | 'stream-cut'
  | 'malformed'
  | 'no-provider'
  | 'locked'
  | 'site-blocked'
  /** Every provider failed and no on-device model could answer: nothing was changed. */
  | 'unreachable'
  | 'unknown';

export interface LlmError {
  kind: LlmErrorKind;
  /** The provider's display name, or "Lifeline" for errors that belong to no provider. */
  provider: string;
  status?: number;
  /** Worth another try on the same entry after a short delay. */
  retryable: boolean;
  /** Plain words for the user; built from the classification, never from raw provider text alone. */
  message: string;
  /** The provider's own reason, redacted, when it helps the user (bad request, content policy). */
  providerReason?: string;
  retryAfterMs?: number;
}

const KEY_LIKE = /\b(sk-[A-Za-z0-9_*.-]{4,}|sk-ant-[A-Za-z0-9_*.-]+|AIza[0-9A-Za-z_-]{10,}|gsk_[A-Za-z0-9]{8,}|xai-[A-Za-z0-9]{8,}|[A-Za-z0-9_-]{32,})\b/g;

/** Removes anything that looks like an API key from provider text before a user or a log sees it. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(KEY_LIKE, '[redacted]');
}

const RETRYABLE_KINDS: ReadonlySet<LlmErrorKind> = new Set(['network', 'overloaded', 'server', 'rate-limited']);

/** A 503 is "unavailable"; "overloaded" is the word of 529 and Anthropic's `overloaded_error`. Both fail over alike. */
const UNAVAILABLE = 503;

export function userMessageFor(kind: LlmErrorKind, provider: string, status?: number): string {
  const code = status ? ` (${status})` : '';
  switch (kind) {
    case 'aborted':
      return 'Stopped.';
    case 'offline':
      return 'You are offline. Lifeline will be able to retry when the connection is back.';
    case 'not-permitted':
      return `Lifeline has no permission to reach ${provider}. Grant access in settings.`;
    case 'network':
      return `Could not reach ${provider}: the connection failed.`;
    case 'timeout-headers':
      return `${provider} did not respond in time.`;
    case 'timeout-first-token':
      return `${provider} accepted the request but sent nothing in time.`;
    case 'stalled':
      return `${provider} stopped sending in the middle of the answer.`;
    case 'rate-limited':
      return `${provider} is rate limiting requests${code}.`;
    case 'quota':
      return `${provider} reports the quota or billing limit is exhausted${code}. Check your plan in the provider's console.`;
    case 'auth':
      return `${provider} rejected the key${code}. Check the key in settings.`;
    case 'model-not-found':
      return `${provider} does not know this model${code}. Check the model name in settings.`;
    case 'context-too-long':
      return `The text is too long for ${provider}'s model.`;
    case 'bad-request':
      return `${provider} refused the request${code}.`;
    case 'content-policy':
      return `${provider} declined this content under its usage policy.`;
    case 'overloaded':
      return status === UNAVAILABLE ? `${provider} is unavailable${code}.` : `${provider} is overloaded${code}.`;
    case 'server':
      return `${provider} had a server error${code}.`;
    case 'stream-cut':
      return `${provider}'s answer was cut off before it ended.`;
    case 'malformed':
      return `${provider} sent a response Lifeline could not read.`;
    case 'no-provider':
      return 'No AI provider is set up yet. Add one in settings.';
    case 'locked':
      return 'Lifeline is locked: your keys are protected by a passphrase. Unlock it in Lifeline settings.';
    case 'site-blocked':
      return 'You asked Lifeline never to send pages of this site to an AI provider. Change this in settings.';
    case 'unreachable':
      return 'No AI could be reached: every provider failed and no on-device model could answer. Nothing was changed; retry in a moment.';
    case 'unknown':
      return `${provider} failed unexpectedly${code}.`;
    default:
      return assertNever(kind);
  }
}

export function createLlmError(
  kind: LlmErrorKind,
  provider: string,
  extra: Partial<Pick<LlmError, 'status' | 'providerReason' | 'retryAfterMs'>> = {},
): LlmError {
  return {
    kind,
    provider,
    retryable: RETRYABLE_KINDS.has(kind),
    message: userMessageFor(kind, provider, extra.status),
    ...extra,
  };
}

const SHORT_LABELS: Record<LlmErrorKind, string> = {
  aborted: 'stopped',
  offline: 'offline',
  'not-permitted': 'no permission',
  network: 'network error',
  'timeout-headers': 'no response',
  'timeout-first-token': 'no first token in time',
  stalled: 'stalled mid-answer',
  'rate-limited': 'rate limited',
  quota: 'quota exhausted',
  auth: 'key rejected',
  'model-not-found': 'model not found',
  'context-too-long': 'input too long',
  'bad-request': 'bad request',
  'content-policy': 'content policy',
  overloaded: 'overloaded',
  server: 'server error',
  'stream-cut': 'cut off',
  malformed: 'unreadable response',
  'no-provider': 'no provider',
  locked: 'locked',
  unreachable: 'no AI reachable',
  'site-blocked': 'site on the never-send list',
  unknown: 'error',
};

/** The cause in a word or two, without the status: "overloaded", "unavailable" (a 503), "key rejected". */
export function reasonWords(error: Pick<LlmError, 'kind' | 'status'>): string {
  return error.kind === 'overloaded' && error.status === UNAVAILABLE ? 'unavailable' : SHORT_LABELS[error.kind];
}

/** A short label for status lines: "529 overloaded", "503 unavailable", "network error", "401 key rejected". */
export function shortReason(error: Pick<LlmError, 'kind' | 'status'>): string {
  const label = reasonWords(error);
  return error.status ? `${error.status} ${label}` : label;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
