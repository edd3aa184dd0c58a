// "Test" on a provider: a real one-token chat request (some servers list models but refuse chats), in plain words.
import { createLlmError, type LlmError } from '../llm/errors';
import type { ChainEntry, ProviderAdapter } from '../llm/types';
import { isLocalEndpoint } from '../llm/providers/provider-failure';
import type { ProviderTestResult } from '../messaging/protocol';

/** Longest a test may take, headers and first token included. */
export const TEST_TIMEOUT_MS = 20_000;

export async function testProvider(
  entry: ChainEntry,
  deps: { createAdapter: (entry: ChainEntry) => ProviderAdapter; now?: () => number; extensionOrigin: string },
): Promise<ProviderTestResult> {
  const now = deps.now ?? Date.now;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TEST_TIMEOUT_MS);
  const started = now();
  try {
    const request = { messages: [{ role: 'user' as const, content: 'Reply with the single word: OK' }], maxOutputTokens: 1 };
    for await (const part of deps.createAdapter(entry).stream(request, { signal: controller.signal })) {
      // Any text, or a finished answer (a 1-token limit may end before text), proves the whole path works.
      if (part.type === 'text-delta' || part.type === 'finish') return { ok: true, latencyMs: Math.round(now() - started) };
      if (part.type === 'error') {
        const error = controller.signal.aborted ? createLlmError('timeout-headers', entry.name) : part.error;
        return { ok: false, kind: error.kind, message: describeTestFailure(error, entry, deps.extensionOrigin) };
      }
    }
    const cut = createLlmError('stream-cut', entry.name);
    return { ok: false, kind: cut.kind, message: describeTestFailure(cut, entry, deps.extensionOrigin) };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** What failed and what to do next, for someone looking at the settings page. */
export function describeTestFailure(error: LlmError, entry: Pick<ChainEntry, 'name' | 'baseURL'>, extensionOrigin: string): string {
  const code = error.status ? ` (${error.status})` : '';
  const host = hostOf(entry.baseURL);
  const local = isLocalEndpoint(entry.baseURL);
  switch (error.kind) {
    case 'auth':
      if (local && error.status === 403) {
        return `${entry.name} refused this extension (403): add ${extensionOrigin} to OLLAMA_ORIGINS (Ollama) or enable CORS (LM Studio), then restart the server.`;
      }
      return `Key rejected${code}: check the key in your provider's console.`;
    case 'quota':
      return `Quota or billing exhausted${code}: check your plan and billing in the provider's console.`;
    case 'model-not-found':
      return `Model not found${code}: check the model name, or use Load models.`;
    case 'rate-limited':
      return `Rate limited${code}: the key works, but the provider asks to slow down. Try again in a minute.`;
    case 'network':
      return local
        ? `Could not reach ${host}: is the server running on this computer?`
        : `Could not reach ${host}: check the base URL and your connection.`;
    case 'not-permitted':
      return `Lifeline has no permission to reach ${host}: use Grant access.`;
    case 'timeout-headers':
    case 'timeout-first-token':
      return `No answer from ${host} within ${TEST_TIMEOUT_MS / 1000} s.`;
    case 'bad-request':
      return `The provider refused the request${code}${error.providerReason ? `: "${error.providerReason}"` : ''}. Check the base URL and model.`;
    default:
      return error.providerReason ? `${error.message} Provider said: "${error.providerReason}"` : error.message;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
