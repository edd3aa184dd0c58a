// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createPageReader, REPLACE_MESSAGES } from '@/utils/page/page-reader';
import { PANEL_HOST_TAG } from '@/utils/panel/panel-host';

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  document.getSelection()?.removeAllRanges();
});

function selectInTextarea(value: string, words: string): HTMLTextAreaElement {
  document.body.innerHTML = '<textarea></textarea><p id="other">Some other words on the page.</p>';
  const textarea = document.querySelector('textarea')!;
  textarea.value = value;
  textarea.focus();
  const start = value.indexOf(words);
  textarea.setSelectionRange(start, start + words.length);
  return textarea;
}

function selectInParagraph(html: string, words: string): void {
  document.body.innerHTML = html;
  const text = document.querySelector('p')!.firstChild!;
  const start = text.nodeValue!.indexOf(words);
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + words.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

describe('createPageReader: read', () => {
  it('should report an editable selection in a textarea with the page info, without the page when not asked', async () => {
    document.title = 'Compose';
    document.documentElement.lang = 'en';
    selectInTextarea('Please send teh report by friday.', 'teh report');
    const reader = createPageReader(document);

    const snapshot = await reader.read({ includePage: false });

    expect(snapshot).toEqual({
      info: { url: document.location.href, title: 'Compose', lang: 'en' },
      selection: { text: 'teh report', editable: true },
    });
  });

  it('should report a selection in the page text as not editable', async () => {
    selectInParagraph('<p>The quarterly report is late because teh report template changed.</p>', 'teh report');

    const snapshot = await createPageReader(document).read({ includePage: false });

    expect(snapshot.selection).toEqual({ text: 'teh report', editable: false });
  });

  it('should report no selection as empty text', async () => {
    document.body.innerHTML = '<p>Nothing selected here.</p>';

    const snapshot = await createPageReader(document).read({ includePage: false });

    expect(snapshot.selection).toEqual({ text: '', editable: false });
  });

  it('should never take a field inside Lifeline\'s own panel for the selection', async () => {
    // The host as the panel loader draws it (utils/panel/panel-host.ts), not a copy of its name.
    const host = document.createElement(PANEL_HOST_TAG);
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<textarea></textarea>';
    const field = shadow.querySelector('textarea')!;
    field.value = 'Text typed into the panel';
    field.focus();
    field.setSelectionRange(0, 4);

    const snapshot = await createPageReader(document).read({ includePage: false });

    expect(snapshot.selection).toEqual({ text: '', editable: false });
  });

  it('should add the page text when asked', async () => {
    document.title = 'Notes';
    document.body.innerHTML = '<main><h1>Notes</h1><p>First paragraph of the notes.</p><p>Second paragraph.</p></main>';

    const snapshot = await createPageReader(document).read({ includePage: true });

    expect(snapshot.page).toMatchObject({ url: document.location.href, title: 'Notes', source: 'visible-text' });
    expect(snapshot.page?.text).toContain('First paragraph of the notes.');
    expect(snapshot.pageProblem).toBeUndefined();
  });

  it('should say in plain words when the page has no text', async () => {
    document.body.innerHTML = '';

    const snapshot = await createPageReader(document).read({ includePage: true });

    expect(snapshot.page).toBeUndefined();
    expect(snapshot.pageProblem).toBe('This page has no readable text to summarize.');
  });
});

describe('createPageReader: replace', () => {
  it('should put the rewrite in place of the textarea selection it read, and again over its own text', async () => {
    const textarea = selectInTextarea('Please send teh report by friday.', 'teh report');
    const reader = createPageReader(document);
    await reader.read({ includePage: false });
    textarea.blur();

    const first = reader.replace({ text: 'the final report' });
    const afterFirst = textarea.value;
    const second = reader.replace({ text: 'teh report' });

    expect(first).toEqual({ ok: true });
    expect(afterFirst).toBe('Please send the final report by friday.');
    expect(second).toEqual({ ok: true });
    expect(textarea.value).toBe('Please send teh report by friday.');
  });

  it('should refuse when the last read saw no editable selection', async () => {
    const reader = createPageReader(document);
    const beforeAnyRead = reader.replace({ text: 'x' });
    selectInTextarea('Please send teh report by friday.', 'teh report');
    await reader.read({ includePage: false });
    selectInParagraph('<p>The quarterly report is late because teh report template changed.</p>', 'teh report');
    await reader.read({ includePage: false });

    const afterReadOnly = reader.replace({ text: 'the report' });

    expect(beforeAnyRead).toEqual({ ok: false, message: REPLACE_MESSAGES.noSelection });
    expect(afterReadOnly).toEqual({ ok: false, message: REPLACE_MESSAGES.noSelection });
    expect(document.querySelector('p')!.textContent).toBe('The quarterly report is late because teh report template changed.');
  });

  it('should keep the selection a job read when the quick actions only peek', async () => {
    const textarea = selectInTextarea('Please send teh report by friday.', 'teh report');
    const reader = createPageReader(document);
    await reader.read({ includePage: false });
    selectInParagraph('<p>The quarterly report is late.</p>', 'quarterly');
    document.body.append(textarea);

    const peeked = await reader.read({ includePage: false, peek: true });
    const outcome = reader.replace({ text: 'the final report' });

    expect(peeked.selection).toEqual({ text: 'quarterly', editable: false });
    expect(outcome).toEqual({ ok: true });
    expect(textarea.value).toBe('Please send the final report by friday.');
  });

  it('should leave a field alone when its text changed since the read, and say when it is gone', async () => {
    const textarea = selectInTextarea('Please send teh report by friday.', 'teh report');
    const reader = createPageReader(document);
    await reader.read({ includePage: false });
    textarea.value = 'Something else entirely now.';

    const changed = reader.replace({ text: 'the report' });
    textarea.remove();
    const gone = reader.replace({ text: 'the report' });

    expect(changed).toEqual({ ok: false, message: REPLACE_MESSAGES.changed });
    expect(textarea.value).toBe('Something else entirely now.');
    expect(gone).toEqual({ ok: false, message: REPLACE_MESSAGES.gone });
  });

  it('should replace a contenteditable selection', async () => {
    document.body.innerHTML = '<div contenteditable="true">Please send teh report by friday.</div>';
    const editable = document.querySelector('div')!;
    const text = editable.firstChild!;
    const range = document.createRange();
    range.setStart(text, 12);
    range.setEnd(text, 22);
    document.getSelection()!.addRange(range);
    const reader = createPageReader(document);
    const snapshot = await reader.read({ includePage: false });

    const outcome = reader.replace({ text: 'the report' });

    expect(snapshot.selection).toEqual({ text: 'teh report', editable: true });
    expect(outcome).toEqual({ ok: true });
    expect(editable.textContent).toBe('Please send the report by friday.');
  });
});
