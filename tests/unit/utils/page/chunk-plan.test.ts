import { describe, expect, it } from 'vitest';
import {
  chainBudgetTokens,
  chunkCoverage,
  DEFAULT_INPUT_BUDGET_TOKENS,
  estimateTokens,
  inputBudgetTokens,
  OUTPUT_RESERVE_TOKENS,
  planChunks,
  planChunksIn,
  prefixWithinTokens,
  PROMPT_OVERHEAD_TOKENS,
} from '@/utils/page/chunk-plan';

/** A deterministic pseudo-random text: paragraphs of sentences of words, some giant paragraphs and run-on sentences. */
function sampleText(seed: number, paragraphs: number): string {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do', '東京', 'Zürich'];
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences = next(10) === 0 ? 60 : 1 + next(8);
    const paragraph: string[] = [];
    for (let s = 0; s < sentences; s++) {
      const length = next(20) === 0 ? 600 : 3 + next(25);
      paragraph.push(Array.from({ length }, () => words[next(words.length)]).join(' ') + (next(2) ? '.' : '!'));
    }
    out.push(paragraph.join(' '));
  }
  return out.join(next(2) ? '\n\n' : '\n \n');
}

describe('estimateTokens', () => {
  it('should count about four Latin characters per token and one token per CJK character', () => {
    expect(estimateTokens('a'.repeat(400))).toBe(100);
    expect(estimateTokens('東京都の天気')).toBe(6);
    expect(estimateTokens('')).toBe(0);
  });
});

describe('inputBudgetTokens', () => {
  it('should leave room for the answer and the prompt when the context window is known', () => {
    expect(inputBudgetTokens({ contextWindow: 32_000 })).toBe(32_000 - OUTPUT_RESERVE_TOKENS - PROMPT_OVERHEAD_TOKENS);
  });

  it('should use a conservative default when the context window is unknown', () => {
    expect(inputBudgetTokens({})).toBe(DEFAULT_INPUT_BUDGET_TOKENS);
  });

  it('should plan for the smallest known window of the chain', () => {
    expect(chainBudgetTokens([{ contextWindow: 200_000 }, { contextWindow: 8_000 }, {}])).toBe(inputBudgetTokens({ contextWindow: 8_000 }));
    expect(chainBudgetTokens([{}, { contextWindow: 200_000 }])).toBe(DEFAULT_INPUT_BUDGET_TOKENS);
  });
});

