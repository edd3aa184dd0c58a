// Plans how a long page's text is cut into parts that each fit a model's context: paragraphs, then sentences, then hard cuts.
import type { ChainEntry } from '../llm/types';

/** Tokens kept free for the model's answer to one part. */
export const OUTPUT_RESERVE_TOKENS = 1_024;
/** Tokens the instructions, the page header and the delimiters around a part take. */
export const PROMPT_OVERHEAD_TOKENS = 512;
/** Input budget when an entry's context window is unknown: most current models take at least this. */
export const DEFAULT_INPUT_BUDGET_TOKENS = 16_000;
/** No budget goes below this, however small a configured window is. */
export const MIN_INPUT_BUDGET_TOKENS = 256;

export interface Chunk {
  /** `text.slice(start, end)` of the planned text. */
  text: string;
  start: number;
  end: number;
  tokens: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_GLOBAL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** About 4 characters a token for Latin scripts, about 1 token per CJK character. An over-estimate rather than an under-estimate. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** The longest start of `text` estimated at no more than `tokens`. */
export function prefixWithinTokens(text: string, tokens: number): string {
  if (tokens <= 0) return '';
  if (estimateTokens(text) <= tokens) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (estimateTokens(text.slice(0, middle)) <= tokens) low = middle;
    else high = middle - 1;
  }
  // Never between the halves of a surrogate pair (emoji, rare CJK characters).
  const code = text.charCodeAt(low - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? low - 1 : low);
}

/** How many tokens of page text one request to this entry may carry. */
export function inputBudgetTokens(entry: Pick<ChainEntry, 'contextWindow'>): number {
  if (entry.contextWindow === undefined) return DEFAULT_INPUT_BUDGET_TOKENS;
  return Math.max(MIN_INPUT_BUDGET_TOKENS, entry.contextWindow - OUTPUT_RESERVE_TOKENS - PROMPT_OVERHEAD_TOKENS);
}

/** The budget a plan must respect so that any entry the router may fail over to can read every part. */
export function chainBudgetTokens(chain: readonly Pick<ChainEntry, 'contextWindow'>[]): number {
  const first = chain[0] ? inputBudgetTokens(chain[0]) : DEFAULT_INPUT_BUDGET_TOKENS;
  const known = chain.filter((entry) => entry.contextWindow !== undefined).map(inputBudgetTokens);
  return Math.min(first, ...known);
}

interface Range {
  start: number;
  end: number;
}

/** Splits [start, end) of `text` at blank lines; the blank lines themselves are left between the ranges. */
function paragraphs(text: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  const separator = /\n[^\S\n]*\n\s*/g;
  separator.lastIndex = start;
  let from = start;
  for (let match = separator.exec(text); match && match.index < end; match = separator.exec(text)) {
    if (match.index > from) out.push({ start: from, end: match.index });
    from = Math.min(end, match.index + match[0].length);
  }
  if (from < end) out.push({ start: from, end });
  return out;
}

