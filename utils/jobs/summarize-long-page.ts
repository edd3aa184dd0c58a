// Map-reduce for pages longer than the models' context: notes on each part through the router, then one combined answer.
import { createLlmError } from '../llm/errors';
import { failoverRouter, type RouterDeps } from '../llm/router/failover-router';
import type { ChainEntry, EntryFailure, RouterStreamPart } from '../llm/types';
import { chainBudgetTokens, chunkCoverage, MIN_INPUT_BUDGET_TOKENS, planChunks, type Chunk } from '../page/chunk-plan';
import { buildCombineRequest, buildPartSummaryRequest, maxParts, partSummaryTokens } from '../prompts/summarize-long-page';
import type { SummaryStyle } from '../prompts/summary-style';
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
  const all = planChunks(text, budgetTokens);
  const chunks = all.slice(0, maxParts(budgetTokens));
  return { budgetTokens, chunks, fraction: chunkCoverage(text, chunks), complete: chunks.length === all.length };
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
  const text = page.text;
  let plan = planLongPage(text, chain);
  let chunks = plan.chunks;
  const notes: string[] = [];
  const failures: EntryFailure[] = [];

  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index]!;
    yield { type: 'progress', part: index + 1, of: chunks.length };
    const request = buildPartSummaryRequest(page, chunk.text, index + 1, chunks.length, partSummaryTokens(chunks.length, plan.budgetTokens));
    let note = '';
    let ended: RouterStreamPart | undefined;
    for await (const part of failoverRouter(chain, request, signal, deps)) {
      if (part.type === 'text-delta') note += part.text;
      else if (part.type === 'restart') note = '';
      else if (part.type === 'attempt') yield part;
      else if (part.type === 'finish' || part.type === 'error') ended = part;
    }
    if (ended?.type === 'finish') {
      mergeFailures(failures, ended.failures);
      notes.push(note);
      continue;
    }
    const error = ended?.type === 'error' ? ended : undefined;
    if (error?.error.kind === 'context-too-long' && plan.budgetTokens > MIN_INPUT_BUDGET_TOKENS) {
      // A model with a smaller context than planned for: plan the rest of the page again with a smaller budget.
      mergeFailures(failures, error.failures);
      const rest = planLongPage(text.slice(chunk.start), [], Math.max(MIN_INPUT_BUDGET_TOKENS, Math.floor(plan.budgetTokens / 2)));
      const replanned = rest.chunks.map((part) => ({ ...part, start: part.start + chunk.start, end: part.end + chunk.start }));
      const all = [...chunks.slice(0, index), ...replanned];
      chunks = all.slice(0, maxParts(rest.budgetTokens));
      plan = { budgetTokens: rest.budgetTokens, chunks, fraction: chunkCoverage(text, chunks), complete: plan.complete && rest.complete && chunks.length === all.length };
      index--;
      continue;
    }
    mergeFailures(failures, error?.failures ?? []);
    yield { type: 'error', error: error?.error ?? createLlmError('unknown', 'Lifeline'), failures };
    return;
  }

  const fraction = chunkCoverage(text, chunks);
  yield { type: 'coverage', parts: chunks.length, fraction, complete: plan.complete };
  for await (const part of failoverRouter(chain, buildCombineRequest(page, notes, { fraction: plan.complete ? fraction : Math.min(fraction, 0.98) }, style), signal, deps)) {
    if (part.type === 'finish' || part.type === 'error') {
      const all = [...failures];
      mergeFailures(all, part.failures);
      yield { ...part, failures: all };
      return;
    }
    yield part;
  }
}
