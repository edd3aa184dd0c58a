// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OnboardingCard } from '@/components/chat/OnboardingCard';
import { onboardingItem } from '@/utils/storage/onboarding';
import { renderInDom, type Rendered } from '../support/render-in-dom';

const COMMANDS = [
  { name: '_execute_action', description: '', shortcut: '' },
  { name: 'improve-writing', description: 'Improve the selected writing', shortcut: 'Alt+Shift+I' },
  { name: 'summarize-page', description: 'Summarize this page', shortcut: 'Alt+Shift+S' },
];

let rendered: Rendered | undefined;
let commands = COMMANDS;

beforeEach(() => {
  fakeBrowser.reset();
  commands = COMMANDS;
  // The fake browser implements neither: the browser's shortcuts and whether the button is pinned.
  fakeBrowser.commands.getAll = async () => commands;
  fakeBrowser.action.getUserSettings = async () => ({ isOnToolbar: false });
  Object.assign(fakeBrowser.action, { onUserSettingsChanged: { addListener: () => undefined, removeListener: () => undefined } });
});

afterEach(() => {
  rendered?.remove();
  rendered = undefined;
});

/** Renders the card and lets storage and the browser answer. */
async function render(tryIt?: () => void): Promise<HTMLElement> {
  rendered = await renderInDom(<OnboardingCard tryIt={tryIt} busy={false} />);
  await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
  return rendered.container;
}

const button = (container: HTMLElement, name: string): HTMLButtonElement | undefined =>
  [...container.querySelectorAll('button')].find((candidate) => candidate.textContent === name);

describe('OnboardingCard', () => {
  it('should teach the menu, the shortcuts with their keys and pinning, one line each, the first time', async () => {
    const container = await render(() => undefined);

    const lines = [...container.querySelectorAll('li')].map((line) => line.textContent);
    expect(container.querySelector('h2')?.textContent).toBe('Getting started');
    expect(lines[0]).toContain('Summarize page with Lifeline');
    expect(lines[0]).toContain('Rewrite selection with Lifeline');
    expect(lines[1]).toBe('Shortcuts: Alt+Shift+S Summarize this page · Alt+Shift+I Improve the selected writing');
    expect(lines[2]).toBe('Toolbar button: pin it from the puzzle-piece menu.');
    expect(button(container, 'Try it on this page')).toBeDefined();
  });

  it('should say the shortcuts are not set, with a way to set them', async () => {
    commands = COMMANDS.map((command) => ({ ...command, shortcut: '' }));

    const container = await render(() => undefined);

    expect(container.textContent).toContain('Shortcuts: not set.');
    expect(button(container, 'Set shortcuts')).toBeDefined();
  });

  it('should run the summary and put itself away for good on "Try it on this page"', async () => {
    let tried = 0;
    const container = await render(() => (tried += 1));

    await act(async () => button(container, 'Try it on this page')!.click());

    expect(tried).toBe(1);
    expect(container.querySelector('section')).toBeNull();
    expect(await onboardingItem.getValue()).toEqual({ popupCardDismissed: true });
  });

  it('should put itself away on "Got it" and stay away the next time', async () => {
    const container = await render(() => undefined);
    await act(async () => button(container, 'Got it')!.click());
    rendered?.remove();

    const next = await render(() => undefined);

    expect(container.querySelector('section')).toBeNull();
    expect(next.querySelector('section')).toBeNull();
  });

  it('should offer no trial where Lifeline cannot read the tab', async () => {
    const container = await render(undefined);

    expect(button(container, 'Try it on this page')).toBeUndefined();
    expect(container.textContent).toContain('Open a web page to try it.');
  });
});
