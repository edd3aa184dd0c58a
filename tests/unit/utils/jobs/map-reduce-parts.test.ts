import { describe, expect, it } from 'vitest';
import { mapReduceParts, type MapReduceSteps, type PartOutcome, type PartPlan } from '@/utils/jobs/map-reduce-parts';
import { createLlmError } from '@/utils/llm/errors';
import type { RouterStreamPart } from '@/utils/llm/types';
import { planChunks } from '@/utils/page/chunk-plan';

const TEXT = ['First part of the text.', 'Second part of the text.', 'Third part of the text.'].join('\n\n');

/** One chunk per paragraph. */
const plan = (text = TEXT, complete = true): PartPlan => ({ chunks: planChunks(text, 8), complete });

const attempt: RouterStreamPart = { type: 'attempt', entry: { id: 'a', name: 'A', model: 'm' }, attempt: 1 };

/** Notes name the part they were taken on; the combined answer lists them. */
function steps(overrides: Partial<MapReduceSteps<PartPlan>> = {}): MapReduceSteps<PartPlan> & { read: string[]; combined: (readonly string[])[] } {
  const read: string[] = [];
  const combined: (readonly string[])[] = [];
  return {
    read,
    combined,
    async *readPart(current, index): AsyncGenerator<RouterStreamPart, PartOutcome<PartPlan>> {
      read.push(current.chunks[index]!.text);
      yield attempt;
      return { notes: `note ${index + 1}` };
    },
    async *combine(notes) {
      combined.push(notes);
      yield { type: 'text-delta', text: `Combined: ${notes.join(', ')}` };
    },
    ...overrides,
  };
}

async function collect(parts: AsyncGenerator<RouterStreamPart>): Promise<RouterStreamPart[]> {
  const out: RouterStreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

describe('mapReduceParts', () => {
  it('should yield progress before each part, then coverage, then only the combined answer as text', async () => {
    const reader = steps();
    const planned = plan();

    const parts = await collect(mapReduceParts(TEXT, planned, reader));

    expect(planned.chunks).toHaveLength(3);
    expect(parts).toEqual([
      { type: 'progress', part: 1, of: 3 },
      attempt,
      { type: 'progress', part: 2, of: 3 },
      attempt,
      { type: 'progress', part: 3, of: 3 },
      attempt,
      { type: 'coverage', parts: 3, fraction: expect.closeTo(1, 1), complete: true },
      { type: 'text-delta', text: 'Combined: note 1, note 2, note 3' },
    ]);
    expect(reader.read).toEqual(planned.chunks.map((chunk) => chunk.text));
  });

  it('should report the share of the text the parts carry and whether any part was left out', async () => {
    const planned = plan(TEXT, false);
    const firstTwo: PartPlan = { chunks: planned.chunks.slice(0, 2), complete: false };

    const parts = await collect(mapReduceParts(TEXT, firstTwo, steps()));

    const coverage = parts.find((part) => part.type === 'coverage');
    expect(coverage).toMatchObject({ parts: 2, complete: false });
    expect(coverage?.type === 'coverage' && coverage.fraction).toBeCloseTo(planned.chunks[2]!.start / TEXT.length, 1);
  });

  it('should read a part again from a new plan when it was cut again, telling its progress with the new count', async () => {
    const planned = plan();
    const finer: PartPlan = { chunks: planChunks(TEXT, 4), complete: true };
    let cut = false;
    const reader = steps({
      async *readPart(current, index) {
        if (index === 1 && !cut) {
          cut = true;
          return { cutAgain: { chunks: [...current.chunks.slice(0, 1), ...finer.chunks.filter((chunk) => chunk.start >= current.chunks[1]!.start)], complete: true } };
        }
        return { notes: `note on ${current.chunks[index]!.text.trim().slice(0, 12)}` };
      },
    });

    const parts = await collect(mapReduceParts(TEXT, planned, reader));

    const progress = parts.filter((part) => part.type === 'progress');
    const of = progress.at(-1)?.type === 'progress' ? progress.at(-1)!.of : 0;
    expect(of).toBeGreaterThan(3);
    expect(progress.slice(0, 3)).toEqual([
      { type: 'progress', part: 1, of: 3 },
      { type: 'progress', part: 2, of: 3 },
      { type: 'progress', part: 2, of },
    ]);
    expect(progress).toHaveLength(of + 1);
    expect(reader.combined[0]).toHaveLength(of);
    expect(parts.find((part) => part.type === 'coverage')).toMatchObject({ parts: of, complete: true });
  });

  it('should end with the error of a part that failed, without combining', async () => {
    const failed: Extract<RouterStreamPart, { type: 'error' }> = { type: 'error', error: createLlmError('auth', 'A'), failures: [] };
    const reader = steps({
      async *readPart(_current, index): AsyncGenerator<RouterStreamPart, PartOutcome<PartPlan>> {
        return index === 1 ? { failed } : { notes: 'note' };
      },
    });

    const parts = await collect(mapReduceParts(TEXT, plan(), reader));

    expect(parts.at(-1)).toEqual(failed);
    expect(parts.some((part) => part.type === 'coverage')).toBe(false);
    expect(reader.combined).toEqual([]);
  });

  it('should combine no notes for an empty text, covering all of it', async () => {
    const reader = steps();

    const parts = await collect(mapReduceParts('', plan(''), reader));

    expect(parts).toEqual([
      { type: 'coverage', parts: 0, fraction: 1, complete: true },
      { type: 'text-delta', text: 'Combined: ' },
    ]);
  });
});
