// "Retry with…": the provider the user picked goes to the front of the chain; the others follow in their usual order.
import type { ChainEntry } from '../llm/types';

/**
 * `chain` is the task's chain; `all` every usable entry. The user's explicit pick is honoured even when the per-task
 * choice leaves it out (it was offered by name), but an id that is not configured, disabled or without a key changes nothing.
 */
export function preferProvider(chain: readonly ChainEntry[], all: readonly ChainEntry[], providerId: string | undefined): ChainEntry[] {
  if (!providerId) return [...chain];
  const picked = chain.find((entry) => entry.id === providerId) ?? all.find((entry) => entry.id === providerId);
  if (!picked) return [...chain];
  return [picked, ...chain.filter((entry) => entry.id !== providerId)];
}
