import { describe, expect, it } from 'vitest';
import { lacksSelection, selectionStateOf } from '@/utils/page/selection-state';
import type { TabReadResult } from '@/utils/page/page-snapshot';

const read = (text: string, editable = false): TabReadResult => ({
  ok: true,
  snapshot: { info: { url: 'https://example.com/', title: 'Example' }, selection: { text, editable } },
});

describe('selectionStateOf', () => {
  it.each<[string, TabReadResult, ReturnType<typeof selectionStateOf>]>([
    ['a selection in the page', read('Some words'), { selected: true, editable: false }],
    ['a selection in a field', read('teh report', true), { selected: true, editable: true }],
    ['no selection', read(''), { selected: false, editable: false }],
    ['only white space', read(' \n\t'), { selected: false, editable: false }],
    ['a tab Lifeline may not read', { ok: false, reason: 'no-access', message: 'Click the Lifeline button' }, { access: 'no-access' }],
    ['a page that did not answer', { ok: false, reason: 'failed', message: 'Reload the page' }, { access: 'failed' }],
  ])('should reduce %s to its facts', (_case, result, expected) => {
    const state = selectionStateOf(result);

    expect(state).toEqual(expected);
  });
});

describe('lacksSelection', () => {
  it('should be true only when the tab is known to have no selection', () => {
    const cases = [undefined, { access: 'no-access' as const }, { access: 'failed' as const }, { selected: true, editable: false }, { selected: false, editable: false }];

    const lacking = cases.map(lacksSelection);

    expect(lacking).toEqual([false, false, false, false, true]);
  });
});
