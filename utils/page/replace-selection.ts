// Puts text in place of a saved editable selection the way typing would, so the page's undo and its framework see it.
import { rangeFromOffsets, type EditableTarget } from './selection';

export type ReplaceResult =
  /** `target` now covers the inserted text: replacing it again with the original restores it. */
  | { ok: true; target: EditableTarget; usedUndoableEdit: boolean }
  /** The field left the page, or its text changed since the selection was saved. */
  | { ok: false; reason: 'gone' | 'changed' };

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function replaceSelection(target: EditableTarget, text: string): ReplaceResult {
  const { element } = target;
  if (!element.isConnected) return { ok: false, reason: 'gone' };
  return target.kind === 'text-field' ? replaceInTextField(target, text) : replaceInContentEditable(target, text);
}

function insertTextCommand(doc: Document, text: string): boolean {
  // Deprecated but still the only way to edit that joins the browser's own undo stack and fires a trusted input event.
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

function announceInput(element: HTMLElement, text: string): void {
  element.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

function replaceInTextField(target: Extract<EditableTarget, { kind: 'text-field' }>, text: string): ReplaceResult {
  const { element, start, end } = target;
  if (element.value.slice(start, end) !== target.text) return { ok: false, reason: 'changed' };
  element.focus();
  element.setSelectionRange(start, end);
  const before = element.value;
  let usedUndoableEdit = insertTextCommand(element.ownerDocument, text);
  // Some pages refuse the command (or it inserted nothing): set the value like a framework-aware paste would.
  if (usedUndoableEdit && element.value === before && text !== target.text) usedUndoableEdit = false;
  if (!usedUndoableEdit) {
    const value = before.slice(0, start) + text + before.slice(end);
    // The prototype's setter, not the element's own: React's value tracker hides behind the latter.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set;
    if (setter) setter.call(element, value);
    else element.value = value;
    element.setSelectionRange(start, start + text.length);
    announceInput(element, text);
  }
  return { ok: true, target: { ...target, end: start + text.length, text }, usedUndoableEdit };
}

function replaceInContentEditable(target: Extract<EditableTarget, { kind: 'content-editable' }>, text: string): ReplaceResult {
  const { element, start, end } = target;
  const range = rangeFromOffsets(element, start, end);
  if (squash(range.toString()) !== squash(target.text)) return { ok: false, reason: 'changed' };
  element.focus();
  const selection = element.ownerDocument.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  const usedUndoableEdit = insertTextCommand(element.ownerDocument, text);
  if (!usedUndoableEdit) {
    range.deleteContents();
    const node = element.ownerDocument.createTextNode(text);
    range.insertNode(node);
    selection?.removeAllRanges();
    const inserted = element.ownerDocument.createRange();
    inserted.selectNodeContents(node);
    selection?.addRange(inserted);
    announceInput(element, text);
  }
  // The browser may turn line breaks into elements: measure what the inserted text now spans.
  const inserted = rangeFromOffsets(element, start, start + text.length).toString();
  return { ok: true, target: { ...target, end: start + inserted.length, text: inserted }, usedUndoableEdit };
}
