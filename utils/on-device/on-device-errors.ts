// The on-device tier's failures: what the built-in APIs throw (DOMExceptions by name) mapped to the shared error, in plain words.
import { createLlmError, type LlmError, type LlmErrorKind } from '../llm/errors';

/** The name errors and status lines use for this tier. */
const ON_DEVICE_PROVIDER = 'On-device AI';

/** A failure with its user-facing error, thrown inside a run and turned into the `error` part. */
export class OnDeviceFailure extends Error {
  constructor(readonly error: LlmError) {
    super(error.message);
  }
}

export function failure(kind: LlmErrorKind, message: string): OnDeviceFailure {
  return new OnDeviceFailure({ ...createLlmError(kind, ON_DEVICE_PROVIDER), message });
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new OnDeviceFailure(createLlmError('aborted', ON_DEVICE_PROVIDER));
}

/** The `name` of what was thrown: DOMExceptions are told apart by it, not by class. */
export const nameOf = (cause: unknown): string =>
  typeof cause === 'object' && cause !== null && typeof (cause as { name?: unknown }).name === 'string' ? (cause as { name: string }).name : '';

/** Maps what the built-in APIs throw (DOMExceptions by name) to the shared error, in plain words. */
export function onDeviceErrorOf(cause: unknown, signal?: AbortSignal): LlmError {
  if (cause instanceof OnDeviceFailure) return cause.error;
  if (signal?.aborted) return createLlmError('aborted', ON_DEVICE_PROVIDER);
  switch (nameOf(cause)) {
    case 'AbortError':
      return createLlmError('aborted', ON_DEVICE_PROVIDER);
    case 'QuotaExceededError':
      return failure('context-too-long', 'The text is too long for on-device AI.').error;
    case 'NotReadableError':
      return failure('content-policy', "On-device AI stopped its answer: the browser's safety check did not let it through.").error;
    case 'NotSupportedError':
      return failure('bad-request', 'On-device AI cannot do this: the language or the kind of answer is not supported.').error;
    case 'NotAllowedError':
      return failure(
        'not-permitted',
        'The browser did not let on-device AI start. Your organization may have turned it off, or it needs to be enabled in Lifeline settings.',
      ).error;
    case 'InvalidStateError':
      return failure('unknown', 'On-device AI could not start on this device right now.').error;
    default:
      return createLlmError('unknown', ON_DEVICE_PROVIDER);
  }
}
