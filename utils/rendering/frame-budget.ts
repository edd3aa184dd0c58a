// How much of an answer is rendered per animation frame. The budget adapts to the machine: it starts small (the first
// parse in a page runs cold code), grows while frames stay short and shrinks when one runs long, so parsing stays a
// series of short tasks on a fast laptop and on a busy two-core machine alike. Plain text and code cost a fraction of
// Markdown.
import type { AnswerBlock } from './answer-blocks';

/** Characters of Markdown revealed in the first frame of an answer. */
export const FIRST_FRAME_CHARS = 1_000;
export const MIN_FRAME_CHARS = 1_000;
export const MAX_FRAME_CHARS = 4_000;
/** What one frame's rendering may take before the next frame reveals less. */
export const TARGET_FRAME_MS = 50;
const CHEAP_FORMAT_DISCOUNT = 10;

const cost = (block: AnswerBlock): number => (block.format === 'markdown' ? block.text.length : block.text.length / CHEAP_FORMAT_DISCOUNT);

/** The number of blocks to show after one more frame, starting from `from` shown: at least one more, if any is left. */
export function blocksWithinFrame(blocks: readonly AnswerBlock[], from: number, budget = FIRST_FRAME_CHARS): number {
  let next = from;
  let spent = 0;
  while (next < blocks.length) {
    spent += cost(blocks[next]!);
    if (spent > budget && next > from) break;
    next += 1;
  }
  return next;
}

/** The next frame's budget after a frame that revealed `budget` characters took `tookMs`: scaled towards the target. */
export function nextFrameBudget(budget: number, tookMs: number): number {
  const scale = Math.min(2, Math.max(0.25, TARGET_FRAME_MS / Math.max(tookMs, 1)));
  return Math.round(Math.min(MAX_FRAME_CHARS, Math.max(MIN_FRAME_CHARS, budget * scale)));
}
