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

/** Calls `run` on each input in turn until `count` calls are timed, after a warm-up; milliseconds per call. */
export function measureLatency<T>(inputs: readonly T[], count: number, run: (input: T) => unknown): Latency {
  for (let i = 0; i < Math.min(500, count); i++) run(inputs[i % inputs.length] as T);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const input = inputs[i % inputs.length] as T;
    const start = performance.now();
    run(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { count, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) ?? Number.NaN };
}
