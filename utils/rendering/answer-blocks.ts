// Model output is untrusted and can be shaped to freeze a Markdown parser (thousands of nested list levels, tens of
// thousands of `](` pairs, a megabyte of text). Before anything is parsed, one linear pass cuts the answer into small
// blocks and sends each to the cheapest renderer that shows it faithfully: Markdown for ordinary blocks, a code box for
// one long fenced block, plain text for a block too big, too deep or too full of brackets to parse in a frame. Only the
// first `maxChars` are rendered at all; the full text stays in the job (Copy copies all of it).

export interface RenderLimits {
  /** Characters rendered at all; the rest is left to Copy. */
  maxChars: number;
  /** A block longer than this is cut at its top-level list items, then shown as code or plain text if still too long. */
  maxBlockChars: number;
  /** Container levels (list markers, quote markers, two columns of indentation) on one line. */
  maxDepth: number;
  /** Container levels summed over a block's lines: what a parser walks again for every line. */
  maxBlockDepth: number;
  /** Brackets, emphasis and code delimiters and table pipes in one block. */
  maxDelimiters: number;
  /** Short Markdown blocks in a row are parsed together up to this size (one parser run each, not one per heading). */
  groupChars: number;
}

export const RENDER_LIMITS: RenderLimits = {
  maxChars: 100_000,
  maxBlockChars: 6_000,
  maxDepth: 12,
  maxBlockDepth: 600,
  maxDelimiters: 800,
  groupChars: 1_000,
};

export type BlockFormat = 'markdown' | 'code' | 'plain';

export interface AnswerBlock {
  text: string;
  format: BlockFormat;
  /** For a code block: the fence's language word, if any. */
  language?: string;
}

export interface AnswerPlan {
  blocks: AnswerBlock[];
  /** Characters of the answer that the blocks show (the answer's length unless it was cut for rendering). */
  shownChars: number;
  totalChars: number;
  cut: boolean;
}

interface Line {
  start: number;
  end: number;
  blank: boolean;
  /** Starts at column 0 with something other than a container marker or indentation. */
  flush: boolean;
  /** Starts at column 0 with a list marker: a top-level list item. */
  listItem: boolean;
  depth: number;
  /** Part of a fenced code block: its opening line, its body or its closing line. */
  inFence: boolean;
  /** Opens (at column 0) or closes a fenced code block: the block can end or start there without changing the rendering. */
  fenceEdge?: 'opens' | 'closes';
  delimiters: number;
}

const DELIMITERS = new Set(['[', ']', '*', '_', '~', '`', '|']);

/** Columns of indentation and container markers at the start of a line, and where its content begins. */
function linePrefix(text: string, start: number, end: number): { depth: number; contentAt: number; markers: number } {
  let at = start;
  let spaces = 0;
  let markers = 0;
  while (at < end) {
    const char = text[at]!;
    const next = at + 1 < end ? text[at + 1]! : ' ';
    if (char === ' ') spaces += 1;
    else if (char === '\t') spaces += 4;
    else if (char === '>') markers += 1;
    else if ((char === '-' || char === '*' || char === '+') && (next === ' ' || next === '\t')) markers += 1;
    else if (char >= '0' && char <= '9') {
      let digitEnd = at;
      while (digitEnd < end && digitEnd - at < 9 && text[digitEnd]! >= '0' && text[digitEnd]! <= '9') digitEnd += 1;
      const after = text[digitEnd];
      const afterThat = digitEnd + 1 < end ? text[digitEnd + 1] : ' ';
      if ((after === '.' || after === ')') && (afterThat === ' ' || afterThat === '\t')) {
        markers += 1;
        at = digitEnd;
      } else break;
    } else break;
    at += 1;
  }
  return { depth: markers + Math.floor(spaces / 2), contentAt: at, markers };
}

/** The fence a line opens or closes (``` or ~~~, three or more), if its content starts with one. */
function fenceAt(text: string, at: number, end: number): { char: string; length: number; info: string } | undefined {
  const char = text[at];
  if (char !== '`' && char !== '~') return undefined;
  let length = 0;
  while (at + length < end && text[at + length] === char) length += 1;
  if (length < 3) return undefined;
  return { char, length, info: text.slice(at + length, end).trim() };
}

function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  let fence: { char: string; length: number } | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const prefix = linePrefix(text, start, end);
    const blank = prefix.contentAt === end && prefix.markers === 0;
    const marker = fenceAt(text, prefix.contentAt, end);
    const inFence = fence !== undefined;
    let fenceEdge: Line['fenceEdge'];
    if (fence) {
      if (marker && marker.char === fence.char && marker.length >= fence.length && marker.info === '') {
        fence = undefined;
        fenceEdge = 'closes';
      }
    } else if (marker && !(marker.char === '`' && marker.info.includes('`'))) {
      fence = { char: marker.char, length: marker.length };
      fenceEdge = 'opens';
    }
    let delimiters = 0;
    if (!inFence) for (let at = prefix.contentAt; at < end; at += 1) if (DELIMITERS.has(text[at]!)) delimiters += 1;
    const first = text[start];
    lines.push({
      start,
      end,
      blank,
      flush: !blank && first !== ' ' && first !== '\t',
      listItem: prefix.markers > 0 && first !== ' ' && first !== '\t' && first !== '>',
      depth: inFence ? 0 : prefix.depth,
      inFence: inFence || fenceEdge === 'opens',
      ...(fenceEdge && prefix.contentAt === start ? { fenceEdge } : {}),
      delimiters,
    });
    // A final newline ends the last line; it does not start an empty one.
    if (end >= text.length - 1) break;
    start = end + 1;
  }
  return lines;
}

