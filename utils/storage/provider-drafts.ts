// Pure helpers for the options page's provider list: drafts, ordering, key status and problems per field.
import type { ProviderKind } from '../llm/types';
import { DEFAULT_BASE_URLS, type DraftProblem, type ProviderDraft, type ProviderView } from './provider-settings';

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible',
};

export const PROVIDER_KINDS = Object.keys(PROVIDER_KIND_LABELS) as ProviderKind[];

export type DraftField = DraftProblem['field'];

export function isProviderKind(value: string): value is ProviderKind {
  return (PROVIDER_KINDS as readonly string[]).includes(value);
}

/** Editable drafts for the stored providers; no key, so saving them keeps every stored key. */
export function draftsFromViews(views: readonly ProviderView[]): ProviderDraft[] {
  return views.map(({ id, preset, enabled, kind, name, baseURL, model, contextWindow, timeouts }) => ({
    id,
    preset,
    enabled,
    kind,
    name,
    baseURL,
    model,
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(timeouts ? { timeouts } : {}),
  }));
}

/** Replaces the draft at `index`, or appends it when `index` is null (a new provider). */
export function withDraftAt(drafts: readonly ProviderDraft[], index: number | null, draft: ProviderDraft): ProviderDraft[] {
  if (index === null || index < 0 || index >= drafts.length) return [...drafts, draft];
  return drafts.map((existing, i) => (i === index ? draft : existing));
}

export function withoutItemAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** Moves the item at `index` one place up (-1) or down (+1); out-of-range moves return the list unchanged. */
export function moveItem<T>(items: readonly T[], index: number, direction: -1 | 1): T[] {
  const target = index + direction;
  const moved = [...items];
  const item = moved[index];
  const other = moved[target];
  if (item === undefined || other === undefined) return moved;
  moved[index] = other;
  moved[target] = item;
  return moved;
}

/**
 * The base URL after the type changes: the new type's default, unless the user typed their own URL
 * (or the provider already had a custom one).
 */
export function baseURLAfterKindChange(current: string, nextKind: ProviderKind, touched: boolean): string {
  if (touched) return current;
  const isDefault = current.trim() === '' || Object.values(DEFAULT_BASE_URLS).includes(current.trim());
  return isDefault ? DEFAULT_BASE_URLS[nextKind] : current;
}

export function keyStatusText(view: Pick<ProviderView, 'hasKey' | 'keyHint' | 'keysLocked'> & { keyHints?: readonly string[] }): string {
  if (view.keysLocked) return 'Keys locked: unlock below to see or change them';
  if (!view.hasKey) return 'No key';
  const hints = view.keyHints ?? [];
  if (hints.length > 1) {
    const shown = hints.filter(Boolean).map((hint) => `…${hint}`);
    return `${hints.length} keys saved${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`;
  }
  return view.keyHint ? `Key saved (…${view.keyHint})` : 'Key saved';
}

/** The drafts with one provider switched on or off; everything else (keys included) is kept. */
export function withEnabledAt(drafts: readonly ProviderDraft[], index: number, enabled: boolean): ProviderDraft[] {
  return drafts.map((draft, i) => (i === index ? { ...draft, enabled } : draft));
}

/** The organization's managed providers first (they always answer first), each group in its stored order. */
export function managedFirst<T extends Pick<ProviderView, 'managed'>>(views: readonly T[]): T[] {
  return [...views.filter((view) => view.managed), ...views.filter((view) => !view.managed)];
}

/** How many providers at the top of the list are managed (and cannot be moved or moved above). */
export function managedCount(views: readonly Pick<ProviderView, 'managed'>[]): number {
  const firstFree = views.findIndex((view) => !view.managed);
  return firstFree === -1 ? views.length : firstFree;
}

/** The problems of one draft, by field (the first message per field). */
export function problemsForDraft(problems: readonly DraftProblem[], index: number): Partial<Record<DraftField, string>> {
  const byField: Partial<Record<DraftField, string>> = {};
  for (const problem of problems) {
    if (problem.index === index && byField[problem.field] === undefined) byField[problem.field] = problem.message;
  }
  return byField;
}
