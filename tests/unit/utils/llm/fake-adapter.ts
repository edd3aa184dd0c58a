// A scripted provider adapter for router tests: each call plays the next script.
import type { LlmError } from '@/utils/llm/errors';
import type { ChainEntry, LlmRequest, ProviderAdapter, ProviderStreamPart } from '@/utils/llm/types';

/** Parts to play; 'hang' (alone or last) keeps the connection open until the caller aborts. */
export type Script = (ProviderStreamPart | 'hang')[] | 'hang';

export function fakeAdapters(scripts: Record<string, Script[]>) {
  const calls: { entryId: string; at: number }[] = [];
  const keys: string[] = [];
  /** Every request as an adapter received it, in call order. */
  const requests: { entryId: string; request: LlmRequest }[] = [];
  const createAdapter = (entry: ChainEntry): ProviderAdapter => ({
    async *stream(request, { signal }) {
      calls.push({ entryId: entry.id, at: Date.now() });
      requests.push({ entryId: entry.id, request });
      keys.push(entry.apiKey);
      const script = scripts[entry.id]?.shift() ?? [];
      if (script === 'hang') {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        return;
      }
      for (const part of script) {
        if (part === 'hang') {
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          return;
        }
        yield part;
      }
    },
  });
  return { createAdapter, calls, keys, requests };
}

export function entry(id: string): ChainEntry {
  return { id, kind: 'openai-compatible', name: id.toUpperCase(), baseURL: `http://127.0.0.1/${id}`, model: `${id}-model`, apiKey: `sk-${id}-key` };
}

export const text = (value: string): ProviderStreamPart => ({ type: 'text-delta', text: value });
export const finish: ProviderStreamPart = { type: 'finish', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 3 } };
export const fail = (error: LlmError): ProviderStreamPart => ({ type: 'error', error });
