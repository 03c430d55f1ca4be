/** Small statistics helpers for the benchmarks: percentiles and timing of a function over many calls. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The percentiles of a set of timings, in milliseconds. */
export function latencyOf(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Calls `run` on each input in turn until `count` calls are timed, after a warm-up of a tenth as many calls (at most
 * 500); milliseconds per call.
 */
export function measureLatency<T>(inputs: readonly T[], count: number, run: (input: T) => unknown): Latency {
  for (let i = 0; i < Math.min(500, Math.ceil(count / 10)); i++) run(inputs[i % inputs.length] as T);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const input = inputs[i % inputs.length] as T;
    const start = performance.now();
    run(input);
    times.push(performance.now() - start);
  }
  return latencyOf(times);
}
