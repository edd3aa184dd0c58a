// The on-device tier: runs a task on the browser's built-in AI (Summarizer, Prompt, Rewriter) and yields the router's parts.
// It never starts a model download (that needs a click on the options page) and never sends anything off the computer.
import type { TaskRequest } from '../jobs/task';
import type { EntryLabel, RouterStreamPart } from '../llm/types';
import type { BuiltInAi } from './built-in-ai';
import { chatOnDevice } from './chat-on-device';
import { failure, onDeviceErrorOf, throwIfAborted } from './on-device-errors';
import { Sessions, type OnDeviceRun } from './on-device-sessions';
import { rewriteOnDevice } from './rewrite-on-device';
import { summarizeOnDevice } from './summarize-on-device';

export const ON_DEVICE_LABEL: EntryLabel = { id: 'on-device', name: 'On-device AI', model: 'built-in', tier: 'on-device' };

export type RunOnDeviceOptions = Pick<OnDeviceRun, 'uiLanguage'>;

function partsOf(task: TaskRequest, run: OnDeviceRun): AsyncGenerator<RouterStreamPart> {
  switch (task.kind) {
    case 'summarize-page':
    case 'summarize-selection':
      return summarizeOnDevice(task, run);
    case 'rewrite-selection':
      return rewriteOnDevice(task, run);
    case 'chat':
      return chatOnDevice(task, run);
  }
}

/**
 * Runs `task` on the built-in AI of `ai`: `attempt`, then text deltas (and, for a summary read in parts, `progress` and
 * `coverage`), then `finish`; or an `error` in plain words when it cannot run: the API is missing, the model is not
 * downloaded (this never starts a download), the language is not supported, the text does not fit, or it is stopped.
 * Every session it creates is destroyed before it returns.
 */
export async function* runOnDevice(
  task: TaskRequest,
  ai: BuiltInAi,
  signal: AbortSignal,
  options: RunOnDeviceOptions,
): AsyncGenerator<RouterStreamPart> {
  yield { type: 'attempt', entry: ON_DEVICE_LABEL, attempt: 1 };
  const sessions = new Sessions();
  let wrote = false;
  try {
    throwIfAborted(signal);
    for await (const part of partsOf(task, { ai, signal, sessions, uiLanguage: options.uiLanguage })) {
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        if (part.text.trim()) wrote = true;
      }
      yield part;
    }
    throwIfAborted(signal);
    if (!wrote) throw failure('malformed', 'On-device AI gave an empty answer.');
  } catch (cause) {
    yield { type: 'error', error: onDeviceErrorOf(cause, signal), failures: [] };
    return;
  } finally {
    sessions.closeAll();
  }
  yield { type: 'finish', finishReason: 'stop', usage: {}, answeredBy: ON_DEVICE_LABEL, failures: [] };
}
