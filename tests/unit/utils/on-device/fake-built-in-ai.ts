// A configurable fake of Chrome's built-in AI globals (Summarizer, LanguageModel, Rewriter) as Lifeline types them:
// availability states per API, a user-activation flag create() needs while 'downloadable', download progress, an input
// quota measured at 1 token per 4 characters, supported languages, streaming deltas, abort, and a record of every call.
import type {
  BuiltInAi,
  BuiltInAvailability,
  BuiltInLanguageModel,
  BuiltInRewriter,
  BuiltInSummarizer,
  DownloadMonitor,
  LanguageModelGlobal,
  LanguageModelMessage,
  LanguageModelOptions,
  RewriterGlobal,
  RewriterOptions,
  SummarizerGlobal,
  SummarizerOptions,
} from '@/utils/on-device/built-in-ai';

export type FakeApiName = 'summarizer' | 'languageModel' | 'rewriter';

export type FakeMethod =
  | 'availability'
  | 'create'
  | 'measureInputUsage'
  | 'measureContextUsage'
  | 'summarize'
  | 'summarizeStreaming'
  | 'prompt'
  | 'promptStreaming'
  | 'rewrite'
  | 'rewriteStreaming'
  | 'destroy';

export interface FakeCall {
  api: FakeApiName;
  method: FakeMethod;
  /** The session the call was made on (not for availability and create). */
  session?: number;
  input?: string;
  context?: string;
  /** availability() and create() options (signal and monitor left out). */
  options?: Record<string, unknown>;
}

/** What a response function is asked to answer. */
export interface FakeRequest {
  api: FakeApiName;
  method: FakeMethod;
  input: string;
  context?: string;
  /** The options the session was created with (initialPrompts included for the Prompt API). */
  options: Record<string, unknown>;
  session: number;
}

export interface FakeApiConfig {
  /** Default 'available'. */
  availability?: BuiltInAvailability;
  /** Tokens: the Summarizer's and Rewriter's inputQuota, the Prompt API's context window. Default 4000. */
  inputQuota?: number;
  /** Base language codes the model supports. Default en, es, ja. */
  languages?: readonly string[];
  /** The answer to a request. Defaults name the API and the input's size. */
  respond?: (request: FakeRequest) => string;
  /** Characters per streamed delta. Default 4. */
  deltaChars?: number;
  /** `loaded` values of the downloadprogress events a download fires. Default 0, 0.25, 0.5, 0.75, 1. */
  downloadProgress?: readonly number[];
  /** Awaited before each download progress event: a test can hold a download half-way. */
  beforeProgress?: (loaded: number) => Promise<void> | void;
  /** A download ends with this error instead of the model (e.g. a NetworkError DOMException). */
  downloadError?: Error;
  /** Every summarize / prompt / rewrite call fails with this error. */
  runError?: Error;
  /** Tokens a text takes (measureInputUsage, the quota checks). Default `fakeTokens`: 1 per 4 characters. */
  tokenize?: (text: string) => number;
  /** Prompt API only: expose the pre-2026 names (inputQuota, inputUsage, measureInputUsage) instead of the new ones. */
  legacyNames?: boolean;
}

export interface FakeBuiltInAiConfig {
  /** `false`: the global does not exist in this browser. */
  summarizer?: FakeApiConfig | false;
  languageModel?: FakeApiConfig | false;
  rewriter?: FakeApiConfig | false;
  /** Whether the page has (transient) user activation: create() needs it while 'downloadable'. Default false. */
  userActivation?: boolean;
  /** Whether a create() that needed the activation uses it up (Chrome without AIRelaxUserActivationReqs). Default false. */
  consumeActivation?: boolean;
}

export interface FakeSessionRecord {
  id: number;
  api: FakeApiName;
  options: Record<string, unknown>;
  destroyed: boolean;
}

export interface FakeBuiltInAi {
  ai: BuiltInAi;
  calls: FakeCall[];
  sessions: FakeSessionRecord[];
  /** The calls of one API, optionally of one method. */
  callsOf(api: FakeApiName, method?: FakeMethod): FakeCall[];
  /** The API's own state, regardless of languages. */
  stateOf(api: FakeApiName): BuiltInAvailability;
  setState(api: FakeApiName, state: BuiltInAvailability): void;
  userActivation: boolean;
  /** Puts the globals on `scope` (globalThis by default), as a browser would; returns a function that removes them. */
  install(scope?: object): () => void;
}

/** The fake's token count: 1 token per 4 characters, rounded up. */
export const fakeTokens = (text: string): number => Math.ceil(text.length / 4);

const DEFAULT_LANGUAGES = ['en', 'es', 'ja'];
const DEFAULT_PROGRESS = [0, 0.25, 0.5, 0.75, 1];