/**
 * Line ranges [from, to) of blocks. A block ends where Markdown would start a new one anyway: before a flush line after
 * a blank one, before a fence opened at column 0, after a fence closed at column 0; never inside a fence.
 */
function splitAtBlockEdges(lines: Line[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    const previous = lines[index - 1]!;
    const afterBlank = line.flush && !line.inFence && previous.blank && !previous.inFence;
    if (afterBlank || line.fenceEdge === 'opens' || previous.fenceEdge === 'closes') {
      ranges.push([from, index]);
      from = index;
    }
  }
  if (lines.length > 0) ranges.push([from, lines.length]);
  return ranges;
}

/** A long block cut before its top-level list items, so a long list renders as several short ones. */
function splitLongBlock(lines: Line[], [from, to]: [number, number], maxBlockChars: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = from;
  for (let index = from + 1; index < to; index += 1) {
    const line = lines[index]!;
    if (line.listItem && !line.inFence && line.start - lines[start]!.start >= maxBlockChars / 2) {
      ranges.push([start, index]);
      start = index;
    }
  }
  ranges.push([start, to]);
  return ranges;
}

function classify(text: string, lines: Line[], [from, to]: [number, number], limits: RenderLimits): AnswerBlock {
  const blockText = text.slice(lines[from]!.start, to < lines.length ? lines[to]!.start : text.length);
  let depthSum = 0;
  let deepest = 0;
  let delimiters = 0;
  for (let index = from; index < to; index += 1) {
    const line = lines[index]!;
    depthSum += line.depth;
    deepest = Math.max(deepest, line.depth);
    delimiters += line.delimiters;
  }
  const tooComplex = deepest > limits.maxDepth || depthSum > limits.maxBlockDepth || delimiters > limits.maxDelimiters;
  if (blockText.length <= limits.maxBlockChars && !tooComplex) return { text: blockText, format: 'markdown' };
  const opening = fenceAt(text, lines[from]!.start, lines[from]!.end);
  if (opening && lines.slice(from, to).every((line) => line.inFence || line.blank)) {
    const body = blockText.slice(blockText.indexOf('\n') + 1).replace(/\n[`~]{3,}\s*$/, '\n').replace(/\n+$/, '');
    const language = opening.info.split(/\s/)[0];
    return { text: body, format: 'code', ...(language ? { language } : {}) };
  }
  return { text: blockText, format: 'plain' };
}

/**
 * Long plain text in pieces of at most `size` characters, cut at a line end where one is near: the browser lays out
 * only the piece that grows while an answer streams, not all of it again every frame.
 */
function plainPieces(text: string, size: number): AnswerBlock[] {
  const pieces: AnswerBlock[] = [];
  let start = 0;
  while (text.length - start > size) {
    const lineEnd = text.lastIndexOf('\n', start + size);
    const end = lineEnd > start + size / 2 ? lineEnd + 1 : start + size;
    pieces.push({ text: text.slice(start, end), format: 'plain' });
    start = end;
  }
  pieces.push({ text: text.slice(start), format: 'plain' });
  return pieces;
}

/**
 * Consecutive Markdown blocks joined while together they stay short. Blocks end only where Markdown starts a new block
 * anyway, so a group renders as its blocks would; groups are formed from the start, so earlier groups stay the same
 * while an answer streams.
 */
function groupShortBlocks(blocks: AnswerBlock[], groupChars: number): AnswerBlock[] {
  const grouped: AnswerBlock[] = [];
  for (const block of blocks) {
    const last = grouped.at(-1);
    if (last && last.format === 'markdown' && block.format === 'markdown' && last.text.length + block.text.length <= groupChars) {
      grouped[grouped.length - 1] = { text: last.text + block.text, format: 'markdown' };
    } else grouped.push(block);
  }
  return grouped;
}

/** The part of an answer that is rendered at all: its first `maxChars` characters. */
export const shownPart = (answer: string, limits: RenderLimits = RENDER_LIMITS): string =>
  answer.length > limits.maxChars ? answer.slice(0, limits.maxChars) : answer;

/** Cuts an answer into blocks, each with the renderer that can show it within a frame. Linear in the answer's length. */
export function planAnswerBlocks(answer: string, limits: RenderLimits = RENDER_LIMITS): AnswerPlan {
  const text = shownPart(answer, limits);
  const cut = text.length < answer.length;
  const lines = scanLines(text);
  const blocks: AnswerBlock[] = [];
  for (const range of splitAtBlockEdges(lines)) {
    const length = (range[1] < lines.length ? lines[range[1]]!.start : text.length) - lines[range[0]]!.start;
    const pieces = length > limits.maxBlockChars ? splitLongBlock(lines, range, limits.maxBlockChars) : [range];
    for (const piece of pieces) {
      const block = classify(text, lines, piece, limits);
      if (block.format === 'plain') blocks.push(...plainPieces(block.text, limits.maxBlockChars));
      else blocks.push(block);
    }
  }
  return { blocks: groupShortBlocks(blocks, limits.groupChars), shownChars: text.length, totalChars: answer.length, cut };
}
