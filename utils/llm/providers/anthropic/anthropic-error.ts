// Maps what @anthropic-ai/sdk throws (HTTP errors, in-stream error events, transport failures) to an LlmError.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { parseRetryAfterMs } from '../../classify-provider-error';
import { createLlmError, type LlmError } from '../../errors';
import { abortedError, classifyApiFailure, classifyCommonFailure, transportError, type FailureContext } from '../provider-failure';

export function anthropicErrorToLlmError(error: unknown, context: FailureContext): LlmError {
  const common = classifyCommonFailure(error, context);
  if (common) return common;
  if (error instanceof APIUserAbortError) return abortedError(context.entry);
  if (error instanceof APIConnectionTimeoutError) return createLlmError('timeout-headers', context.entry.name);
  if (error instanceof APIConnectionError) return transportError(context);
  if (error instanceof APIError) {
    // `status` is undefined for an `event: error` inside a 200 stream: the body's `type` then decides.
    return classifyApiFailure(context, {
      ...(error.status !== undefined ? { status: error.status } : {}),
      codes: [error.type, error.errorCode],
      ...(error.apiMessage ? { providerMessage: error.apiMessage } : {}),
      ...retryAfter(error.headers),
    });
  }
  return createLlmError('unknown', context.entry.name);
}

function retryAfter(headers: Headers | undefined): { retryAfterMs?: number } {
  const retryAfterMs = parseRetryAfterMs(headers);
  return retryAfterMs === undefined ? {} : { retryAfterMs };
}
