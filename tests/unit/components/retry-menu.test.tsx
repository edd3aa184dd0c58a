// @vitest-environment happy-dom
// Unit tests: "Retry with…" focuses its first provider when it opens, and a list refreshed while the menu is open never
// moves the focus the user already moved (Enter would then pick a provider the user did not choose).
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetryMenu } from '@/components/RetryMenu';
import { renderInDom, type Rendered } from '../support/render-in-dom';

const LABELS = [
  { id: 'first', name: 'First model', model: 'first-model' },
  { id: 'second', name: 'Second model', model: 'second-model' },
];
const labelRequests = vi.hoisted(() => [] as Array<(labels: unknown) => void>);
vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: () => new Promise((resolve) => labelRequests.push(resolve)),
}));

let rendered: Rendered | undefined;
const button = (): HTMLButtonElement => rendered!.container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')!;
const items = (): HTMLButtonElement[] => [...rendered!.container.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
const focusedText = (): string | null | undefined => document.activeElement?.textContent;
const answerLabels = async (): Promise<void> => act(async () => labelRequests.shift()?.(LABELS.map((label) => ({ ...label }))));

describe('RetryMenu', () => {
  afterEach(() => {
    rendered?.remove();
    rendered = undefined;
    labelRequests.length = 0;
  });

  it('should focus the first provider once the list has loaded', async () => {
    rendered = await renderInDom(<RetryMenu onPick={() => {}} />);

    await act(async () => button().click());
    expect(rendered.container.querySelector('[role="menu"]')?.textContent).toContain('Loading providers');
    await answerLabels();

    expect(items().map((item) => item.textContent)).toEqual(['First model (first-model)', 'Second model (second-model)']);
    expect(focusedText()).toBe('First model (first-model)');
  });

  it('should keep the focus on the provider the user moved to when the list refreshes', async () => {
    const onPick = vi.fn();
    rendered = await renderInDom(<RetryMenu onPick={onPick} />);
    await act(async () => button().click());
    await answerLabels();
    await act(async () => button().click());

    // Opened again: the last list shows at once while a fresh one is asked for.
    await act(async () => button().click());
    expect(focusedText()).toBe('First model (first-model)');
    await act(async () => {
      items()[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(focusedText()).toBe('Second model (second-model)');
    await answerLabels();

    expect(focusedText()).toBe('Second model (second-model)');
    await act(async () => (document.activeElement as HTMLButtonElement).click());
    expect(onPick).toHaveBeenCalledWith('second');
  });
});
