// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { captureSelection, rangeFromOffsets, textOffset } from '@/utils/page/selection';

afterEach(() => {
  document.body.innerHTML = '';
  document.getSelection()?.removeAllRanges();
});

function selectInside(node: Node, start: number, end: number): void {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

describe('captureSelection', () => {
  it('should capture the selected part of a focused textarea with its offsets', () => {
    document.body.innerHTML = '<textarea>Hello teh world</textarea>';
    const textarea = document.querySelector('textarea')!;
    textarea.focus();
    textarea.setSelectionRange(6, 9);

    const captured = captureSelection(document);

    expect(captured).toEqual({ kind: 'text-field', element: textarea, start: 6, end: 9, text: 'teh' });
  });

  it('should treat a read-only text field and a password field as not replaceable', () => {
    document.body.innerHTML = '<input value="Hello world" readonly><input type="password" value="secret">';
    const [readOnly, password] = [...document.querySelectorAll('input')];
    readOnly!.focus();
    readOnly!.setSelectionRange(0, 5);
    const fromReadOnly = captureSelection(document);
    password!.focus();

    const fromPassword = captureSelection(document);

    expect(fromReadOnly).toEqual({ kind: 'read-only', text: 'Hello' });
    expect(fromPassword).toEqual({ kind: 'none' });
  });

  it('should capture a contenteditable selection as text offsets in its editable root', () => {
    document.body.innerHTML = '<div contenteditable="true"><p>One <b>two</b> three</p></div>';
    const root = document.querySelector('div')!;
    selectInside(root.querySelector('b')!.firstChild!, 0, 3);

    const captured = captureSelection(document);

    expect(captured).toEqual({ kind: 'content-editable', element: root, start: 4, end: 7, text: 'two' });
  });

  it('should capture page text as read-only and ignore an empty selection', () => {
    document.body.innerHTML = '<p>Plain paragraph text</p>';
    const empty = captureSelection(document);
    selectInside(document.querySelector('p')!.firstChild!, 6, 15);

    const captured = captureSelection(document);

    expect(empty).toEqual({ kind: 'none' });
    expect(captured).toEqual({ kind: 'read-only', text: 'paragraph' });
  });
});

describe('rangeFromOffsets', () => {
  it('should find the range of text offsets across elements', () => {
    document.body.innerHTML = '<div>One <b>two</b> three</div>';
    const root = document.querySelector('div')!;

    const range = rangeFromOffsets(root, 2, 9);

    expect(range.toString()).toBe('e two t');
    expect(textOffset(root, range.startContainer, range.startOffset)).toBe(2);
  });
});
