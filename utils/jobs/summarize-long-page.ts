// Map-reduce for pages longer than the models' context: notes on each part through the router, then one combined answer.
import { createLlmError } from '../llm/errors';
import { failoverRouter, type RouterDeps } from '../llm/router/failover-router';
import type { ChainEntry, EntryFailure, RouterStreamPart } from '../llm/types';
import { chainBudgetTokens, chunkCoverage, MIN_INPUT_BUDGET_TOKENS, planChunks, planChunksIn, type Chunk } from '../page/chunk-plan';
import { buildCombineRequest, buildPartSummaryRequest, maxParts, partSummaryTokens } from '../prompts/summarize-long-page';
import type { SummaryStyle } from '../prompts/summary-style';
import { mapReduceParts, type PartOutcome } from './map-reduce-parts';
import type { PageContent } from './task';

export interface LongPagePlan {
  budgetTokens: number;
  /** The parts that will be read (at most what one combine request can hold). */
  chunks: Chunk[];
  /** Share of the page's characters those parts carry. */
  fraction: number;
  /** Every planned part will be read (none left out for lack of room in the combine request). */
  complete: boolean;
}

/** Plans with the smallest budget of the chain, so no fail-over can land on an entry too small for a part. */
export function planLongPage(text: string, chain: readonly Pick<ChainEntry, 'contextWindow'>[], budgetTokens = chainBudgetTokens(chain)): LongPagePlan {
  return capped(text, planChunks(text, budgetTokens), budgetTokens, true);
}

/** At most the parts one combine request of `budgetTokens` can hold. */
function capped(text: string, all: Chunk[], budgetTokens: number, complete: boolean): LongPagePlan {
  const chunks = all.slice(0, maxParts(budgetTokens));
  return { budgetTokens, chunks, fraction: chunkCoverage(text, chunks), complete: complete && chunks.length === all.length };
}

/** Part `index` was too long for a model of the chain: the rest of the page is planned again with half the budget. */
function cutRestAgain(text: string, plan: LongPagePlan, index: number): LongPagePlan {
  const budgetTokens = Math.max(MIN_INPUT_BUDGET_TOKENS, Math.floor(plan.budgetTokens / 2));
  const rest = planChunksIn(text, { start: plan.chunks[index]!.start, end: text.length }, budgetTokens);
  return capped(text, [...plan.chunks.slice(0, index), ...rest], budgetTokens, plan.complete);
}

const sameFailure = (a: EntryFailure, b: EntryFailure): boolean =>
  a.entry.id === b.entry.id && a.error.kind === b.error.kind && Boolean(a.skipped) === Boolean(b.skipped);

function mergeFailures(into: EntryFailure[], more: readonly EntryFailure[]): void {
  for (const failure of more) if (!into.some((known) => sameFailure(known, failure))) into.push(failure);
}

/**
 * Reads `page` in parts and streams one combined answer. Yields `progress` before each part, passes `attempt` parts through,
 * never streams a part's notes as answer text, yields `coverage` before the combined answer, and ends with the combine's
 * `finish` (failures of every step included) or with an `error` when a part could not be read: never a partial answer as complete.
 * A part refused as too long for the context ("context too long") makes the rest of the page be planned again with half the budget.
 */
export async function* summarizeLongPage(
  chain: readonly ChainEntry[],
  page: PageContent,
  signal: AbortSignal,
  deps: RouterDeps,
  style?: SummaryStyle,
): AsyncGenerator<RouterStreamPart> {
  const failures: EntryFailure[] = [];

  async function* readPart(plan: LongPagePlan, index: number): AsyncGenerator<RouterStreamPart, PartOutcome<LongPagePlan>> {
    const of = plan.chunks.length;
    const request = buildPartSummaryRequest(page, plan.chunks[index]!.text, index + 1, of, partSummaryTokens(of, plan.budgetTokens));
    let note = '';
    let ended: RouterStreamPart | undefined;
    for await (const part of failoverRouter(chain, request, signal, deps)) {
      if (part.type === 'text-delta') note += part.text;
      else if (part.type === 'restart') note = '';
      else if (part.type === 'attempt') yield part;
      else if (part.type === 'finish' || part.type === 'error') ended = part;
    }
    mergeFailures(failures, ended?.type === 'finish' || ended?.type === 'error' ? ended.failures : []);
    if (ended?.type === 'finish') return { notes: note };
    const error = ended?.type === 'error' ? ended.error : createLlmError('unknown', 'Lifeline');
    // A model with a smaller context than planned for: the rest of the page is cut smaller, down to the least budget.
    if (error.kind === 'context-too-long' && plan.budgetTokens > MIN_INPUT_BUDGET_TOKENS) return { cutAgain: cutRestAgain(page.text, plan, index) };
    return { failed: { type: 'error', error, failures } };
  }

  async function* combine(notes: readonly string[], coverage: { fraction: number; complete: boolean }): AsyncGenerator<RouterStreamPart> {
    const fraction = coverage.complete ? coverage.fraction : Math.min(coverage.fraction, 0.98);
    for await (const part of failoverRouter(chain, buildCombineRequest(page, notes, { fraction }, style), signal, deps)) {
      if (part.type === 'finish' || part.type === 'error') {
        const all = [...failures];
        mergeFailures(all, part.failures);
        yield { ...part, failures: all };
        return;
      }
      yield part;
    }
  }

  yield* mapReduceParts(page.text, planLongPage(page.text, chain), { readPart, combine });
}
