// Which local model servers (Ollama, LM Studio) answer on this computer: their models, then a one-token chat like Test
// sends. Ollama lists models to anyone but refuses chats from an origin it does not allow, so only the chat proves it
// works. Lifeline never rewrites the Origin header: a refused origin is explained with the server setting that fixes it.
import { classifyProviderFailure } from '../llm/classify-provider-error';
import { createLlmError } from '../llm/errors';
import { isLocalEndpoint } from '../llm/providers/provider-failure';
import type { ProviderDraft } from '../storage/provider-settings';
import { PRESETS, type PresetId } from './presets';
import { draftFromForm, formFromPreset, serviceNameOf } from './provider-form';
import { describeTestFailure, TEST_TIMEOUT_MS } from './test-provider';

export type LocalServerStatus = 'ready' | 'refused-origin' | 'no-models' | 'not-running' | 'failed';

export interface LocalServerFinding {
  presetId: PresetId;
  name: string;
  baseURL: string;
  /**
   * ready: a one-token chat worked. refused-origin: the server refused this extension's origin (403). no-models: running
   * without a model. not-running: nothing answered in time. failed: running, but listing models or the chat failed otherwise.
   */
  status: LocalServerStatus;
  /** Installed (or loaded) models, in the server's order. */
  models: string[];
  /** The model the chat used (set when the chat was tried). */
  model?: string;
  /** Plain words with the next step. */
  message: string;
}

export interface LocalServerCandidate {
  presetId: PresetId;
  name: string;
  /** The OpenAI-compatible base URL, e.g. http://localhost:11434/v1. */
  baseURL: string;
}

export interface DetectLocalServersDeps {
  fetch: typeof fetch;
  /** How long the models list may take before the server counts as not running. */
  timeoutMs?: number;
  /** How long the one-token chat may take (a local server may first load the model); Test's limit by default. */
  chatTimeoutMs?: number;
  /** The local presets by default. */
  candidates?: readonly LocalServerCandidate[];
  /** This extension's origin (chrome-extension://<id>), named in the fix for a refused origin. */
  extensionOrigin?: string;
}

/** Short: a server that is running answers its models list at once; connection refused fails faster still. */
export const DETECT_TIMEOUT_MS = 1_500;

/** The value of OLLAMA_ORIGINS that lets Lifeline (and other extensions) in, in Chrome and Firefox. */
export const OLLAMA_EXTENSION_ORIGINS = 'chrome-extension://*,moz-extension://*';

/** The same question Test asks. */
const TEST_PROMPT = 'Reply with the single word: OK';

export const LOCAL_SERVER_CANDIDATES: readonly LocalServerCandidate[] = PRESETS.filter((preset) => preset.local).map((preset) => ({
  presetId: preset.id,
  name: serviceNameOf(preset),
  baseURL: preset.baseURL,
}));

/** Looks for every candidate at once: the whole search takes as long as the slowest one, not the sum. */
export async function detectLocalServers(deps: DetectLocalServersDeps): Promise<LocalServerFinding[]> {
  const candidates = deps.candidates ?? LOCAL_SERVER_CANDIDATES;
  return Promise.all(candidates.map((candidate) => detectOne(candidate, deps)));
}

async function detectOne(candidate: LocalServerCandidate, deps: DetectLocalServersDeps): Promise<LocalServerFinding> {
  const baseURL = candidate.baseURL.replace(/\/+$/, '');
  const base = { presetId: candidate.presetId, name: candidate.name, baseURL };
  const listed = await listLocalModels(candidate.presetId, baseURL, deps);
  if (listed.outcome === 'unreachable') return { ...base, status: 'not-running', models: [], message: 'Not running on this computer.' };
  if (listed.outcome === 'refused') {
    return { ...base, status: 'refused-origin', models: [], message: refusedOriginMessage(candidate, deps.extensionOrigin) };
  }
  if (listed.outcome === 'failed') {
    return { ...base, status: 'failed', models: [], message: `Running, but it did not list its models (${listed.status}). Check the server's settings.` };
  }
  const models = listed.models;
  const model = chatModelOf(models);
  if (model === undefined) return { ...base, status: 'no-models', models, message: noModelsMessage(candidate.presetId) };

  const chat = await oneTokenChat({ ...candidate, baseURL }, model, deps);
  if (chat.ok) {
    const others = models.length > 1 ? ` (${models.length} models installed)` : '';
    return { ...base, status: 'ready', models, model, message: `Ready: ${model} answered a test${others}.` };
  }
  if (chat.status === 403) {
    return { ...base, status: 'refused-origin', models, model, message: refusedOriginMessage(candidate, deps.extensionOrigin) };
  }
  return { ...base, status: 'failed', models, model, message: `Running, but the test with ${model} failed. ${chat.message}` };
}

