// Pure rules behind the options page's provider editor: the form's state, prefilled from a preset or a stored provider,
// turned into the draft the background saves or tests. No key ever comes back from storage except on an explicit Reveal.
import type { EntryTimeouts, ProviderKind } from '../llm/types';
import type { ProviderTestResult } from '../messaging/protocol';
import type { KeyChange, ProviderDraft } from '../storage/provider-settings';
import { PRESETS, presetById, type PresetId, type ProviderPreset } from './presets';

/** The preset the "Add provider" form starts on: it asks for everything, so a person (or a test) can fill it in directly. */
export const DEFAULT_NEW_PRESET: PresetId = 'custom';

export type TimeoutField = keyof EntryTimeouts;

export const TIMEOUT_FIELDS: readonly TimeoutField[] = ['headersMs', 'firstTokenMs', 'stallMs'];

/** One key input of the editor: a stored key (by its place in the pool) or a key typed here. */
export interface KeyRow {
  /** Stable React key; never sent. */
  rowId: number;
  /** Index in the stored pool for a saved key; undefined for a key typed in this form. */
  savedIndex?: number;
  /** Last four characters of the saved key ('' when it is too short to hint at). */
  hint?: string;
  /** What the input holds: empty for a saved key that is kept unseen, the key after Reveal, or a typed key. */
  value: string;
  /** The saved key as Reveal fetched it: the input holding exactly this still means "keep it". */
  revealed?: string;
}

/** Everything the editor holds, as the inputs show it (numbers stay text until the draft is built). */
export interface ProviderForm {
  preset: PresetId;
  kind: ProviderKind;
  name: string;
  baseURL: string;
  model: string;
  enabled: boolean;
  keys: KeyRow[];
  /** Tokens, as typed; empty = unknown. */
  contextWindow: string;
  /** Seconds, as typed; empty = the default. */
  timeouts: Record<TimeoutField, string>;
}

let nextRowId = 1;
/** A new row id; ids only need to be unique within one page. */
export function newRowId(): number {
  return nextRowId++;
}

export function emptyKeyRow(): KeyRow {
  return { rowId: newRowId(), value: '' };
}

/** A new provider's form, prefilled from the preset: name, endpoint, type, a model to start with, patient timeouts for local servers. */
export function formFromPreset(presetId: PresetId): ProviderForm {
  const preset = presetById(presetId);
  return {
    preset: preset.id,
    kind: preset.kind,
    name: defaultNameOf(preset),
    baseURL: preset.baseURL,
    model: preset.suggestedModel,
    enabled: true,
    keys: [emptyKeyRow()],
    contextWindow: '',
    timeouts: timeoutsToSeconds(preset.timeouts),
  };
}

/** The form for a stored provider: one masked row per saved key (never the key itself), or one empty row. */
export function formFromDraft(draft: ProviderDraft, keyHints: readonly string[]): ProviderForm {
  const keys: KeyRow[] = keyHints.map((hint, savedIndex) => ({ rowId: newRowId(), savedIndex, hint, value: '' }));
  return {
    preset: draft.preset ?? 'custom',
    kind: draft.kind,
    name: draft.name,
    baseURL: draft.baseURL,
    model: draft.model,
    enabled: draft.enabled !== false,
    keys: keys.length > 0 ? keys : [emptyKeyRow()],
    contextWindow: draft.contextWindow !== undefined ? String(draft.contextWindow) : '',
    timeouts: timeoutsToSeconds(draft.timeouts),
  };
}

/**
 * The form after the user picks another service: its endpoint, type and timeouts, and its name and model unless the user
 * typed their own (a field still holding the previous preset's default follows the new preset). Keys are kept.
 */
export function switchPreset(form: ProviderForm, nextId: PresetId): ProviderForm {
  const previous = presetById(form.preset);
  const next = presetById(nextId);
  const untouched = (value: string, previousDefault: string): boolean => value.trim() === '' || value.trim() === previousDefault;
  return {
    ...form,
    preset: next.id,
    kind: next.kind,
    baseURL: next.id === 'custom' && !untouched(form.baseURL, previous.baseURL) ? form.baseURL : next.baseURL,
    name: untouched(form.name, defaultNameOf(previous)) ? defaultNameOf(next) : form.name,
    model: untouched(form.model, previous.suggestedModel) ? next.suggestedModel : form.model,
    timeouts: sameTimeouts(form.timeouts, timeoutsToSeconds(previous.timeouts)) ? timeoutsToSeconds(next.timeouts) : form.timeouts,
  };
}

/** The custom preset has no name of its own ("Custom OpenAI-compatible" would name the form, not the provider). */
function defaultNameOf(preset: ProviderPreset): string {
  return preset.id === 'custom' ? '' : serviceNameOf(preset);
}

/** The service's name without the list's explanation: "Ollama (this computer)" -> "Ollama". */
export function serviceNameOf(preset: Pick<ProviderPreset, 'label'>): string {
  return preset.label.replace(/\s*\([^)]*\)$/, '');
}

function sameTimeouts(a: Record<TimeoutField, string>, b: Record<TimeoutField, string>): boolean {
  return TIMEOUT_FIELDS.every((field) => a[field].trim() === b[field]);
}

/** What the draft's key pool becomes: saved keys kept by position unless replaced, typed keys added; empty rows dropped. */
export function keyChangesOf(rows: readonly KeyRow[]): KeyChange[] {
  const changes: KeyChange[] = [];
  for (const row of rows) {
    const typed = row.value.trim();
    if (row.savedIndex !== undefined && (typed === '' || typed === row.revealed?.trim())) {
      changes.push({ keep: row.savedIndex });
    } else if (typed) {
      changes.push({ value: typed });
    }
  }
  return changes;
}

