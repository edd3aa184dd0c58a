// Whether a tab has a selection, for the quick actions that need one. Only the fact travels: never the selected text.
import type { TabReadResult } from './page-snapshot';

/** `no-access`: Lifeline may not read the tab (yet); `failed`: the page did not answer. Either way: not known. */
export type SelectionState = { selected: boolean; editable: boolean } | { access: 'no-access' | 'failed' };

export const SELECT_TEXT_FIRST = 'Select text on the page first';

/** Reduces a read of the tab to the facts the quick actions need, dropping the selected text. */
export function selectionStateOf(result: TabReadResult): SelectionState {
  if (!result.ok) return { access: result.reason };
  const { text, editable } = result.snapshot.selection;
  return { selected: text.trim() !== '', editable };
}

/** True only when the tab is known to have no selection; while it is not known, the actions stay usable. */
export function lacksSelection(state: SelectionState | undefined): boolean {
  return state !== undefined && 'selected' in state && !state.selected;
}
