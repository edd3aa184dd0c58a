// The models a provider offers, from its models endpoint (OpenAI-compatible `GET /models`, Anthropic `GET /v1/models`).
import type { ChainEntry } from '../llm/types';
import type { ModelListResult } from '../messaging/protocol';

export async function listModels(entry: ChainEntry, fetchImpl: typeof fetch = fetch): Promise<ModelListResult> {
  const url = entry.kind === 'anthropic' ? `${entry.baseURL.replace(/\/+$/, '')}/v1/models?limit=100` : `${entry.baseURL.replace(/\/+$/, '')}/models`;
  const headers: Record<string, string> =
    entry.kind === 'anthropic'
      ? { 'x-api-key': entry.apiKey, 'anthropic-version': '2023-06-01', 'anthropic-dangerous-direct-browser-access': 'true' }
      : entry.apiKey
        ? { authorization: `Bearer ${entry.apiKey}` }
        : {};
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(10_000) });
  } catch {
    return { ok: false, message: 'Could not reach the models list: check the base URL. You can still type a model name.' };
  }
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? ' Check the key.' : '';
    return { ok: false, message: `The provider did not list its models (${response.status}).${hint} You can still type a model name.` };
  }
  const body = (await response.json().catch(() => undefined)) as { data?: { id?: unknown }[]; models?: { name?: unknown }[] } | undefined;
  const ids = [
    ...(body?.data ?? []).map((model) => model.id),
    ...(body?.models ?? []).map((model) => model.name),
  ].filter((id): id is string => typeof id === 'string' && id.length > 0);
  if (ids.length === 0) return { ok: false, message: 'The provider listed no models. You can still type a model name.' };
  return { ok: true, models: [...new Set(ids)].sort((a, b) => a.localeCompare(b)) };
}
