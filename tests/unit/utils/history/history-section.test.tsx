// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, HistoryPreferences } from '@/utils/history/conversation';
import { inputLabelled, renderInDom, statusText as statusOf, type Rendered } from '../../support/render-in-dom';

const sendMessage = vi.hoisted(() => vi.fn());
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

const { HistorySection } = await import('@/entrypoints/options/HistorySection');

const summary = (id: string): ConversationSummary => ({ id, pageKey: id, url: id, title: id, updatedAt: 1, messageCount: 2, preview: '' });

/** A background that keeps preferences and conversations, answering the section's messages. */
function fakeBackground(initial: HistoryPreferences, ids: string[]) {
  let preferences = initial;
  const kept = new Set(ids);
  sendMessage.mockImplementation(async (type: string, data: unknown) => {
    switch (type) {
      case 'getHistoryPreferences':
        return preferences;
      case 'saveHistoryPreferences':
        preferences = data as HistoryPreferences;
        return preferences;
      case 'listConversations':
        return [...kept].map(summary);
      case 'deleteAllHistory': {
        const deleted = kept.size;
        kept.clear();
        return { deleted };
      }
      default:
        throw new Error(`unexpected ${type}`);
    }
  });
  return { preferences: () => preferences, kept };
}

let view: Rendered;
let container: HTMLDivElement;

async function render(): Promise<void> {
  view = await renderInDom(<HistorySection />);
  container = view.container;
}

const button = (name: string): HTMLButtonElement => {
  const found = [...container.querySelectorAll('button')].find((candidate) => candidate.textContent === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const labelled = (text: string): HTMLInputElement => inputLabelled(container, text)!;
const statusText = (): string => statusOf(container);
const click = (target: HTMLElement) => act(async () => target.click());

describe('HistorySection', () => {
  beforeEach(() => {
    sendMessage.mockReset();
  });
  afterEach(() => {
    view.remove();
  });

  it('should show the saved preferences and turn history off', async () => {
    const background = fakeBackground({ enabled: true, maxConversations: 50 }, []);
    await render();

    const keep = labelled('Keep chat history');
    expect(keep.checked).toBe(true);
    expect(labelled('Keep at most').value).toBe('50');

    await click(keep);

    expect(background.preferences()).toEqual({ enabled: false, maxConversations: 50 });
    expect(labelled('Keep chat history').checked).toBe(false);
    expect(statusText()).toContain('no longer kept');
  });

  it('should refuse a cap out of range and save one in range', async () => {
    const background = fakeBackground({ enabled: true, maxConversations: 200 }, []);
    await render();
    const input = labelled('Keep at most');
    const type = (value: string) =>
      act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });

    await type('0');
    await click(button('Save limit'));
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('from 1 to 1000');
    expect(background.preferences().maxConversations).toBe(200);

    await type('30');
    await click(button('Save limit'));
    expect(background.preferences()).toEqual({ enabled: true, maxConversations: 30 });
    expect(statusText()).toContain('at most 30 conversations');
  });

  it('should delete all history only after the user confirms', async () => {
    const background = fakeBackground({ enabled: true, maxConversations: 200 }, ['a', 'b', 'c']);
    await render();

    await click(button('Delete all history'));
    expect(background.kept.size).toBe(3);
    await click(button('Cancel'));
    expect(background.kept.size).toBe(3);

    await click(button('Delete all history'));
    await click(button('Delete everything'));

    expect(background.kept.size).toBe(0);
    expect(statusText()).toBe('Deleted 3 conversations.');
    expect(document.activeElement?.textContent).toBe('Delete all history');
  });
});
