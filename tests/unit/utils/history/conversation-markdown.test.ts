import { describe, expect, it } from 'vitest';
import { conversationToMarkdown, historyFileName, historyToMarkdown } from '@/utils/history/conversation-markdown';
import { answer, conversation, job, label, question } from './fixtures';

/** Local noon, so the date is the same whatever time zone runs the tests. */
const NOON_22_NOV = new Date(2026, 10, 22, 12, 5).getTime();

describe('conversationToMarkdown', () => {
  it('should write the title, address, date and each turn with who answered', () => {
    const markdown = conversationToMarkdown(
      conversation('a', NOON_22_NOV, {
        title: 'Borrowing in Rust',
        url: 'https://example.com/rust',
        messages: [
          question('q', 'What is a borrow?'),
          answer('r', job('j', { text: 'A **reference** to a value.\n\n- shared\n- mutable', answeredBy: label })),
        ],
      }),
    );

    expect(markdown).toMatch(
      /^# Borrowing in Rust\n\nhttps:\/\/example\.com\/rust\n\nStarted 2026-11-22 12:05 \(UTC[+-]\d\d:\d\d\), last updated 2026-11-22 12:05 \(UTC[+-]\d\d:\d\d\)\.\n\n/,
    );
    expect(markdown).toContain(
      '**You:** What is a borrow?\n\n**Lifeline** (Answered by Claude (sonnet)):\n\nA **reference** to a value.\n\n- shared\n- mutable\n',
    );
    expect(markdown).not.toContain('incomplete');
  });

  it('should quote the selection sent with a question', () => {
    const markdown = conversationToMarkdown(
      conversation('a', NOON_22_NOV, { messages: [question('q', 'Explain this', { selection: 'First line\n\nSecond line' })] }),
    );

    expect(markdown).toContain('**You:** Explain this\n\n> First line\n>\n> Second line\n');
  });

  it('should keep a title with line breaks on its one heading line', () => {
    const markdown = conversationToMarkdown(conversation('a', NOON_22_NOV, { title: 'Breaking\nnews:\r\n  today ' }));

    expect(markdown.split('\n')[0]).toBe('# Breaking news: today');
  });

  it('should name an untitled page', () => {
    expect(conversationToMarkdown(conversation('a', NOON_22_NOV, { title: ' \n ' })).split('\n')[0]).toBe('# Untitled page');
  });

  it('should mark an interrupted answer as incomplete, before its text', () => {
    const markdown = conversationToMarkdown(
      conversation('a', NOON_22_NOV, {
        messages: [question('q', 'Summarize'), answer('r', job('j', { status: 'interrupted', text: 'The first half of' }))],
      }),
    );

    expect(markdown).toContain(
      '**Lifeline** (Interrupted: the browser stopped Lifeline before the answer was complete. Retry to run it again):\n\n' +
        '_(interrupted: this answer is incomplete)_\n\nThe first half of',
    );
  });

  it.each([
    [job('j', { status: 'error', text: 'Partial', error: { kind: 'aborted', provider: 'Lifeline', retryable: false, message: 'Stopped.' } }), '_(stopped: this answer is incomplete)_'],
    [job('j', { status: 'error', text: '', error: { kind: 'network', provider: 'Claude', retryable: true, message: 'Claude could not be reached.' } }), '_(failed: there is no answer)_'],
    [job('j', { status: 'running', text: 'So far' }), '_(still running when exported: this answer is incomplete)_'],
    [job('j', { status: 'needs-consent', text: '', consentFor: [label] }), '_(not sent: there is no answer)_'],
  ])('should mark an answer that did not finish (%#)', (record, mark) => {
    const markdown = conversationToMarkdown(conversation('a', NOON_22_NOV, { messages: [answer('r', record)] }));

    expect(markdown).toContain(mark);
  });
});

describe('historyToMarkdown', () => {
  it('should put every conversation, in the order given, under one header', () => {
    const markdown = historyToMarkdown(
      [conversation('b', NOON_22_NOV, { title: 'Second page' }), conversation('a', NOON_22_NOV, { title: 'First page' })],
      new Date(NOON_22_NOV),
    );

    expect(markdown).toMatch(/^# Lifeline chat history\n\nExported 2026-11-22 12:05 \(UTC[+-]\d\d:\d\d\): 2 conversations\.\n/);
    expect(markdown.indexOf('# Second page')).toBeGreaterThan(0);
    expect(markdown.indexOf('# First page')).toBeGreaterThan(markdown.indexOf('# Second page'));
    expect(markdown.split('\n---\n')).toHaveLength(3);
  });

  it('should say when there is nothing to export', () => {
    expect(historyToMarkdown([], new Date(NOON_22_NOV))).toContain(': 0 conversations.');
  });
});

describe('historyFileName', () => {
  it('should name the file after the local date', () => {
    expect(historyFileName(new Date(2026, 10, 22, 23, 59))).toBe('lifeline-history-2026-11-22.md');
    expect(historyFileName(new Date(2027, 0, 3, 0, 1))).toBe('lifeline-history-2027-01-03.md');
  });
});
