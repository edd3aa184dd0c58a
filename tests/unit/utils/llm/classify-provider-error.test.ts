// Unit tests: provider failure classification and Retry-After parsing.
import { describe, expect, it } from 'vitest';
import {
  classifyProviderFailure,
  parseRetryAfterMs,
  type ProviderFailureFacts,
} from '../../../../utils/llm/classify-provider-error';
import { shortReason, type LlmErrorKind } from '../../../../utils/llm/errors';

type Case = { name: string; facts: Omit<ProviderFailureFacts, 'provider'>; kind: LlmErrorKind; retryable: boolean };

const cases: Case[] = [
  { name: '401', facts: { status: 401, codes: ['invalid_api_key'] }, kind: 'auth', retryable: false },
  { name: '403', facts: { status: 403, codes: ['permission_error'] }, kind: 'auth', retryable: false },
  { name: '403 from a local server', facts: { status: 403, isLocalEndpoint: true }, kind: 'auth', retryable: false },
  { name: '402', facts: { status: 402 }, kind: 'quota', retryable: false },
  { name: '404', facts: { status: 404, codes: ['model_not_found'] }, kind: 'model-not-found', retryable: false },
  { name: '408', facts: { status: 408 }, kind: 'server', retryable: true },
  { name: '409', facts: { status: 409 }, kind: 'server', retryable: true },
  {
    name: '429 rate limit',
    facts: { status: 429, codes: ['rate_limit_exceeded'], providerMessage: 'Rate limit reached for requests per min' },
    kind: 'rate-limited',
    retryable: true,
  },
  {
    name: '429 insufficient_quota',
    facts: {
      status: 429,
      codes: ['insufficient_quota'],
      providerMessage: 'You exceeded your current quota, please check your plan and billing details.',
    },
    kind: 'quota',
    retryable: false,
  },
  {
    name: '429 Gemini per-minute RESOURCE_EXHAUSTED',
    facts: { status: 429, codes: ['RESOURCE_EXHAUSTED'], providerMessage: 'Resource has been exhausted (e.g. check quota).' },
    kind: 'rate-limited',
    retryable: true,
  },
  {
    name: '429 Gemini daily quota',
    facts: {
      status: 429,
      codes: ['RESOURCE_EXHAUSTED'],
      providerMessage: 'Quota exceeded for metric: generate_content_free_tier_requests, limit: 50 per day.',
    },
    kind: 'quota',
    retryable: false,
  },
  { name: '500', facts: { status: 500 }, kind: 'server', retryable: true },
  { name: '502', facts: { status: 502 }, kind: 'server', retryable: true },
  { name: '503', facts: { status: 503 }, kind: 'overloaded', retryable: true },
  { name: '504', facts: { status: 504 }, kind: 'server', retryable: true },
  { name: '529', facts: { status: 529, codes: ['overloaded_error'] }, kind: 'overloaded', retryable: true },
  { name: 'overloaded_error with no status', facts: { codes: ['overloaded_error'] }, kind: 'overloaded', retryable: true },
  { name: 'api_error with no status', facts: { codes: ['api_error'] }, kind: 'server', retryable: true },
  {
    name: '400 context_length_exceeded',
    facts: { status: 400, codes: ['context_length_exceeded'], providerMessage: "This model's maximum context length is 128000 tokens." },
    kind: 'context-too-long',
    retryable: false,
  },
  {
    name: '400 prompt too long in words only',
    facts: { status: 400, codes: ['invalid_request_error'], providerMessage: 'prompt is too long: 210000 tokens > 200000 maximum' },
    kind: 'context-too-long',
    retryable: false,
  },
  {
    name: '400 content_policy_violation',
    facts: { status: 400, codes: ['content_policy_violation'], providerMessage: 'Your request was rejected by the safety system.' },
    kind: 'content-policy',
    retryable: false,
  },
  {
    name: '400 other',
    facts: { status: 400, codes: ['invalid_request_error'], providerMessage: 'temperature: must be <= 2' },
    kind: 'bad-request',
    retryable: false,
  },
  { name: '422', facts: { status: 422, providerMessage: 'messages: field required' }, kind: 'bad-request', retryable: false },
  { name: 'no status and no code', facts: {}, kind: 'unknown', retryable: false },
];

