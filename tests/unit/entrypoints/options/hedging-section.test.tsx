// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RouterPreferences } from '@/utils/messaging/protocol';
import { inputLabelled, renderInDom, statusText, type Rendered } from '../../support/render-in-dom';

const sendMessage = vi.hoisted(() => vi.fn());
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

const { HedgingSection } = await import('@/entrypoints/options/HedgingSection');

const LABEL = 'Race the next provider when one is slow (hedged requests)';

/** A background that keeps the router preferences; `failSave` makes every save fail. */
function fakeBackground(initial: RouterPreferences | Error, options: { failSave?: boolean } = {}) {
  let preferences = initial;
  sendMessage.mockImplementation(async (type: string, data: Partial<RouterPreferences>) => {
    if (preferences instanceof Error) throw preferences;
    if (type === 'getRouterPreferences') return preferences;
    if (type === 'saveRouterPreferences') {
      if (options.failSave) throw new Error('The background did not answer.');
      preferences = { ...preferences, ...data };
      return preferences;
    }
    throw new Error(`unexpected ${type}`);
  });
  return { preferences: () => preferences };
}

let view: Rendered;

async function render(): Promise<void> {
  view = await renderInDom(<HedgingSection />);
}

const checkbox = (): HTMLInputElement | null => inputLabelled(view.container, LABEL);
const alertText = (): string => view.container.querySelector('[role="alert"]')?.textContent ?? '';

describe('HedgingSection', () => {
  beforeEach(() => {
    sendMessage.mockReset();
  });
  afterEach(() => {
    view.remove();
  });

  it('should show the stored choice and save a change, saying so in its own status line', async () => {
    const background = fakeBackground({ hedging: true });
    await render();

    expect(checkbox()?.checked).toBe(true);
    await act(async () => checkbox()!.click());

    expect(background.preferences()).toMatchObject({ hedging: false });
    expect(checkbox()?.checked).toBe(false);
    expect(statusText(view.container)).toBe('Saved. Hedged requests are off.');
    expect(alertText()).toBe('');
  });

  it('should put the choice back and say so when it cannot be saved', async () => {
    fakeBackground({ hedging: true }, { failSave: true });
    await render();

    await act(async () => checkbox()!.click());

    expect(checkbox()?.checked).toBe(true);
    expect(statusText(view.container)).toBe('');
    expect(alertText()).toMatch(/^Lifeline could not save this setting: .* Nothing was changed; try again\.$/);
  });

  it('should show a choice the organization set as not changeable', async () => {
    fakeBackground({ hedging: false, locked: true });
    await render();

    expect(checkbox()?.checked).toBe(false);
    expect(checkbox()?.disabled).toBe(true);
    expect(view.container.textContent).toContain('Set by your organization.');
  });

  it('should say the setting is unavailable when it cannot be read', async () => {
    fakeBackground(new Error('No background.'));
    await render();

    expect(checkbox()).toBeNull();
    expect(view.container.textContent).toContain('This setting is unavailable right now. Reload the page to try again.');
  });
});
