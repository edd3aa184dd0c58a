// Shared statistics for the benchmark: every figure in the report goes through these.

/** The p-th percentile (0..100) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);
export const p95 = (samples: readonly number[]): number => percentile(samples, 95);

/** Rounds to `digits` decimals (one by default), the precision every figure is reported with. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Per-pair differences b - a of interleaved runs. */
export function differences(pairs: readonly { a: number; b: number }[]): number[] {
  return pairs.map(({ a, b }) => b - a);
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** n, median, p95, min and max of a series, rounded to one decimal. */
export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: round(median(samples)),
    p95: round(p95(samples)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}