describe('classifyProviderFailure', () => {
  it.each(cases)('should classify $name as $kind', ({ facts, kind, retryable }) => {
    const input: ProviderFailureFacts = { provider: 'Test AI', ...facts };

    const error = classifyProviderFailure(input);

    expect(error).toMatchObject({ kind, retryable, provider: 'Test AI' });
    expect(error.status).toBe(facts.status);
    expect(error.message).toContain('Test AI');
  });

  it('should explain a localhost 403 as the server refusing the extension, not a bad key', () => {
    const facts: ProviderFailureFacts = { provider: 'Ollama', status: 403, isLocalEndpoint: true };

    const error = classifyProviderFailure(facts);

    expect(error.message).toContain('OLLAMA_ORIGINS');
    expect(error.message).not.toContain('Check the key');
  });

  it('should redact the known key and key-like text from the provider reason', () => {
    const secret = 'my-own-secret-key-value';
    const facts: ProviderFailureFacts = {
      provider: 'OpenAI',
      status: 401,
      providerMessage: `Incorrect API key provided: sk-...abcd (you sent ${secret})`,
      secrets: [secret],
    };

    const error = classifyProviderFailure(facts);

    expect(error.providerReason).toBeDefined();
    expect(JSON.stringify(error)).not.toContain('abcd');
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it.each([
    [{ status: 503 }, '503 unavailable', 'OpenAI is unavailable (503).'],
    [{ status: 503, codes: ['overloaded_error'] }, '503 unavailable', 'OpenAI is unavailable (503).'],
    [{ status: 529, codes: ['overloaded_error'] }, '529 overloaded', 'OpenAI is overloaded (529).'],
    [{ codes: ['overloaded_error'] }, 'overloaded', 'OpenAI is overloaded.'],
  ])('should word %j as "%s"', (facts, short, message) => {
    const error = classifyProviderFailure({ provider: 'OpenAI', ...facts });

    expect(shortReason(error)).toBe(short);
    expect(error.message).toBe(message);
  });

  it('should carry retryAfterMs through', () => {
    const facts: ProviderFailureFacts = { provider: 'OpenAI', status: 429, retryAfterMs: 1_500 };

    const error = classifyProviderFailure(facts);

    expect(error.retryAfterMs).toBe(1_500);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  const retryCases: { name: string; headers: Record<string, string>; expected: number | undefined }[] = [
    { name: 'seconds', headers: { 'retry-after': '2' }, expected: 2_000 },
    { name: 'fractional seconds', headers: { 'retry-after': '0.5' }, expected: 500 },
    { name: 'a retry-after-ms header', headers: { 'retry-after-ms': '750' }, expected: 750 },
    { name: 'retry-after-ms over retry-after', headers: { 'retry-after-ms': '250', 'retry-after': '9' }, expected: 250 },
    { name: 'an HTTP date', headers: { 'retry-after': 'Sun, 22 Nov 2026 10:00:03 GMT' }, expected: 3_000 },
    { name: 'an HTTP date in the past', headers: { 'retry-after': 'Sun, 22 Nov 2026 09:59:00 GMT' }, expected: 0 },
    { name: 'garbage', headers: { 'retry-after': 'soon' }, expected: undefined },
    { name: 'no header', headers: {}, expected: undefined },
  ];

  it.each(retryCases)('should parse $name', ({ headers, expected }) => {
    const input = new Headers(headers);

    const result = parseRetryAfterMs(input, now);

    expect(result).toBe(expected);
  });

  it('should return undefined without headers', () => {
    const result = parseRetryAfterMs(undefined);

    expect(result).toBeUndefined();
  });
});