type ListOutcome =
  | { outcome: 'listed'; models: string[] }
  | { outcome: 'unreachable' }
  | { outcome: 'refused' }
  | { outcome: 'failed'; status: number };

/** GET {baseURL}/models; for Ollama also its own /api/tags when the OpenAI-compatible list is missing (older versions). */
async function listLocalModels(presetId: PresetId, baseURL: string, deps: DetectLocalServersDeps): Promise<ListOutcome> {
  const first = await getModels(`${baseURL}/models`, deps);
  if (first.outcome !== 'failed' || presetId !== 'ollama') return first;
  const tags = await getModels(`${new URL(baseURL).origin}/api/tags`, deps);
  return tags.outcome === 'listed' || tags.outcome === 'refused' ? tags : first;
}

async function getModels(url: string, deps: DetectLocalServersDeps): Promise<ListOutcome> {
  const timeoutMs = deps.timeoutMs ?? DETECT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await deps.fetch(url, { signal: controller.signal });
    if (response.status === 403) return { outcome: 'refused' };
    if (!response.ok) return { outcome: 'failed', status: response.status };
    const body: unknown = await response.json().catch(() => undefined);
    const models = modelIdsOf(body);
    // A 200 that is not a models list (another program on the port, or an old server): not the server we look for.
    return models === undefined ? { outcome: 'failed', status: response.status } : { outcome: 'listed', models };
  } catch {
    // Connection refused, a reset, or no answer within the time: nothing usable listens there.
    return { outcome: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

/** Model ids from an OpenAI-style `{ data: [{ id }] }` or Ollama's `{ models: [{ name }] }`; undefined for anything else. */
export function modelIdsOf(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { data, models } = body as { data?: unknown; models?: unknown };
  const list = Array.isArray(data) ? data : Array.isArray(models) ? models : undefined;
  if (!list) return undefined;
  const ids = list
    .map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return undefined;
      const { id, name } = item as { id?: unknown; name?: unknown };
      return typeof id === 'string' ? id : typeof name === 'string' ? name : undefined;
    })
    .filter((id): id is string => typeof id === 'string' && id.trim().length > 0);
  return [...new Set(ids)];
}

/** The first model that can chat: embedding models (nomic-embed-text…) cannot, unless nothing else is installed. */
export function chatModelOf(models: readonly string[]): string | undefined {
  return models.find((model) => !/embed/i.test(model)) ?? models[0];
}

type ChatOutcome = { ok: true } | { ok: false; status?: number; message: string };

