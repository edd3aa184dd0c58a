// Selects words on a page the way a user's drag would: inside a text field, an editable area or read-only text.
import type { Page } from 'playwright-core';

/** Selects `words` inside the element with this id (a drag over read-only text takes the focus from a field). */
export async function selectWordsIn(page: Page, id: string, words: string): Promise<void> {
  await page.evaluate(
    ({ fieldId, words: wanted }) => {
      const field = document.getElementById(fieldId)!;
      if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
        const start = field.value.indexOf(wanted);
        field.focus();
        field.setSelectionRange(start, start + wanted.length);
        return;
      }
      if (field.isContentEditable) field.focus();
      else (document.activeElement as HTMLElement | null)?.blur();
      const text = field.firstChild!;
      const start = text.nodeValue!.indexOf(wanted);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + wanted.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    },
    { fieldId: id, words },
  );
}
