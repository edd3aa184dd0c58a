// Unit tests: each frame reveals a bounded amount of Markdown, always at least one block, and cheap blocks count less.
import { describe, expect, it } from 'vitest';
import type { AnswerBlock } from '@/utils/rendering/answer-blocks';
import { blocksWithinFrame, MAX_FRAME_CHARS, MIN_FRAME_CHARS, nextFrameBudget, TARGET_FRAME_MS } from '@/utils/rendering/frame-budget';

const markdown = (chars: number): AnswerBlock => ({ text: 'x'.repeat(chars), format: 'markdown' });
const plain = (chars: number): AnswerBlock => ({ text: 'x'.repeat(chars), format: 'plain' });

describe('blocksWithinFrame', () => {
  it('should reveal blocks up to the frame budget', () => {
    expect(blocksWithinFrame([markdown(400), markdown(400), markdown(400)], 0, 1_000)).toBe(2);
  });

  it('should go on from the blocks already shown', () => {
    expect(blocksWithinFrame([markdown(400), markdown(400), markdown(400)], 2, 1_000)).toBe(3);
  });

  it('should reveal one block even when it alone is over the budget', () => {
    expect(blocksWithinFrame([markdown(5_000), markdown(10)], 0, 1_000)).toBe(1);
  });

  it('should count plain text at a tenth of Markdown', () => {
    expect(blocksWithinFrame([plain(4_000), plain(4_000), markdown(10)], 0, 1_000)).toBe(3);
    expect(blocksWithinFrame([markdown(4_000), markdown(4_000), markdown(10)], 0, 1_000)).toBe(1);
  });

  it('should reveal nothing more when every block is shown', () => {
    expect(blocksWithinFrame([markdown(10)], 1, 1_000)).toBe(1);
  });
});

describe('nextFrameBudget', () => {
  it('should reveal more after a short frame, at most twice as much', () => {
    expect(nextFrameBudget(1_000, TARGET_FRAME_MS / 2)).toBe(2_000);
    expect(nextFrameBudget(1_000, 1)).toBe(2_000);
  });

  it('should reveal less after a long frame, in proportion', () => {
    expect(nextFrameBudget(4_000, TARGET_FRAME_MS * 2)).toBe(2_000);
  });

  it('should stay within its bounds', () => {
    expect(nextFrameBudget(MIN_FRAME_CHARS, 10_000)).toBe(MIN_FRAME_CHARS);
    expect(nextFrameBudget(MAX_FRAME_CHARS, 1)).toBe(MAX_FRAME_CHARS);
  });
});
