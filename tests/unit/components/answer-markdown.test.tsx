// @vitest-environment happy-dom
// Unit tests: answers render block by block, a frame's worth at a time; a block already shown is not parsed again
// while the answer grows; hostile shapes show as plain text; a cut answer says so and Copy is left to copy it all.
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswerMarkdown } from '@/components/AnswerMarkdown';
import { RENDER_LIMITS } from '@/utils/rendering/answer-blocks';
import { FIRST_FRAME_CHARS } from '@/utils/rendering/frame-budget';

// The Markdown renderer, replaced by one that counts what it is asked to parse.
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('@/components/SafeMarkdown', () => ({
  SafeMarkdown: ({ text }: { text: string }) => {
    parsed.push(text);
    return createElement('section', { 'data-block': '' }, text);
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let container: HTMLDivElement;
let root: Root | undefined;

async function show(text: string): Promise<void> {
  if (!root) {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  }
  await act(async () => root!.render(<AnswerMarkdown text={text} />));
}
const nextFrame = (): Promise<void> => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
const shownBlocks = (): number => container.querySelectorAll('[data-block], p.ll-answer-plain, pre').length;

describe('AnswerMarkdown', () => {
  afterEach(() => {
    act(() => root?.unmount());
    root = undefined;
    container.remove();
    parsed.length = 0;
  });

  it('should not parse a block again when the answer streams on after it', async () => {
    // Each paragraph is longer than a group of short blocks: each is parsed on its own.
    const first = `First ${'paragraph '.repeat(200)}\n\n`;
    await show(`${first}Second`);
    await show(`${first}Second paragraph, longer`);

    expect(parsed.filter((text) => text === first)).toHaveLength(1);
    expect(parsed.at(-1)).toBe('Second paragraph, longer');
  });

  it('should reveal a long answer a frame at a time until all of it is shown', async () => {
    const paragraph = `${'word '.repeat(299)}end.\n\n`;
    const count = Math.ceil((FIRST_FRAME_CHARS * 4) / paragraph.length);
    await show('The renderer has loaded.');
    act(() => root!.render(<AnswerMarkdown key="long" text={paragraph.repeat(count)} />));

    const first = shownBlocks();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(count);
    for (let frame = 0; frame < 20 && shownBlocks() < count; frame += 1) await nextFrame();
    expect(shownBlocks()).toBe(count);
  });

  it('should show 5,000 nested list levels as plain text, not parse them', async () => {
    const hostile = `${'- '.repeat(5_000)}deep`;
    await show(hostile);

    expect(parsed).toEqual([]);
    expect([...container.querySelectorAll('p.ll-answer-plain')].map((piece) => piece.textContent).join('')).toBe(hostile);
  });

  it('should show the first 100 kB of a 750 kB answer and say that Copy copies all of it', async () => {
    const paragraph = 'An answer that goes on.\n\n';
    const answer = paragraph.repeat(Math.ceil(750_000 / paragraph.length));
    await show(answer);
    for (let frame = 0; frame < 100 && !container.querySelector('[data-testid="answer-cut"]'); frame += 1) await nextFrame();

    expect(container.querySelector('[data-testid="answer-cut"]')?.textContent).toBe(
      'A long answer (750 kB): the first 100 kB are shown. Copy copies all of it.',
    );
    expect(parsed.join('').length).toBeLessThanOrEqual(RENDER_LIMITS.maxChars);
  });
});
