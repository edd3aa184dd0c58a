// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SelectionState } from '@/utils/page/selection-state';
import { renderInDom, type Rendered } from '../support/render-in-dom';

/** The background's answers, in the order the hook asks; each question waits until the test answers it. */
const background = vi.hoisted(() => ({ questions: [] as Array<{ tabId: number; answer(state: unknown): void; fail(): void }> }));
vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: (_type: string, data: { tabId: number }) =>
    new Promise((resolve, reject) => background.questions.push({ tabId: data.tabId, answer: resolve, fail: () => reject(new Error('No answer')) })),
}));

const { useTabSelection } = await import('@/components/chat/use-tab-selection');

let shown: SelectionState | undefined;
function Probe({ tabId, revision }: { tabId: number | undefined; revision: number }) {
  shown = useTabSelection(tabId, revision);
  return null;
}

const SELECTED: SelectionState = { selected: true, editable: false };
const NONE: SelectionState = { selected: false, editable: false };

let rendered: Rendered | undefined;
afterEach(() => {
  rendered?.remove();
  background.questions = [];
  shown = undefined;
});

describe('useTabSelection', () => {
  it('should ask about the tab it shows, and not know until the answer comes', async () => {
    rendered = await renderInDom(<Probe tabId={7} revision={0} />);
    const before = shown;

    await act(async () => background.questions[0]!.answer(NONE));

    expect(before).toBeUndefined();
    expect(background.questions.map((question) => question.tabId)).toEqual([7]);
    expect(shown).toEqual(NONE);
  });

  it('should ask nothing while the chat cannot read a tab', async () => {
    rendered = await renderInDom(<Probe tabId={undefined} revision={0} />);

    expect(background.questions).toEqual([]);
    expect(shown).toBeUndefined();
  });

  it('should ask again when the user comes back to the surface', async () => {
    rendered = await renderInDom(<Probe tabId={7} revision={0} />);
    await act(async () => background.questions[0]!.answer(NONE));

    await act(async () => window.dispatchEvent(new Event('focus')));
    await act(async () => background.questions[1]!.answer(SELECTED));
    await act(async () => document.documentElement.dispatchEvent(new Event('pointerenter')));

    expect(background.questions).toHaveLength(3);
    expect(shown).toEqual(SELECTED);
  });

  it('should ask once at a time, and ask again for a reason that came up meanwhile instead of showing the older answer', async () => {
    rendered = await renderInDom(<Probe tabId={7} revision={0} />);
    await act(async () => window.dispatchEvent(new Event('focus')));
    await act(async () => document.documentElement.dispatchEvent(new Event('pointerenter')));
    const questionsWhileAsking = background.questions.length;

    await act(async () => background.questions[0]!.answer(NONE));
    const afterOlderAnswer = shown;
    await act(async () => background.questions[1]!.answer(SELECTED));

    expect(questionsWhileAsking).toBe(1);
    expect(afterOlderAnswer).toBeUndefined();
    expect(background.questions).toHaveLength(2);
    expect(shown).toEqual(SELECTED);
  });

  it('should forget what it knew when the background does not answer', async () => {
    rendered = await renderInDom(<Probe tabId={7} revision={0} />);
    await act(async () => background.questions[0]!.answer(NONE));

    await act(async () => window.dispatchEvent(new Event('focus')));
    await act(async () => background.questions[1]!.fail());

    expect(shown).toBeUndefined();
  });

  it('should stop asking once the surface is gone', async () => {
    rendered = await renderInDom(<Probe tabId={7} revision={0} />);
    rendered.remove();
    rendered = undefined;

    window.dispatchEvent(new Event('focus'));

    expect(background.questions).toHaveLength(1);
  });
});
