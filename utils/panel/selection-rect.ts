// Where the user's selection is on screen, for a rewrite shown next to it: the focused text field, or the selected text.
import type { Rect } from './panel-geometry';

const isTextField = (element: Element | null): element is HTMLInputElement | HTMLTextAreaElement =>
  element !== null && (element.tagName === 'TEXTAREA' || element.tagName === 'INPUT');

/** The focused element, looking inside open shadow roots of the page's own components. */
function focusedElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The selection's box in viewport coordinates, or undefined when nothing is selected where Lifeline can tell. */
export function selectionRect(doc: Document): Rect | undefined {
  const active = focusedElement(doc);
  // A text field does not say where its selected words are drawn: the field's own box stands in.
  if (isTextField(active)) return active.getBoundingClientRect();
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const box = selection.getRangeAt(0).getBoundingClientRect();
  return box.width > 0 || box.height > 0 ? box : undefined;
}