describe('planChunks', () => {
  it('should keep a text that fits as one chunk', () => {
    const text = 'One paragraph.\n\nAnother one.';

    expect(planChunks(text, 1000)).toEqual([{ text, start: 0, end: text.length, tokens: estimateTokens(text) }]);
  });

  it('should cut at blank lines before sentences', () => {
    const first = 'A'.repeat(300) + '. ' + 'B'.repeat(300) + '.';
    const second = 'C'.repeat(300) + '.';
    const chunks = planChunks(`${first}\n\n${second}`, 200);

    expect(chunks.map((chunk) => chunk.text.trim())).toEqual([first, second]);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(`${first}\n\n${second}`);
  });

  it('should cut a giant paragraph at sentence ends', () => {
    const sentence = 'word '.repeat(100).trim() + '. ';
    const chunks = planChunks(sentence.repeat(10), 300);

    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.trimEnd().endsWith('.')).toBe(true);
  });

  it('should cut a giant sentence without losing characters, never inside a surrogate pair', () => {
    const text = '😀abc '.repeat(5000);
    const chunks = planChunks(text, 100);

    expect(chunks.map((chunk) => chunk.text).join('')).toBe(text);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(100);
      expect(chunk.text.charCodeAt(0)).not.toBe(0xde00);
    }
  });

  it('should give ranges that match the chunk texts, in order and without overlap', () => {
    const text = sampleText(7, 60);
    const chunks = planChunks(text, 500);

    let last = 0;
    for (const chunk of chunks) {
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.start).toBeGreaterThanOrEqual(last);
      last = chunk.end;
    }
  });

  it('should plan a range of a text with chunk ranges counted in the whole text', () => {
    const text = sampleText(3, 30);
    const start = text.indexOf('\n', Math.floor(text.length / 3));
    const end = text.indexOf('\n', Math.floor((text.length * 2) / 3));

    const chunks = planChunksIn(text, { start, end }, 200);

    expect(chunks.map((chunk) => chunk.text)).toEqual(planChunks(text.slice(start, end), 200).map((chunk) => chunk.text));
    for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunks[0]!.start).toBeGreaterThanOrEqual(start);
    expect(chunks.at(-1)!.end).toBeLessThanOrEqual(end);
  });

  it('should measure coverage as the share of characters the chunks carry, and a whole empty text', () => {
    const text = 'a'.repeat(100);

    expect(chunkCoverage(text, [{ start: 0, end: 25 }, { start: 50, end: 75 }])).toBe(0.5);
    expect(chunkCoverage(text, [{ start: 0, end: 100 }])).toBe(1);
    expect(chunkCoverage(text, [])).toBe(0);
    expect(chunkCoverage('', [])).toBe(1);
  });

  it('should cover at least 99 % of the text with every chunk within budget, for many sizes and budgets', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = sampleText(seed, 1 + ((seed * 7) % 80));
      for (const budget of [50, 200, 1_000, 4_000, 16_000]) {
        const chunks = planChunks(text, budget);
        const coverage = chunkCoverage(text, chunks);
        if (coverage < 0.99) expect({ seed, budget, coverage }).toBe('covered at least 99 %');
        // Only whitespace between chunks may be left out.
        let last = 0;
        for (const chunk of chunks) {
          if (chunk.tokens > budget || estimateTokens(chunk.text) > budget) expect({ seed, budget, tokens: chunk.tokens }).toBe('within budget');
          if (text.slice(last, chunk.start).trim() !== '') expect({ seed, budget, lost: text.slice(last, chunk.start) }).toBe('only whitespace lost');
          last = chunk.end;
        }
        expect(text.slice(last).trim()).toBe('');
      }
    }
  });
});

describe('prefixWithinTokens', () => {
  const samples = [
    'plain ascii words '.repeat(40),
    '日本語のテキストです。'.repeat(30),
    'Mixed 中文 and English, 한국어도 있어요. '.repeat(25),
    'x',
    '',
  ];

  it('should return the longest start of the text that stays within the budget', () => {
    for (const sample of samples) {
      for (const budget of [1, 2, 3, 7, 10, 33, 100, 1_000]) {
        const prefix = prefixWithinTokens(sample, budget);
        expect(sample.startsWith(prefix)).toBe(true);
        expect(estimateTokens(prefix)).toBeLessThanOrEqual(budget);
        // One more character would be over the budget (or there is none).
        if (prefix.length < sample.length) expect(estimateTokens(sample.slice(0, prefix.length + 1))).toBeGreaterThan(budget);
      }
    }
  });

  it('should keep a text that fits whole and give nothing for no budget', () => {
    expect(prefixWithinTokens('Short.', 100)).toBe('Short.');
    expect(prefixWithinTokens('Short.', 0)).toBe('');
    expect(prefixWithinTokens('Short.', -5)).toBe('');
  });

  it('should count Latin text at about four characters a token and CJK at one token a character', () => {
    expect(prefixWithinTokens('a'.repeat(100), 10)).toBe('a'.repeat(40));
    expect(prefixWithinTokens('漢'.repeat(100), 10)).toBe('漢'.repeat(10));
    expect(prefixWithinTokens('かな'.repeat(50), 7)).toHaveLength(7);
  });

  it('should never cut a character in half', () => {
    const prefix = prefixWithinTokens(`a${'😀'.repeat(10)}`, 2);

    expect(prefix.isWellFormed()).toBe(true);
  });
});
