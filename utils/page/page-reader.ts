// What the page reader does in a tab: report the page and its selection to the job that reads it, and put a rewrite
// back in place of the editable selection it last saw. No UI.
import type { PageSnapshot, ReadPageRequest, ReplaceOutcome } from './page-snapshot';
import { readThisPage, thisPageInfo } from './read-this-page';
import { replaceSelection } from './replace-selection';
import { PANEL_HOST_TAG } from '../panel/panel-host';
import { captureSelection, type EditableTarget } from './selection';

export const REPLACE_MESSAGES = {
  noSelection: 'There is no selected text in a field Lifeline can write to. Select the text in a text box on the page, then ask again.',
  gone: 'The field is no longer on the page. Copy the answer instead.',
  changed: 'The text in the field changed since you selected it, so Lifeline left it alone. Copy the answer instead.',
} as const;

export interface PageReader {
  /**
   * Captures the selection as it is now (remembering an editable one for `replace`) and, when asked, the page's text.
   * A `peek` only looks: the selection `replace` targets stays the one the last job's read saw.
   */
  read(request: ReadPageRequest): Promise<PageSnapshot>;
  /** Puts `text` in place of the editable selection the last `read` saw, as typing would (the page's undo works). */
  /** `below`: the text goes after the selection, which stays (a line break between them in a multi-line field). */
  replace(request: { text: string; placement?: 'replace' | 'below' }): ReplaceOutcome;
}

/** What goes between the selection and text inserted below it: a line break where the field can hold one. */
function separatorFor(target: EditableTarget): string {
  return target.kind === 'text-field' && target.element.tagName === 'INPUT' ? ' ' : '\n';
}

export function createPageReader(doc: Document = document): PageReader {
  let target: EditableTarget | undefined;

  return {
    async read({ includePage, peek }) {
      const captured = captureSelection(doc, doc.querySelector(PANEL_HOST_TAG) ?? undefined);
      const editable = captured.kind === 'text-field' || captured.kind === 'content-editable';
      // A read without an editable selection forgets the old one: Replace always targets what the user last saw.
      if (!peek) target = editable ? captured : undefined;
      const snapshot: PageSnapshot = {
        info: thisPageInfo(doc),
        selection: { text: captured.kind === 'none' ? '' : captured.text, editable },
      };
      if (!includePage) return snapshot;
      const read = await readThisPage(doc);
      return 'page' in read ? { ...snapshot, page: read.page } : { ...snapshot, pageProblem: read.problem };
    },

    replace({ text, placement = 'replace' }) {
      if (!target) return { ok: false, message: REPLACE_MESSAGES.noSelection };
      // Inserting below is a replace of the selection by itself and the text: the page's undo and Restore work alike.
      const result = replaceSelection(target, placement === 'below' ? `${target.text}${separatorFor(target)}${text}` : text);
      if (!result.ok) return { ok: false, message: REPLACE_MESSAGES[result.reason] };
      // The saved target now covers the inserted text, so a second replace (e.g. putting the original back) works too.
      target = result.target;
      return { ok: true };
    },
  };
}