/** The keys typed in this form (not the saved ones), e.g. to make sure none of them is ever shown back. */
export function typedKeysOf(rows: readonly KeyRow[]): string[] {
  return rows.flatMap((row) => {
    const typed = row.value.trim();
    return typed ? [typed] : [];
  });
}

/** The rows without the one at `index`; the editor always keeps one input, so removing the last leaves an empty one. */
export function withoutKeyRow(rows: readonly KeyRow[], index: number): KeyRow[] {
  const rest = rows.filter((_, i) => i !== index);
  return rest.length > 0 ? rest : [emptyKeyRow()];
}

/**
 * Seconds as typed -> milliseconds: undefined when empty (the default applies), NaN when not a number (validation then
 * names the field). Accepts a decimal comma.
 */
export function secondsToMs(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const seconds = /^\d*\.?\d+$|^\d+\.$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return Number.isFinite(seconds) ? Math.round(seconds * 1_000) : Number.NaN;
}

/** Milliseconds -> seconds as the input shows them: "30", "2.5"; empty when unset. */
export function msToSeconds(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  return String(Math.round(ms / 100) / 10);
}

export function timeoutsToSeconds(timeouts: Partial<EntryTimeouts> | undefined): Record<TimeoutField, string> {
  return {
    headersMs: msToSeconds(timeouts?.headersMs),
    firstTokenMs: msToSeconds(timeouts?.firstTokenMs),
    stallMs: msToSeconds(timeouts?.stallMs),
  };
}

/** Only the timeouts the user set; undefined when all are empty. Invalid entries come through as NaN for validation. */
export function timeoutsFromSeconds(seconds: Record<TimeoutField, string>): Partial<EntryTimeouts> | undefined {
  const timeouts: Partial<EntryTimeouts> = {};
  for (const field of TIMEOUT_FIELDS) {
    const ms = secondsToMs(seconds[field]);
    if (ms !== undefined) timeouts[field] = ms;
  }
  return Object.keys(timeouts).length > 0 ? timeouts : undefined;
}

/** Tokens as typed -> a number (NaN when not a whole number, for validation); undefined when empty. */
export function parseContextWindow(text: string): number | undefined {
  const trimmed = text.trim().replace(/[\s_,.](?=\d{3}\b)/g, '');
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The draft the background saves or tests. `id` is the stored provider's, when editing one. */
export function draftFromForm(form: ProviderForm, id?: string): ProviderDraft {
  const contextWindow = parseContextWindow(form.contextWindow);
  const timeouts = timeoutsFromSeconds(form.timeouts);
  return {
    ...(id ? { id } : {}),
    preset: form.preset,
    kind: form.kind,
    name: form.name,
    baseURL: form.baseURL,
    model: form.model,
    enabled: form.enabled,
    keyChanges: keyChangesOf(form.keys),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(timeouts ? { timeouts } : {}),
  };
}

/** The presets in the order the "Provider" select lists them. */
export const PRESET_OPTIONS: readonly { id: PresetId; label: string }[] = PRESETS.map(({ id, label }) => ({ id, label }));

export function isPresetId(value: string): value is PresetId {
  return PRESETS.some((preset) => preset.id === value);
}

/** Moves the item at `from` so it lands before the item that was at `to` (`to` = length puts it last). */
export function reorderByDrag<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items];
  if (from < 0 || from >= items.length) return result;
  const target = Math.max(0, Math.min(items.length, to));
  const [item] = result.splice(from, 1);
  result.splice(target > from ? target - 1 : target, 0, item as T);
  return result;
}

/**
 * Where a dragged item may land: never above the organization's managed providers (they stay first), and `null` when
 * dropping there leaves it where it is.
 */
export function dropTarget(from: number, to: number, managedCount: number, length: number): number | null {
  const target = Math.max(managedCount, Math.min(length, to));
  if (from < managedCount || target === from || target === from + 1) return null;
  return target;
}

/** The origin a base URL points at ("https://llm.example.com"), or the text itself when it is not a URL. */
export function originOf(baseURL: string): string {
  try {
    return new URL(baseURL.trim()).origin;
  } catch {
    return baseURL.trim();
  }
}

/** Prefixed keys ("sk-…", "gsk_…", "AIza…") and long runs of letters and digits that look like tokens. */
const KEY_LIKE = /\b(?:(?:sk|pk|rk|gsk|xai)[-_]|AIza)[-_A-Za-z0-9]{12,}|\b(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]{32,}/g;

/** Text safe to show: every typed key, and anything that looks like one, replaced by "[key hidden]". */
export function withoutKeys(text: string, keys: readonly string[] = []): string {
  let safe = text;
  for (const key of keys) {
    if (key.length >= 4) safe = safe.split(key).join('[key hidden]');
  }
  return safe.replace(KEY_LIKE, '[key hidden]');
}

/** The words the Test button shows for an answer from the background. */
export function testResultText(result: ProviderTestResult): string {
  if (result.ok) return `Working: answered in ${Math.max(0, Math.round(result.latencyMs))} ms.`;
  return result.message.trim() || 'The test failed without a reason. Check the base URL and the key, then try again.';
}

/** An error from the messaging boundary as a sentence ("The message port closed before a response was received."). */
export function errorText(cause: unknown): string {
  // Errors that crossed the messaging boundary are rebuilt, so read the message as data.
  const message = typeof cause === 'object' && cause !== null && 'message' in cause ? cause.message : cause;
  const text = typeof message === 'string' && message.trim() ? message.trim() : 'an unknown error';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
