// What the browser's built-in AI offers here, and turning it on: the one-time model download, started from a click.
import type {
  BuiltInAi,
  BuiltInAvailability,
  DownloadMonitor,
  LanguageModelOptions,
  RewriterOptions,
  SummarizerOptions,
} from './built-in-ai';

/** 'missing': this browser does not have the API at all (another browser, an older Chrome, or it is switched off). */
export type OnDeviceAvailability = BuiltInAvailability | 'missing';

export interface OnDeviceStatus {
  summarizer: OnDeviceAvailability;
  languageModel: OnDeviceAvailability;
  rewriter: OnDeviceAvailability;
}

export type OnDeviceApi = keyof OnDeviceStatus;

/** In download order: the Prompt API's model first, which the others build on. */
export const ON_DEVICE_APIS: readonly OnDeviceApi[] = ['languageModel', 'summarizer', 'rewriter'];

/** The options Lifeline checks and downloads with: English in and out (the same shape runOnDevice creates sessions with). */
export const STATUS_OPTIONS = {
  summarizer: { type: 'key-points', format: 'markdown', length: 'medium', expectedInputLanguages: ['en'], outputLanguage: 'en' } satisfies SummarizerOptions,
  languageModel: {
    expectedInputs: [{ type: 'text', languages: ['en'] }],
    expectedOutputs: [{ type: 'text', languages: ['en'] }],
  } satisfies LanguageModelOptions,
  rewriter: { tone: 'as-is', format: 'as-is', length: 'as-is', expectedInputLanguages: ['en'], outputLanguage: 'en' } satisfies RewriterOptions,
};

async function availabilityOf(ai: BuiltInAi, api: OnDeviceApi): Promise<OnDeviceAvailability> {
  try {
    switch (api) {
      case 'summarizer':
        return ai.Summarizer ? await ai.Summarizer.availability(STATUS_OPTIONS.summarizer) : 'missing';
      case 'languageModel':
        return ai.LanguageModel ? await ai.LanguageModel.availability(STATUS_OPTIONS.languageModel) : 'missing';
      case 'rewriter':
        return ai.Rewriter ? await ai.Rewriter.availability(STATUS_OPTIONS.rewriter) : 'missing';
    }
  } catch {
    // A context that exposes the API but cannot use it (a blocked frame, a policy): as good as unavailable.
    return 'unavailable';
  }
}

/** What each built-in API can do here now. Never starts a download. */
export async function onDeviceStatus(ai: BuiltInAi): Promise<OnDeviceStatus> {
  const [summarizer, languageModel, rewriter] = await Promise.all([
    availabilityOf(ai, 'summarizer'),
    availabilityOf(ai, 'languageModel'),
    availabilityOf(ai, 'rewriter'),
  ]);
  return { summarizer, languageModel, rewriter };
}

/** Something a click can start or is already under way. */
export const needsDownload = (availability: OnDeviceAvailability): boolean => availability === 'downloadable' || availability === 'downloading';

interface Created {
  destroy(): void;
}

function create(ai: BuiltInAi, api: OnDeviceApi, monitor: (m: DownloadMonitor) => void, signal?: AbortSignal): Promise<Created> {
  const common = { monitor, ...(signal ? { signal } : {}) };
  switch (api) {
    case 'summarizer':
      return ai.Summarizer ? ai.Summarizer.create({ ...STATUS_OPTIONS.summarizer, ...common }) : Promise.reject(new Error('missing'));
    case 'languageModel':
      return ai.LanguageModel ? ai.LanguageModel.create({ ...STATUS_OPTIONS.languageModel, ...common }) : Promise.reject(new Error('missing'));
    case 'rewriter':
      return ai.Rewriter ? ai.Rewriter.create({ ...STATUS_OPTIONS.rewriter, ...common }) : Promise.reject(new Error('missing'));
  }
}

const nameOf = (cause: unknown): string =>
  typeof cause === 'object' && cause !== null && typeof (cause as { name?: unknown }).name === 'string' ? (cause as { name: string }).name : '';

export const ENABLE_BUTTON_LABEL = 'Enable on-device AI';

