// Picks the adapter for a chain entry's provider kind.
import { assertNever } from '../errors';
import type { ChainEntry, ProviderAdapter } from '../types';
import { createAnthropicAdapter } from './anthropic/anthropic-adapter';
import { createOpenAiCompatibleAdapter } from './openai-compatible/openai-compatible-adapter';

export interface ProviderAdapterDeps {
  /** Injected so tests and the service worker choose the transport; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export function createProviderAdapter(entry: ChainEntry, deps: ProviderAdapterDeps = {}): ProviderAdapter {
  switch (entry.kind) {
    case 'anthropic':
      return createAnthropicAdapter(entry, deps);
    case 'openai-compatible':
      return createOpenAiCompatibleAdapter(entry, deps);
    default:
      return assertNever(entry.kind);
  }
}