const SENTENCE_END = /[.!?。！？…]+["'”’)\]]*(?:\s+|$)|[。！？]/gu;

/** Splits [start, end) after sentence ends; each sentence keeps its trailing spaces, so the ranges touch. */
function sentences(text: string, start: number, end: number): Range[] {
  const out: Range[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(slice); match; match = SENTENCE_END.exec(slice)) {
    if (match[0].length === 0) {
      SENTENCE_END.lastIndex++;
      continue;
    }
    const to = match.index + match[0].length;
    if (to > from) out.push({ start: start + from, end: start + to });
    from = to;
  }
  if (from < slice.length) out.push({ start: start + from, end });
  return out;
}

/** Cuts [start, end) into pieces of at most `maxTokens`, preferring a space near the end of each piece; never inside a surrogate pair. */
function hardCuts(text: string, start: number, end: number, maxTokens: number): Range[] {
  const out: Range[] = [];
  let from = start;
  while (from < end) {
    let cost = 0;
    let index = from;
    let lastSpace = -1;
    while (index < end) {
      const code = text.charCodeAt(index);
      const width = code >= 0xd800 && code <= 0xdbff && index + 1 < end ? 2 : 1;
      const cjk = code >= 0x1100 && CJK.test(text.slice(index, index + width));
      const next = cost + (cjk ? 1 : width / 4);
      // ceil() of the Latin share adds at most one token: keep one in hand.
      if (next > maxTokens - 1 && index > from) break;
      cost = next;
      index += width;
      if (code === 32 || code === 10 || code === 9 || code === 13 || code === 0xa0) lastSpace = index;
    }
    const cut = index < end && lastSpace > from + (index - from) * 0.8 ? lastSpace : index;
    out.push({ start: from, end: cut });
    from = cut;
  }
  return out;
}

/** Pieces of [start, end) that each fit the budget on their own, finest split only where needed. */
function pieces(text: string, range: Range, maxTokens: number): Range[] {
  const out: Range[] = [];
  for (const paragraph of paragraphs(text, range.start, range.end)) {
    if (estimateTokens(text.slice(paragraph.start, paragraph.end)) <= maxTokens) {
      out.push(paragraph);
      continue;
    }
    for (const sentence of sentences(text, paragraph.start, paragraph.end)) {
      if (estimateTokens(text.slice(sentence.start, sentence.end)) <= maxTokens) out.push(sentence);
      else out.push(...hardCuts(text, sentence.start, sentence.end, maxTokens));
    }
  }
  return out;
}

/**
 * Cuts `text` into chunks of at most `maxTokens` (estimated), packing whole paragraphs where they fit.
 * A chunk runs from the end of the previous chunk to its last piece, separators included, so the chunks together
 * carry the whole text; only a separator that would push a chunk over the budget is left out.
 */
export function planChunks(text: string, maxTokens: number): Chunk[] {
  const budget = Math.max(1, Math.floor(maxTokens));
  const chunks: Chunk[] = [];
  let current: { start: number; end: number; tokens: number } | undefined;
  const close = (): void => {
    if (current) chunks.push({ ...current, text: text.slice(current.start, current.end) });
    current = undefined;
  };
  for (const piece of pieces(text, { start: 0, end: text.length }, budget)) {
    if (current) {
      // Summing the estimates of the parts over-estimates the whole (ceil per part), so a chunk never exceeds the budget.
      const added = estimateTokens(text.slice(current.end, piece.end));
      if (current.tokens + added <= budget) {
        current.end = piece.end;
        current.tokens += added;
        continue;
      }
      close();
    }
    // The separator before the piece goes with it when it fits, so that no character is lost.
    const from = chunks.at(-1)?.end ?? 0;
    const withSeparator = estimateTokens(text.slice(from, piece.end));
    current =
      withSeparator <= budget
        ? { start: from, end: piece.end, tokens: withSeparator }
        : { start: piece.start, end: piece.end, tokens: estimateTokens(text.slice(piece.start, piece.end)) };
  }
  close();
  return chunks.map((chunk) => ({ ...chunk, tokens: estimateTokens(chunk.text) }));
}

/** planChunks over `text.slice(start, end)`, with each chunk's start and end counted in the whole `text`. */
export function planChunksIn(text: string, { start, end }: { start: number; end: number }, maxTokens: number): Chunk[] {
  return planChunks(text.slice(start, end), maxTokens).map((chunk) => ({ ...chunk, start: chunk.start + start, end: chunk.end + start }));
}

/** Share of the text's characters the chunks carry (1 for an empty text). */
export function chunkCoverage(text: string, chunks: readonly Pick<Chunk, 'start' | 'end'>[]): number {
  if (text.length === 0) return 1;
  return chunks.reduce((sum, chunk) => sum + (chunk.end - chunk.start), 0) / text.length;
}
