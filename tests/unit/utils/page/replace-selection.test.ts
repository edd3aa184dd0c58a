// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replaceSelection } from '@/utils/page/replace-selection';
import type { EditableTarget } from '@/utils/page/selection';

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, 'execCommand');
});

function textarea(value: string): HTMLTextAreaElement {
  document.body.innerHTML = '<textarea></textarea>';
  const element = document.querySelector('textarea')!;
  element.value = value;
  return element;
}

describe('replaceSelection in a text field', () => {
  it('should insert with the undoable insertText command at the saved range', () => {
    const element = textarea('Hello teh world');
    const execCommand = vi.fn((_command: string, _ui: boolean, text: string) => {
      element.setRangeText(text, element.selectionStart!, element.selectionEnd!, 'end');
      return true;
    });
    Object.assign(document, { execCommand });
    const target: EditableTarget = { kind: 'text-field', element, start: 6, end: 9, text: 'teh' };

    const result = replaceSelection(target, 'the');

    expect(execCommand).toHaveBeenCalledWith('insertText', false, 'the');
    expect(element.value).toBe('Hello the world');
    expect(result).toEqual({ ok: true, usedUndoableEdit: true, target: { ...target, end: 9, text: 'the' } });
  });

  it('should set the value through the prototype setter and fire input when the command is unavailable', () => {
    const element = textarea('Hello teh world');
    const seen: string[] = [];
    element.addEventListener('input', () => seen.push(element.value));

    const result = replaceSelection({ kind: 'text-field', element, start: 6, end: 9, text: 'teh' }, 'the big');

    expect(element.value).toBe('Hello the big world');
    expect(seen).toEqual(['Hello the big world']);
    expect(result.ok && result.usedUndoableEdit).toBe(false);
  });

  it('should restore the original by replacing the inserted text again', () => {
    const element = textarea('Hello teh world');
    const first = replaceSelection({ kind: 'text-field', element, start: 6, end: 9, text: 'teh' }, 'the big');
    if (!first.ok) throw new Error('replace failed');

    const second = replaceSelection(first.target, 'teh');

    expect(second.ok).toBe(true);
    expect(element.value).toBe('Hello teh world');
  });

  it('should leave a field alone whose text changed or that left the page', () => {
    const element = textarea('Hello there world');
    const target: EditableTarget = { kind: 'text-field', element, start: 6, end: 9, text: 'teh' };
    const changed = replaceSelection(target, 'the');
    element.remove();

    const gone = replaceSelection(target, 'the');

    expect(changed).toEqual({ ok: false, reason: 'changed' });
    expect(gone).toEqual({ ok: false, reason: 'gone' });
    expect(element.value).toBe('Hello there world');
  });
});

describe('replaceSelection in a contenteditable element', () => {
  it('should replace the saved text offsets and fire input when the command is unavailable', () => {
    document.body.innerHTML = '<div contenteditable="true">One <b>teh</b> three</div>';
    const element = document.querySelector('div')!;
    const inputs: string[] = [];
    element.addEventListener('input', () => inputs.push(element.textContent ?? ''));

    const result = replaceSelection({ kind: 'content-editable', element, start: 4, end: 7, text: 'teh' }, 'the two');

    expect(element.textContent).toBe('One the two three');
    expect(inputs).toEqual(['One the two three']);
    expect(result.ok && result.target).toMatchObject({ start: 4, end: 11, text: 'the two' });
  });

  it('should restore the original text after a replace', () => {
    document.body.innerHTML = '<div contenteditable="true">One teh three</div>';
    const element = document.querySelector('div')!;
    const first = replaceSelection({ kind: 'content-editable', element, start: 4, end: 7, text: 'teh' }, 'the');
    if (!first.ok) throw new Error('replace failed');

    replaceSelection(first.target, 'teh');

    expect(element.textContent).toBe('One teh three');
  });
});
