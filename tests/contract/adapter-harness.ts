// Helpers for adapter contract tests: read fixtures, build chain entries, drain an adapter stream into a summary.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LlmError } from '../../utils/llm/errors';
import type { ChainEntry, FinishReason, ProviderAdapter, ProviderKind, ProviderStreamPart, TokenUsage } from '../../utils/llm/types';

export const TEST_API_KEY = 'sk-test-lifeline-0123456789abcd';

const FIXTURES = new URL('../fixtures/sse/', import.meta.url);

export function readFixture(relativePath: string): string {
  return readFileSync(fileURLToPath(new URL(relativePath, FIXTURES)), 'utf8');
}

export function entryFor(kind: ProviderKind, serverUrl: string, overrides: Partial<ChainEntry> = {}): ChainEntry {
  return {
    id: `${kind}-test`,
    kind,
    name: kind === 'anthropic' ? 'Claude (test)' : 'OpenAI (test)',
    // The Anthropic SDK appends /v1/messages itself; OpenAI-compatible base URLs include the /v1.
    baseURL: kind === 'anthropic' ? serverUrl : `${serverUrl}/v1`,
    model: kind === 'anthropic' ? 'claude-test' : 'gpt-test',
    apiKey: TEST_API_KEY,
    ...overrides,
  };
}

export interface StreamSummary {
  parts: ProviderStreamPart[];
  text: string;
  finish?: { finishReason: FinishReason; usage: TokenUsage };
  error?: LlmError;
}

export async function drain(stream: AsyncIterable<ProviderStreamPart>): Promise<StreamSummary> {
  const summary: StreamSummary = { parts: [], text: '' };
  for await (const part of stream) {
    summary.parts.push(part);
    if (part.type === 'text-delta') summary.text += part.text;
    if (part.type === 'finish') summary.finish = { finishReason: part.finishReason, usage: part.usage };
    if (part.type === 'error') summary.error = part.error;
  }
  return summary;
}

export function streamOnce(adapter: ProviderAdapter, signal = new AbortController().signal): Promise<StreamSummary> {
  return drain(adapter.stream({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] }, { signal }));
}

/** The content-bearing parts, without the signs of life (`response-started`, `alive`) that surround them. */
export function partTypes(summary: StreamSummary): string[] {
  return summary.parts.map((part) => part.type).filter((type) => type !== 'response-started' && type !== 'alive');
}