/** POST {baseURL}/chat/completions with one output token, the request Test sends. */
async function oneTokenChat(candidate: LocalServerCandidate, model: string, deps: DetectLocalServersDeps): Promise<ChatOutcome> {
  const chatTimeoutMs = deps.chatTimeoutMs ?? TEST_TIMEOUT_MS;
  const extensionOrigin = deps.extensionOrigin ?? 'this extension';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), chatTimeoutMs);
  try {
    const response = await deps.fetch(`${candidate.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: TEST_PROMPT }], max_tokens: 1, stream: false }),
      signal: controller.signal,
    });
    if (response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true };
    }
    const body: unknown = await response.json().catch(() => undefined);
    const { code, message } = errorFieldsOf(body);
    const error = classifyProviderFailure({
      provider: candidate.name,
      status: response.status,
      codes: [code],
      ...(message ? { providerMessage: message } : {}),
      isLocalEndpoint: isLocalEndpoint(candidate.baseURL),
    });
    return { ok: false, status: response.status, message: describeTestFailure(error, candidate, extensionOrigin) };
  } catch {
    const error = createLlmError(controller.signal.aborted ? 'timeout-headers' : 'network', candidate.name);
    const loading = controller.signal.aborted ? ' The model may still be loading: look again in a moment.' : '';
    return { ok: false, message: `${describeTestFailure(error, candidate, extensionOrigin)}${loading}` };
  } finally {
    clearTimeout(timer);
  }
}

/** `{ error: { code|type, message } }` (OpenAI style) or `{ error: "…" }` (Ollama, LM Studio). */
function errorFieldsOf(body: unknown): { code?: string; message?: string } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'string') return { message: error };
  if (typeof error !== 'object' || error === null) return {};
  const { code, type, message } = error as { code?: unknown; type?: unknown; message?: unknown };
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
  const codeText = text(code) ?? text(type);
  const messageText = text(message);
  return { ...(codeText ? { code: codeText } : {}), ...(messageText ? { message: messageText } : {}) };
}

/** The server refused this extension's origin (403), and exactly what to change on this computer. */
export function refusedOriginMessage(candidate: Pick<LocalServerCandidate, 'presetId' | 'name'>, extensionOrigin?: string): string {
  if (candidate.presetId === 'ollama') {
    const only = extensionOrigin ? ` (or, for Lifeline alone, ${extensionOrigin})` : '';
    return (
      `${candidate.name} refused this extension (403): Ollama answers only the origins in its OLLAMA_ORIGINS setting. ` +
      `Set OLLAMA_ORIGINS to "${OLLAMA_EXTENSION_ORIGINS}"${only} and restart Ollama. ` +
      `macOS app: run launchctl setenv OLLAMA_ORIGINS "${OLLAMA_EXTENSION_ORIGINS}", then quit and reopen Ollama. ` +
      `Linux: systemctl edit ollama.service, add Environment="OLLAMA_ORIGINS=${OLLAMA_EXTENSION_ORIGINS}" under [Service], ` +
      `then systemctl daemon-reload and systemctl restart ollama. ` +
      `Windows: quit Ollama, add OLLAMA_ORIGINS to your account's environment variables, then start Ollama.`
    );
  }
  if (candidate.presetId === 'lmstudio') {
    return `${candidate.name} refused this extension (403): turn on "Enable CORS" in LM Studio's server settings (Developer tab), then restart the server.`;
  }
  const only = extensionOrigin ? `add ${extensionOrigin} to` : 'allow this extension in';
  return `${candidate.name} refused this extension (403): ${only} the server's allowed origins (CORS), then restart it.`;
}

function noModelsMessage(presetId: PresetId): string {
  if (presetId === 'ollama') return 'Running, but no model is installed: e.g. `ollama pull llama3.2`, then look again.';
  if (presetId === 'lmstudio') return 'Running, but no model is available: download or load one in LM Studio, then look again.';
  return 'Running, but no model is installed: install one, then look again.';
}

const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** One endpoint, however it is written: localhost, 127.0.0.1 and [::1] are the same computer; a trailing slash does not count. */
export function sameEndpoint(a: string, b: string): boolean {
  const key = (value: string): string | undefined => {
    try {
      const url = new URL(value.trim());
      const host = LOCAL_HOSTS.has(url.hostname) ? 'this-computer' : url.hostname;
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      return `${url.protocol}//${host}:${port}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return undefined;
    }
  };
  const keyA = key(a);
  return keyA !== undefined && keyA === key(b);
}

/** Whether one of the providers already points at this server. */
export function isAlreadyConfigured(finding: Pick<LocalServerFinding, 'baseURL'>, providers: readonly { baseURL: string }[]): boolean {
  return providers.some((provider) => sameEndpoint(provider.baseURL, finding.baseURL));
}

/** The draft the provider editor would save for this preset and model: no key (local servers need none). */
export function draftForFinding(finding: Pick<LocalServerFinding, 'presetId' | 'baseURL' | 'model'>): ProviderDraft {
  const form = formFromPreset(finding.presetId);
  return draftFromForm({ ...form, baseURL: finding.baseURL, model: finding.model ?? form.model });
}
