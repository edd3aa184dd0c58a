// Token-level F1 between two texts: Intl.Segmenter word segments after NFKC normalisation and lower-casing.

export function wordTokens(text: string, locale = 'und'): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  const tokens: string[] = [];
  // Line by line: a line break is always a word boundary, and Node 20's segmenter slows down badly on one huge string.
  for (const line of text.normalize('NFKC').toLowerCase().split('\n')) {
    for (const segment of segmenter.segment(line)) {
      if (segment.isWordLike) tokens.push(segment.segment);
    }
  }
  return tokens;
}

export function tokenF1(candidate: string, reference: string): number {
  const counts = new Map<string, number>();
  const reference_ = wordTokens(reference);
  const candidate_ = wordTokens(candidate);
  for (const token of reference_) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of candidate_) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(token, left - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / candidate_.length;
  const recall = overlap / reference_.length;
  return (2 * precision * recall) / (precision + recall);
}
