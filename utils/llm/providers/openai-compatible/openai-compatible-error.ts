// Maps what the openai SDK throws (HTTP errors, mid-stream error chunks, transport failures) to an LlmError.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { parseRetryAfterMs } from '../../classify-provider-error';
import { createLlmError, type LlmError } from '../../errors';
import { abortedError, classifyApiFailure, classifyCommonFailure, transportError, type FailureContext } from '../provider-failure';

interface ErrorBody {
  message?: unknown;
  code?: unknown;
  type?: unknown;
  status?: unknown;
}

export function openAiCompatibleErrorToLlmError(error: unknown, context: FailureContext): LlmError {
  const common = classifyCommonFailure(error, context);
  if (common) return common;
  if (error instanceof APIUserAbortError) return abortedError(context.entry);
  if (error instanceof APIConnectionTimeoutError) return createLlmError('timeout-headers', context.entry.name);
  if (error instanceof APIConnectionError) return transportError(context);
  if (error instanceof APIError) return classifyApiError(error, context);
  return createLlmError('unknown', context.entry.name);
}

function classifyApiError(error: APIError, context: FailureContext): LlmError {
  const body = errorBodyOf(error.error);
  // A mid-stream error chunk (OpenRouter) has no HTTP status but may carry one as a numeric `code`.
  const status = error.status ?? httpStatusFrom(body.code);
  const retryAfterMs = parseRetryAfterMs(error.headers);
  return classifyApiFailure(context, {
    ...(status !== undefined ? { status } : {}),
    codes: [stringOrUndefined(body.code), stringOrUndefined(body.type), stringOrUndefined(body.status)],
    ...(typeof body.message === 'string' && body.message ? { providerMessage: body.message } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** The SDK keeps the body's `error` object; Gemini sends `[{"error": {...}}]` and some gateways a bare string. */
function errorBodyOf(raw: unknown): ErrorBody {
  if (typeof raw === 'string') return { message: raw };
  if (Array.isArray(raw)) {
    const first: unknown = raw[0];
    const inner = isRecord(first) && isRecord(first['error']) ? first['error'] : first;
    return isRecord(inner) ? inner : {};
  }
  return isRecord(raw) ? raw : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function httpStatusFrom(code: unknown): number | undefined {
  const numeric = typeof code === 'string' ? Number(code) : code;
  return typeof numeric === 'number' && Number.isInteger(numeric) && numeric >= 400 && numeric < 600 ? numeric : undefined;
}
