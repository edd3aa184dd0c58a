// Quota-aware chunking: cuts a long text into parts that each fit the on-device model's quota as the model counts it.
import type { PartPlan } from '../jobs/map-reduce-parts';
import { estimateTokens, planChunks, planChunksIn, type Chunk } from '../page/chunk-plan';
import { failure, throwIfAborted } from './on-device-errors';

/** A long text is read in at most this many parts; the coverage part says when the rest was left out. */
const MAX_ON_DEVICE_PARTS = 40;
/** A part is never planned below this many tokens: a model whose quota is smaller cannot read the text. */
const MIN_PART_TOKENS = 32;
/** Planned parts aim this far under the measured room: the estimate and the model's tokenizer differ. */
const PLAN_MARGIN = 0.9;

/** How the model counts a part, and how many tokens one request may carry. */
export interface PartMeasure {
  readonly room: number;
  measurePart(text: string): Promise<number>;
}

/**
 * Cuts `text` into parts that each fit `room` as measured by the model: planned with a token budget calibrated by the
 * whole text's measure, then each part is measured and, when still too big, planned again with half its budget.
 * Every part is measured before any is read, so the progress a run reports counts the parts it will really read.
 */
export async function fittingParts(text: string, measuredWhole: number, model: PartMeasure, signal: AbortSignal): Promise<PartPlan> {
  const estimatePerToken = estimateTokens(text) / Math.max(1, measuredWhole);
  const budget = Math.max(MIN_PART_TOKENS, Math.floor(model.room * estimatePerToken * PLAN_MARGIN));
  const queue = planChunks(text, budget).map((chunk) => ({ chunk, budget }));
  const chunks: Chunk[] = [];
  while (queue.length > 0 && chunks.length < MAX_ON_DEVICE_PARTS) {
    throwIfAborted(signal);
    const next = queue.shift()!;
    if ((await model.measurePart(next.chunk.text)) <= model.room) {
      chunks.push(next.chunk);
      continue;
    }
    const half = Math.floor(next.budget / 2);
    if (half < MIN_PART_TOKENS) throw failure('context-too-long', 'The text is too long for on-device AI: even a small part of it does not fit.');
    queue.unshift(...planChunksIn(text, next.chunk, half).map((chunk) => ({ chunk, budget: half })));
  }
  return { chunks, complete: queue.length === 0 };
}