const domError = (name: string, message: string): DOMException => new DOMException(message, name);

const defaultResponse = (request: FakeRequest): string => {
  switch (request.api) {
    case 'summarizer':
      return `- Summary of ${fakeTokens(request.input)} tokens.`;
    case 'languageModel':
      return `Model answer to ${fakeTokens(request.input)} tokens.`;
    case 'rewriter':
      return `Rewritten: ${request.input}`;
  }
};

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? domError('AbortError', 'The operation was aborted.');
}

/** Every language an options object names. */
function languagesOf(options: Record<string, unknown> | undefined): string[] {
  if (!options) return [];
  const out: string[] = [];
  for (const key of ['expectedInputLanguages', 'expectedContextLanguages']) {
    const list = options[key];
    if (Array.isArray(list)) out.push(...list.map(String));
  }
  if (typeof options['outputLanguage'] === 'string') out.push(options['outputLanguage']);
  for (const key of ['expectedInputs', 'expectedOutputs']) {
    const list = options[key];
    if (Array.isArray(list)) for (const item of list as { languages?: unknown }[]) if (Array.isArray(item.languages)) out.push(...item.languages.map(String));
  }
  return out;
}

/** Structurally valid BCP 47 (simplified): a bad tag makes Chrome reject with a RangeError. */
const VALID_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** Options without the signal and monitor, for the call record. */
function recordable(options: object | undefined): Record<string, unknown> {
  if (!options) return {};
  const { signal: _signal, monitor: _monitor, ...rest } = options as Record<string, unknown>;
  return rest;
}