/** What went wrong with a download, in plain words. */
export function enableFailureMessage(cause: unknown, aborted = false): string {
  if (aborted) return `The download was stopped. Click “${ENABLE_BUTTON_LABEL}” to continue it.`;
  switch (nameOf(cause)) {
    case 'NotAllowedError':
      return `The browser starts this download only right after a click on “${ENABLE_BUTTON_LABEL}” in Lifeline settings. Click it again.`;
    case 'AbortError':
      return `The download was stopped. Click “${ENABLE_BUTTON_LABEL}” to continue it.`;
    case 'NetworkError':
      return 'The download failed. Check the connection (the browser downloads its model only on an unmetered connection) and try again.';
    case 'NotSupportedError':
      return 'This device or browser cannot run on-device AI.';
    case 'InvalidStateError':
      return 'The browser could not start on-device AI on this device. Try again later.';
    default:
      return 'The download did not finish. Try again later.';
  }
}

/**
 * Downloads the model of every API that needs it, so that on-device AI can answer. Call it straight from a click handler
 * on an extension page: the browser starts a download only with the user's gesture. `onProgress` gets the combined share
 * downloaded, 0..1, never going back. Each session it creates is destroyed at once: only the download is wanted.
 * Resolves { ok: true } when nothing is left to download, else with what went wrong in plain words.
 */
export async function enableOnDevice(
  ai: BuiltInAi,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const status = await onDeviceStatus(ai);
  const wanted = ON_DEVICE_APIS.filter((api) => needsDownload(status[api]));
  if (wanted.length === 0) {
    if (ON_DEVICE_APIS.some((api) => status[api] === 'available')) {
      onProgress(1);
      return { ok: true };
    }
    if (ON_DEVICE_APIS.every((api) => status[api] === 'missing')) return { ok: false, message: 'This browser has no on-device AI.' };
    return { ok: false, message: 'On-device AI is not available on this device or browser.' };
  }

  const shares = new Map<OnDeviceApi, number>(wanted.map((api) => [api, 0]));
  let reported = -1;
  const report = (): void => {
    if (shares.size === 0) return;
    const combined = [...shares.values()].reduce((sum, share) => sum + share, 0) / shares.size;
    if (combined > reported) {
      reported = combined;
      onProgress(combined);
    }
  };
  report();

  let done = 0;
  let firstFailure: unknown;
  let refusedAfterDownload = false;
  for (const api of wanted) {
    if (signal?.aborted) return { ok: false, message: enableFailureMessage(signal.reason, true) };
    // An earlier download may have brought this one's model too.
    const now = done > 0 ? await availabilityOf(ai, api) : status[api];
    if (now === 'available') {
      shares.set(api, 1);
      report();
      done++;
      continue;
    }
    if (!needsDownload(now)) {
      // Became unavailable meanwhile (a policy, disk space): nothing a click can do; the status will say so.
      shares.delete(api);
      continue;
    }
    const monitor = (m: DownloadMonitor): void => {
      m.addEventListener('downloadprogress', (event) => {
        const loaded = Number.isFinite(event.loaded) ? Math.min(1, Math.max(0, event.loaded)) : 0;
        shares.set(api, Math.max(shares.get(api) ?? 0, loaded));
        report();
      });
    };
    try {
      const session = await create(ai, api, monitor, signal);
      try {
        session.destroy();
      } catch {
        // Only the download was wanted.
      }
      shares.set(api, 1);
      report();
      done++;
    } catch (cause) {
      if (signal?.aborted || nameOf(cause) === 'AbortError') return { ok: false, message: enableFailureMessage(cause, true) };
      // A click allows one download in browsers that use up the gesture: the next click starts the next one.
      if (nameOf(cause) === 'NotAllowedError' && done > 0) refusedAfterDownload = true;
      else firstFailure ??= cause;
    }
  }
  if (firstFailure !== undefined) return { ok: false, message: enableFailureMessage(firstFailure) };
  if (refusedAfterDownload) return { ok: false, message: `Part of on-device AI is ready. Click “${ENABLE_BUTTON_LABEL}” again to download the rest.` };
  return { ok: true };
}
