// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { OnDeviceSection } from '@/entrypoints/options/OnDeviceSection';
import { renderInDom, type Rendered } from '../../support/render-in-dom';
import { createFakeBuiltInAi, type FakeBuiltInAiConfig } from './fake-built-in-ai';

let view: Rendered;
let container: HTMLDivElement;
let uninstall: () => void = () => undefined;

/** Renders the section in a browser whose built-in AI is the fake. */
async function render(config: FakeBuiltInAiConfig) {
  const fake = createFakeBuiltInAi(config);
  uninstall = fake.install();
  view = await renderInDom(<OnDeviceSection />);
  container = view.container;
  return fake;
}

const rows = (): string[] => [...container.querySelectorAll('.on-device-list li')].map((row) => row.textContent ?? '');
const button = (name: string): HTMLButtonElement | undefined => [...container.querySelectorAll('button')].find((candidate) => candidate.textContent === name);

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('OnDeviceSection', () => {
  afterEach(() => {
    view.remove();
    uninstall();
  });

  it('should say what this browser offers, in plain words, and what it is used for', async () => {
    await render({ summarizer: { availability: 'available' }, languageModel: { availability: 'downloadable' }, rewriter: false });

    expect(rows()).toEqual([
      expect.stringMatching(/^Summarizer .*Ready$/),
      expect.stringMatching(/^Prompt .*Needs a one-time download$/),
      expect.stringMatching(/^Rewriter .*Not available in this browser$/),
    ]);
    expect(container.textContent).toContain('Used after your providers, when none of them answers, and when no provider is set up. Nothing leaves your computer.');
    expect(button('Enable on-device AI')).toBeDefined();
  });

  it('should download from the click, show the progress with its name and percentage, then the new status', async () => {
    const hold = deferred();
    const fake = await render({
      summarizer: false,
      rewriter: false,
      languageModel: { availability: 'downloadable', downloadProgress: [0, 0.4, 1], beforeProgress: (loaded) => (loaded === 1 ? hold.promise : undefined) },
    });
    // The click is the user gesture the browser asks for.
    fake.userActivation = true;

    await act(async () => button('Enable on-device AI')!.click());
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));

    const bar = container.querySelector('progress')!;
    expect(bar.getAttribute('aria-label')).toBe('Downloading on-device AI');
    expect(bar.getAttribute('value')).toBe('0.4');
    expect(container.textContent).toContain('40 %');
    expect(button('Enable on-device AI')).toBeUndefined();

    await act(async () => {
      hold.resolve();
      await new Promise((resolve) => setTimeout(resolve, 20));
    });

    expect(container.querySelector('progress')).toBeNull();
    expect(rows()[1]).toMatch(/Ready$/);
    expect(container.querySelector('[role="status"]')!.textContent).toBe('On-device AI is ready. Nothing leaves your computer when it answers.');
    expect(button('Enable on-device AI')).toBeUndefined();
    expect(fake.sessions.every((session) => session.destroyed)).toBe(true);
  });

  it('should explain what went wrong when the browser refuses the download', async () => {
    await render({ summarizer: false, rewriter: false, languageModel: { availability: 'downloadable' } });

    await act(async () => button('Enable on-device AI')!.click());
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));

    expect(container.querySelector('[role="alert"]')!.textContent).toMatch(/only right after a click/);
    expect(button('Enable on-device AI')).toBeDefined();
  });

  it('should offer no button when this browser has no on-device AI', async () => {
    await render({ summarizer: false, languageModel: false, rewriter: false });

    expect(rows().every((row) => row.endsWith('Not available in this browser'))).toBe(true);
    expect(container.textContent).toContain('Lifeline works without it.');
    expect(button('Enable on-device AI')).toBeUndefined();
  });
});
