// Map-reduce over a long text's parts, whoever reads them (the cloud router or on-device AI): notes on each part, then one combined answer.
import type { RouterStreamPart } from '../llm/types';
import { chunkCoverage, type Chunk } from '../page/chunk-plan';

export interface PartPlan {
  /** The parts to read, in text order. */
  chunks: readonly Chunk[];
  /** Every part of the text is among them (none left out for lack of room). */
  complete: boolean;
}

export type PartCoverage = Extract<RouterStreamPart, { type: 'coverage' }>;

/** How reading one part ended: its notes, a new plan because the part was too long, or an error that ends the run. */
export type PartOutcome<P extends PartPlan> =
  | { notes: string }
  | { cutAgain: P }
  | { failed: Extract<RouterStreamPart, { type: 'error' }> };

export interface MapReduceSteps<P extends PartPlan> {
  /** Reads part `index` of `plan`, yielding what the caller should see meanwhile (e.g. `attempt`), never answer text. */
  readPart(plan: P, index: number): AsyncGenerator<RouterStreamPart, PartOutcome<P>>;
  /** Streams the one answer made of the notes, in part order. */
  combine(notes: readonly string[], coverage: PartCoverage): AsyncGenerator<RouterStreamPart>;
}

/**
 * Reads `text` part by part as `plan` says, yielding `progress` before each part, then `coverage`, then the combined
 * answer. A part cut again replaces the plan from that part on: its progress is told again with the new count. The notes
 * never reach the answer text except through `combine`; a failed part ends the run with its error.
 */
export async function* mapReduceParts<P extends PartPlan>(text: string, plan: P, steps: MapReduceSteps<P>): AsyncGenerator<RouterStreamPart> {
  const notes: string[] = [];
  let current = plan;
  while (notes.length < current.chunks.length) {
    const index = notes.length;
    yield { type: 'progress', part: index + 1, of: current.chunks.length };
    const outcome = yield* steps.readPart(current, index);
    if ('failed' in outcome) {
      yield outcome.failed;
      return;
    }
    if ('cutAgain' in outcome) current = outcome.cutAgain;
    else notes.push(outcome.notes);
  }
  const coverage: PartCoverage = {
    type: 'coverage',
    parts: current.chunks.length,
    fraction: chunkCoverage(text, current.chunks),
    complete: current.complete,
  };
  yield coverage;
  yield* steps.combine(notes, coverage);
}
