// Failures every adapter classifies the same way: caller aborts, cuts after headers, unreadable events, plain fetch errors.
import type { ChainEntry } from '../types';
import { classifyProviderFailure, type ProviderFailureFacts } from '../classify-provider-error';
import { createLlmError, type LlmError } from '../errors';

export interface FailureContext {
  entry: ChainEntry;
  /** The caller's signal: once aborted, every failure is reported as `aborted`. */
  signal: AbortSignal;
  /** Response headers arrived: a transport failure from now on cuts an answer instead of preventing it. */
  headersReceived: boolean;
}

const LOCAL_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLocalEndpoint(baseURL: string): boolean {
  try {
    return LOCAL_HOSTNAMES.has(new URL(baseURL).hostname);
  } catch {
    return false;
  }
}

export function abortedError(entry: ChainEntry): LlmError {
  return createLlmError('aborted', entry.name);
}

export function streamCutError(entry: ChainEntry): LlmError {
  return createLlmError('stream-cut', entry.name);
}

/** Classifies a failure that is not an SDK `APIError`, or returns undefined when the SDK mapper must decide. */
export function classifyCommonFailure(error: unknown, context: FailureContext): LlmError | undefined {
  const { entry } = context;
  if (context.signal.aborted) return abortedError(entry);
  if (error instanceof SyntaxError) return createLlmError('malformed', entry.name);
  // A browser fetch rejects with TypeError ("Failed to fetch"); undici with TypeError ("terminated") mid-body.
  if (error instanceof TypeError) return transportError(context);
  return undefined;
}

/** A connection that failed before headers is a network error; after headers it cut the answer short. */
export function transportError(context: FailureContext): LlmError {
  return context.headersReceived ? streamCutError(context.entry) : createLlmError('network', context.entry.name);
}

/** Classifies an HTTP or in-stream API error from facts an SDK mapper extracted; adds redaction and locality. */
export function classifyApiFailure(
  context: FailureContext,
  facts: Omit<ProviderFailureFacts, 'provider' | 'secrets' | 'isLocalEndpoint'>,
): LlmError {
  return classifyProviderFailure({
    ...facts,
    provider: context.entry.name,
    secrets: [context.entry.apiKey],
    isLocalEndpoint: isLocalEndpoint(context.entry.baseURL),
  });
}
