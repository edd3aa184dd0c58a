// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConversationSummary } from '@/utils/history/conversation';

// A plain function, not vi.fn(): a vi.fn() that rejects is reported as a test error even when the view handles it.
const background = vi.hoisted(() => ({ answer: (_type: string, _data?: unknown): Promise<unknown> => Promise.resolve(null) }));
const sendMessage = vi.hoisted(() => (type: string, data?: unknown) => background.answer(type, data));
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

const { HistoryView } = await import('@/components/chat/HistoryView');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const summary: ConversationSummary = { id: 'c1', pageKey: 'https://a.test/', url: 'https://a.test/', title: 'A page', updatedAt: 1, messageCount: 2, preview: 'An answer' };

let container: HTMLDivElement;
let root: Root;

async function render(): Promise<void> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<HistoryView open={() => undefined} close={() => undefined} />));
}

const text = (): string => container.textContent ?? '';
const button = (label: string): HTMLButtonElement => container.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;

describe('HistoryView', () => {
  beforeEach(() => {
    // The fake browser does not implement i18n: the view speaks the browser's language.
    fakeBrowser.i18n.getUILanguage = () => 'en-US';
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('should say the history could not be read instead of loading forever', async () => {
    background.answer = async (type: string) => {
      if (type === 'getHistoryNotice') return null;
      throw new Error('Could not establish connection.');
    };
    await render();

    expect(text()).toContain('Lifeline could not read the history.');
    expect(text()).not.toContain('Loading…');
  });

  it('should say a deletion failed and keep the conversation listed', async () => {
    background.answer = async (type: string) => {
      if (type === 'getHistoryNotice') return null;
      if (type === 'listConversations') return [summary];
      throw new Error('Could not establish connection.');
    };
    await render();

    await act(async () => button('Delete A page').click());

    expect(text()).toContain('Lifeline could not delete "A page". Try again.');
    expect(button('Open A page')).not.toBeNull();
  });

  it('should say how long ago each conversation was updated, with the full date as a tooltip', async () => {
    const threeMinutesAgo = Date.now() - 3 * 60_000 - 5_000;
    background.answer = async (type: string) => (type === 'listConversations' ? [{ ...summary, updatedAt: threeMinutesAgo }] : null);

    await render();

    const time = container.querySelector('time')!;
    expect(time.textContent).toBe('3 minutes ago');
    expect(time.getAttribute('datetime')).toBe(new Date(threeMinutesAgo).toISOString());
    expect(time.getAttribute('title')).toMatch(/\d{4}/);
  });
});
