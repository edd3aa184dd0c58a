// Per-task provider choices: e.g. a cheaper model only for rewriting. Absent means every provider, in the main order.
import type { ChainEntry } from '../llm/types';

export type TaskCategory = 'summarize' | 'rewrite' | 'chat';

export const TASK_CATEGORIES: readonly { id: TaskCategory; label: string }[] = [
  { id: 'summarize', label: 'Summaries' },
  { id: 'rewrite', label: 'Rewriting' },
  { id: 'chat', label: 'Chat' },
];

/** Provider ids allowed per task; a task without an entry uses every enabled provider. */
export type TaskChains = Partial<Record<TaskCategory, string[]>>;

/** The chain for one task: the main order, keeping only the providers chosen for it (all when none are chosen). */
export function chainForTask(chain: readonly ChainEntry[], taskChains: TaskChains | undefined, category: TaskCategory): ChainEntry[] {
  const allowed = taskChains?.[category];
  if (!allowed || allowed.length === 0) return [...chain];
  return chain.filter((entry) => allowed.includes(entry.id));
}

/** Drops ids of providers that no longer exist, and tasks left with no choice (they fall back to every provider). */
export function cleanTaskChains(taskChains: TaskChains | undefined, providerIds: readonly string[]): TaskChains {
  const cleaned: TaskChains = {};
  for (const { id } of TASK_CATEGORIES) {
    const kept = (taskChains?.[id] ?? []).filter((providerId) => providerIds.includes(providerId));
    if (kept.length > 0) cleaned[id] = kept;
  }
  return cleaned;
}