export function createFakeBuiltInAi(config: FakeBuiltInAiConfig = {}): FakeBuiltInAi {
  const calls: FakeCall[] = [];
  const sessions: FakeSessionRecord[] = [];
  const states = new Map<FakeApiName, BuiltInAvailability>();
  const configs = new Map<FakeApiName, FakeApiConfig>();
  const downloads = new Map<FakeApiName, Promise<void>>();
  const progressListeners = new Map<FakeApiName, Set<(event: { loaded: number }) => void>>();
  for (const api of ['summarizer', 'languageModel', 'rewriter'] as const) {
    const apiConfig = config[api];
    if (apiConfig === false) continue;
    configs.set(api, apiConfig ?? {});
    states.set(api, apiConfig?.availability ?? 'available');
    progressListeners.set(api, new Set());
  }

  const fake: FakeBuiltInAi = {
    ai: {},
    calls,
    sessions,
    callsOf: (api, method) => calls.filter((call) => call.api === api && (method === undefined || call.method === method)),
    stateOf: (api) => states.get(api) ?? 'unavailable',
    setState: (api, state) => void states.set(api, state),
    userActivation: config.userActivation ?? false,
    install(scope: object = globalThis) {
      const target = scope as Record<string, unknown>;
      const names = { summarizer: 'Summarizer', languageModel: 'LanguageModel', rewriter: 'Rewriter' } as const;
      const installed: string[] = [];
      for (const [api, name] of Object.entries(names) as [FakeApiName, string][]) {
        const global = fake.ai[name as keyof BuiltInAi];
        if (!global || !configs.has(api)) continue;
        target[name] = global;
        installed.push(name);
      }
      return () => {
        for (const name of installed) delete target[name];
      };
    },
  };

  const supported = (api: FakeApiName, options: Record<string, unknown> | undefined): boolean => {
    const languages = configs.get(api)?.languages ?? DEFAULT_LANGUAGES;
    return languagesOf(options).every((tag) => languages.includes(tag.toLowerCase().split('-')[0]!));
  };

  const checkTags = (options: Record<string, unknown> | undefined): void => {
    for (const tag of languagesOf(options)) if (!VALID_TAG.test(tag)) throw new RangeError(`Invalid language tag: ${tag}`);
  };

  async function availability(api: FakeApiName, options?: object): Promise<BuiltInAvailability> {
    const recorded = recordable(options);
    calls.push({ api, method: 'availability', options: recorded });
    checkTags(recorded);
    await Promise.resolve();
    if (!supported(api, recorded)) return 'unavailable';
    return fake.stateOf(api);
  }

  /** Runs (or joins) the model download, firing progress events to every monitor that listens. */
  function download(api: FakeApiName): Promise<void> {
    const running = downloads.get(api);
    if (running) return running;
    const apiConfig = configs.get(api)!;
    states.set(api, 'downloading');
    const run = (async () => {
      try {
        for (const loaded of apiConfig.downloadProgress ?? DEFAULT_PROGRESS) {
          await apiConfig.beforeProgress?.(loaded);
          await tick();
          for (const listener of progressListeners.get(api) ?? []) listener({ loaded });
        }
        if (apiConfig.downloadError) {
          states.set(api, 'downloadable');
          throw apiConfig.downloadError;
        }
        states.set(api, 'available');
      } finally {
        downloads.delete(api);
      }
    })();
    downloads.set(api, run);
    return run;
  }

  /** The checks and the download every create() goes through, in Chrome's order. */
  async function prepare(api: FakeApiName, options: (object & { signal?: AbortSignal; monitor?: (m: DownloadMonitor) => void }) | undefined) {
    const recorded = recordable(options);
    calls.push({ api, method: 'create', options: recorded });
    const signal = options?.signal;
    const listeners = new Set<(event: { loaded: number }) => void>();
    options?.monitor?.({ addEventListener: (_type, listener) => void listeners.add(listener) });
    checkTags(recorded);
    if (signal?.aborted) throw abortReason(signal);
    await Promise.resolve();
    if (!supported(api, recorded)) throw domError('NotSupportedError', 'The requested language options are not supported.');
    const state = fake.stateOf(api);
    if (state === 'unavailable') throw domError('NotSupportedError', 'The model is not available on this device.');
    if (state === 'downloadable') {
      if (!fake.userActivation) throw domError('NotAllowedError', 'Requires a user gesture when availability is "downloading" or "downloadable".');
      if (config.consumeActivation) fake.userActivation = false;
    }
    if (state === 'available') {
      // The spec fires 0 and 1 even when nothing is downloaded.
      for (const listener of listeners) listener({ loaded: 0 });
      for (const listener of listeners) listener({ loaded: 1 });
    } else {
      const shared = progressListeners.get(api)!;
      for (const listener of listeners) shared.add(listener);
      try {
        const finished = download(api);
        if (signal) {
          await new Promise<void>((resolve, reject) => {
            const onAbort = (): void => reject(abortReason(signal));
            signal.addEventListener('abort', onAbort, { once: true });
            finished.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
          });
        } else {
          await finished;
        }
      } finally {
        for (const listener of listeners) shared.delete(listener);
      }
    }
    if (signal?.aborted) throw abortReason(signal);
    const record: FakeSessionRecord = { id: sessions.length + 1, api, options: recorded, destroyed: false };
    sessions.push(record);
    return record;
  }

  /** The checks of one run call: destroyed session, abort, the configured failure, the quota. */
  function check(api: FakeApiName, record: FakeSessionRecord, tokens: number, quota: number, signal: AbortSignal | undefined): void {
    if (record.destroyed) throw domError('InvalidStateError', 'The model execution session has been destroyed.');
    if (signal?.aborted) throw abortReason(signal);
    const failure = configs.get(api)!.runError;
    if (failure) throw failure;
    if (tokens > quota) throw domError('QuotaExceededError', 'The input is too large.');
  }

  function answer(api: FakeApiName, method: FakeMethod, record: FakeSessionRecord, input: string, context: string | undefined): string {
    const request: FakeRequest = { api, method, input, options: record.options, session: record.id, ...(context !== undefined ? { context } : {}) };
    return (configs.get(api)!.respond ?? defaultResponse)(request);
  }

  /** A stream of the answer in deltas, one per tick, that errors on abort and stops when cancelled. */
  function stream(api: FakeApiName, produce: () => string, signal: AbortSignal | undefined): ReadableStream<string> {
    const size = Math.max(1, configs.get(api)!.deltaChars ?? 4);
    let pending: string[] | undefined;
    return new ReadableStream<string>({
      async pull(controller) {
        try {
          pending ??= (() => {
            const text = produce();
            const out: string[] = [];
            for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
            return out;
          })();
          await tick();
          if (signal?.aborted) throw abortReason(signal);
          const next = pending.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(next);
        } catch (error) {
          controller.error(error);
        }
      },
    });
  }

  function destroyer(api: FakeApiName, record: FakeSessionRecord): () => void {
    return () => {
      calls.push({ api, method: 'destroy', session: record.id });
      record.destroyed = true;
    };
  }

  if (configs.has('summarizer')) {
    const api = 'summarizer';
    const quota = configs.get(api)!.inputQuota ?? 4000;
    const global: SummarizerGlobal = {
      availability: (options?: SummarizerOptions) => availability(api, options),
      async create(options) {
        const record = await prepare(api, options);
        const tokens = configs.get(api)!.tokenize ?? fakeTokens;
        const usage = (text: string, context?: string): number => tokens(text) + tokens(context ?? '');
        const session: BuiltInSummarizer = {
          inputQuota: quota,
          async measureInputUsage(text, measureOptions) {
            calls.push({ api, method: 'measureInputUsage', session: record.id, input: text, ...(measureOptions?.context !== undefined ? { context: measureOptions.context } : {}) });
            return usage(text, measureOptions?.context);
          },
          async summarize(text, runOptions) {
            calls.push({ api, method: 'summarize', session: record.id, input: text, ...(runOptions?.context !== undefined ? { context: runOptions.context } : {}) });
            await tick();
            check(api, record, usage(text, runOptions?.context), quota, runOptions?.signal);
            return answer(api, 'summarize', record, text, runOptions?.context);
          },
          summarizeStreaming(text, runOptions) {
            calls.push({ api, method: 'summarizeStreaming', session: record.id, input: text, ...(runOptions?.context !== undefined ? { context: runOptions.context } : {}) });
            return stream(
              api,
              () => {
                check(api, record, usage(text, runOptions?.context), quota, runOptions?.signal);
                return answer(api, 'summarizeStreaming', record, text, runOptions?.context);
              },
              runOptions?.signal,
            );
          },
          destroy: destroyer(api, record),
        };
        return session;
      },
    };
    fake.ai.Summarizer = global;
  }

  if (configs.has('rewriter')) {
    const api = 'rewriter';
    const quota = configs.get(api)!.inputQuota ?? 4000;
    const global: RewriterGlobal = {
      availability: (options?: RewriterOptions) => availability(api, options),
      async create(options) {
        const record = await prepare(api, options);
        const tokens = configs.get(api)!.tokenize ?? fakeTokens;
        const usage = (text: string, context?: string): number => tokens(text) + tokens(context ?? '');
        const session: BuiltInRewriter = {
          inputQuota: quota,
          async measureInputUsage(text, measureOptions) {
            calls.push({ api, method: 'measureInputUsage', session: record.id, input: text });
            return usage(text, measureOptions?.context);
          },
          async rewrite(text, runOptions) {
            calls.push({ api, method: 'rewrite', session: record.id, input: text });
            await tick();
            check(api, record, usage(text, runOptions?.context), quota, runOptions?.signal);
            return answer(api, 'rewrite', record, text, runOptions?.context);
          },
          rewriteStreaming(text, runOptions) {
            calls.push({ api, method: 'rewriteStreaming', session: record.id, input: text });
            return stream(
              api,
              () => {
                check(api, record, usage(text, runOptions?.context), quota, runOptions?.signal);
                return answer(api, 'rewriteStreaming', record, text, runOptions?.context);
              },
              runOptions?.signal,
            );
          },
          destroy: destroyer(api, record),
        };
        return session;
      },
    };
    fake.ai.Rewriter = global;
  }

  if (configs.has('languageModel')) {
    const api = 'languageModel';
    const apiConfig = configs.get(api)!;
    const window = apiConfig.inputQuota ?? 4000;
    const tokens = apiConfig.tokenize ?? fakeTokens;
    const global: LanguageModelGlobal = {
      availability: (options?: LanguageModelOptions) => availability(api, options),
      async create(options) {
        const initialPrompts: LanguageModelMessage[] = options?.initialPrompts ?? [];
        if (initialPrompts.some((message, index) => message.role === 'system' && index > 0)) {
          throw new TypeError("The prompt with 'system' role must be placed at the first entry of initialPrompts.");
        }
        const record = await prepare(api, options);
        let used = initialPrompts.reduce((sum, message) => sum + tokens(message.content), 0);
        if (used > window) {
          record.destroyed = true;
          throw domError('QuotaExceededError', 'The input is too large.');
        }
        const measure = (method: FakeMethod) => async (input: string) => {
          calls.push({ api, method, session: record.id, input });
          return tokens(input);
        };
        const session: BuiltInLanguageModel & { contextUsage?: number; inputUsage?: number } = {
          async prompt(input, runOptions) {
            calls.push({ api, method: 'prompt', session: record.id, input });
            await tick();
            check(api, record, used + tokens(input), window, runOptions?.signal);
            const text = answer(api, 'prompt', record, input, undefined);
            used += tokens(input) + tokens(text);
            return text;
          },
          promptStreaming(input, runOptions) {
            calls.push({ api, method: 'promptStreaming', session: record.id, input });
            return stream(
              api,
              () => {
                check(api, record, used + tokens(input), window, runOptions?.signal);
                const text = answer(api, 'promptStreaming', record, input, undefined);
                used += tokens(input) + tokens(text);
                return text;
              },
              runOptions?.signal,
            );
          },
          destroy: destroyer(api, record),
        };
        if (apiConfig.legacyNames) {
          Object.defineProperties(session, {
            inputQuota: { value: window, enumerable: true },
            inputUsage: { get: () => used, enumerable: true },
          });
          session.measureInputUsage = measure('measureInputUsage');
        } else {
          Object.defineProperties(session, {
            contextWindow: { value: window, enumerable: true },
            contextUsage: { get: () => used, enumerable: true },
          });
          session.measureContextUsage = measure('measureContextUsage');
        }
        return session;
      },
    };
    fake.ai.LanguageModel = global;
  }

  return fake;
}
