import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '@/utils/history/conversation';
import { createJobRecord, type JobRecord } from '@/utils/jobs/job-record';
import { changeTask, earlierTurns, intentLabel, needsPage, waitsForInstruction } from '@/utils/jobs/task-for-intent';
import type { TaskRequest } from '@/utils/jobs/task';

const page = { url: 'https://example.com/a', title: 'A' };
const summary: TaskRequest = { kind: 'summarize-page', page: { ...page, text: 'Text.', source: 'readability' } };
const customRewrite: TaskRequest = { kind: 'rewrite-selection', page, selection: 'hello', style: 'custom' };
const fix: TaskRequest = { kind: 'rewrite-selection', page, selection: 'hello', style: 'fix' };
const chat: TaskRequest = { kind: 'chat', page, messages: [{ role: 'user', content: 'Q?' }] };

const answer = (status: JobRecord['status'], text: string): ConversationMessage => ({
  id: `a-${text}`,
  role: 'assistant',
  createdAt: 1,
  job: { ...createJobRecord({ id: `j-${text}`, title: 'T', workerId: 'w', now: 1 }), status, text },
});
const question = (text: string): ConversationMessage => ({ id: `q-${text}`, role: 'user', createdAt: 1, text, action: { kind: 'ask', question: text, includePage: false, includeSelection: false } });

describe('intentLabel', () => {
  it('should name each intent as the conversation shows it', () => {
    expect(intentLabel({ kind: 'ask', question: 'Why?', includePage: true, includeSelection: false }, 'en')).toBe('Why?');
    expect(intentLabel({ kind: 'summarize-page' }, 'en')).toBe('Summarize this page');
    expect(intentLabel({ kind: 'summarize-selection' }, 'en')).toBe('Summarize the selection');
    expect(intentLabel({ kind: 'rewrite-selection', style: 'fix' }, 'en')).toBe('Rewrite the selection: Fix spelling & grammar');
    expect(intentLabel({ kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' }, 'en')).toBe('Rewrite the selection: Make it rhyme');
    expect(intentLabel({ kind: 'rewrite-selection', style: 'custom' }, 'en')).toBe('Rewrite the selection: your instruction');
  });
});

describe('needsPage and waitsForInstruction', () => {
  it("should read the page's text only for a page summary or a question that includes it", () => {
    expect(needsPage({ kind: 'summarize-page' })).toBe(true);
    expect(needsPage({ kind: 'ask', question: 'Q', includePage: true, includeSelection: true })).toBe(true);
    expect(needsPage({ kind: 'ask', question: 'Q', includePage: false, includeSelection: true })).toBe(false);
    expect(needsPage({ kind: 'summarize-selection' })).toBe(false);
    expect(needsPage({ kind: 'rewrite-selection', style: 'improve' })).toBe(false);
  });

  it('should wait only for a custom rewrite asked without an instruction', () => {
    expect(waitsForInstruction({ kind: 'rewrite-selection', style: 'custom' })).toBe(true);
    expect(waitsForInstruction({ kind: 'rewrite-selection', style: 'custom', instruction: '  ' })).toBe(true);
    expect(waitsForInstruction({ kind: 'rewrite-selection', style: 'custom', instruction: 'Rhyme' })).toBe(false);
    expect(waitsForInstruction({ kind: 'rewrite-selection', style: 'fix' })).toBe(false);
    expect(waitsForInstruction({ kind: 'summarize-page' })).toBe(false);
  });
});

describe('earlierTurns', () => {
  it('should keep each question with its finished answer, in order, and leave the rest out', () => {
    const messages = [question('One?'), answer('done', 'One.'), question('Two?'), answer('error', ''), question('Three?'), answer('done', ''), question('Four?'), answer('done', 'Four.'), question('Five?')];

    const turns = earlierTurns(messages);

    expect(turns).toEqual([
      { role: 'user', content: 'One?' },
      { role: 'assistant', content: 'One.' },
      { role: 'user', content: 'Four?' },
      { role: 'assistant', content: 'Four.' },
    ]);
  });
});

describe('changeTask', () => {
  it('should set, replace or drop the provider tried first', () => {
    const preferred = changeTask(summary, { preferProviderId: 'b' });

    expect(preferred).toMatchObject({ preferProviderId: 'b' });
    expect(changeTask(preferred, { preferProviderId: 'c' })).toMatchObject({ preferProviderId: 'c' });
    expect(changeTask(preferred, { preferProviderId: undefined })).not.toHaveProperty('preferProviderId');
    expect(changeTask(preferred, {})).toMatchObject({ preferProviderId: 'b' });
  });

  it('should apply each change only to the kind of task it fits', () => {
    expect(changeTask(summary, { confirmedLong: true, summaryStyle: 'tldr', instruction: 'x' })).toEqual({ ...summary, confirmedLong: true, summaryStyle: 'tldr' });
    expect(changeTask(customRewrite, { confirmedLong: true, summaryStyle: 'tldr', instruction: 'Rhyme' })).toEqual({ ...customRewrite, instruction: 'Rhyme' });
    expect(changeTask(fix, { confirmedLong: true, summaryStyle: 'tldr', instruction: 'Rhyme' })).toEqual(fix);
    expect(changeTask(chat, { confirmedLong: true, summaryStyle: 'tldr', instruction: 'Rhyme' })).toEqual(chat);
  });

  it('should leave the task it was given as it was', () => {
    const before = structuredClone(summary);

    changeTask(summary, { confirmedLong: true, preferProviderId: 'b' });

    expect(summary).toEqual(before);
  });
});
