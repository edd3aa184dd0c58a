// Captures what the user selected when the panel opens: its text and, in an editable field, where to put a rewrite.
export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Where an editable selection lives: a text field and its offsets, or a contenteditable root and text offsets in it. */
export type EditableTarget =
  | { kind: 'text-field'; element: TextField; start: number; end: number; text: string }
  | { kind: 'content-editable'; element: HTMLElement; start: number; end: number; text: string };

export type CapturedSelection = { kind: 'none' } | { kind: 'read-only'; text: string } | EditableTarget;

/** Input types that hold free text and support selection ranges (never passwords). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'tel']);

export function isTextField(element: Element | null): element is TextField {
  if (!element) return false;
  if (element.tagName === 'TEXTAREA') return true;
  return element.tagName === 'INPUT' && TEXT_INPUT_TYPES.has(((element as HTMLInputElement).type || 'text').toLowerCase());
}

/** The focused element, looking inside open shadow roots of the page's own components. */
function deepActiveElement(doc: Document, ignore?: Element): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement && active !== ignore) active = active.shadowRoot.activeElement;
  return active === ignore ? null : active;
}

/** The outermost contenteditable element containing `node`. */
function editableRoot(node: Node | null): HTMLElement | undefined {
  let element = node && (node.nodeType === 1 ? (node as HTMLElement) : node.parentElement);
  if (!element?.isContentEditable) return undefined;
  while (element.parentElement?.isContentEditable) element = element.parentElement;
  return element;
}

/** Character offset of a boundary point within `root`'s text (counting text nodes, as textContent does). */
export function textOffset(root: Node, container: Node, offset: number): number {
  const range = root.ownerDocument!.createRange();
  range.selectNodeContents(root);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** The range covering characters [start, end) of `root`'s text. */
export function rangeFromOffsets(root: Node, start: number, end: number): Range {
  const doc = root.ownerDocument!;
  const range = doc.createRange();
  range.selectNodeContents(root);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  let startSet = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.nodeValue?.length ?? 0;
    if (!startSet && start <= seen + length) {
      range.setStart(node, start - seen);
      startSet = true;
    }
    if (startSet && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  if (!startSet) range.collapse(false);
  return range;
}

/** Reads the selection now, before the panel takes focus; `ignore` is Lifeline's own panel host. */
export function captureSelection(doc: Document, ignore?: Element): CapturedSelection {
  const active = deepActiveElement(doc, ignore);
  if (isTextField(active)) {
    const start = active.selectionStart ?? 0;
    const end = active.selectionEnd ?? start;
    const text = active.value.slice(start, end);
    if (!text.trim()) return { kind: 'none' };
    return active.readOnly || active.disabled ? { kind: 'read-only', text } : { kind: 'text-field', element: active, start, end, text };
  }
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { kind: 'none' };
  const range = selection.getRangeAt(0);
  const text = range.toString();
  if (!text.trim()) return { kind: 'none' };
  const root = editableRoot(range.commonAncestorContainer);
  if (!root) return { kind: 'read-only', text };
  const start = textOffset(root, range.startContainer, range.startOffset);
  return { kind: 'content-editable', element: root, start, end: start + text.length, text };
}
