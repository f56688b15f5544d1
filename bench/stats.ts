/** Medians of repeated runs, for the benchmarks. */
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `fn` once to warm up, then `runs` times, and returns the median in milliseconds. */
export function medianMs(runs: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Medians of several measures taken in turn within each round, after one warm-up round, so that a
 * slow spell of a noisy machine falls on all of them alike and their ratios stay paired.
 */
export function interleavedMedianMs<K extends string>(runs: number, fns: Record<K, () => void>): Record<K, number> {
  const keys = Object.keys(fns) as K[];
  const times = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = -1; round < runs; round++) {
    for (const k of keys) {
      const t0 = performance.now();
      fns[k]();
      if (round >= 0) times[k].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(times[k])])) as Record<K, number>;
}

/** Milliseconds one call of `fn` takes, awaited: for runs too long to repeat in a tight loop. */
export async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
