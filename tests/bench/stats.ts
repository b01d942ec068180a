/** Percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Percentiles over `expected` samples: those that never came count as infinitely late, so a
 * p99 is only finite when at least 99 % arrived. `mean` and `max` are over those that came.
 */
export function summarize(values: ArrayLike<number>, expected = values.length): Summary {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const missing = Math.max(0, expected - sorted.length);
  const rank = (p: number) => {
    const r = Math.min(expected - 1, Math.max(0, Math.ceil((p / 100) * expected) - 1));
    return r < sorted.length ? sorted[r] : Infinity;
  };
  if (missing > 0) {
    let total = 0;
    for (let i = 0; i < sorted.length; i++) total += sorted[i];
    return { n: sorted.length, p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] ?? NaN, mean: total / sorted.length };
  }
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, mean: sum / sorted.length };
}

/** Milliseconds as text: 0.42 ms, 12.3 ms, 1,234 ms. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  return `${(a / b).toFixed(2)}×`;
}
