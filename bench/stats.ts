/**
 * Small statistics and timing helpers for the benchmark (no dependencies).
 */

/** Median of a sample (the mean of the two middle values for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` once and returns its duration in milliseconds. */
export function time(fn: () => void): number {
  const t0 = now();
  fn();
  return now() - t0;
}

/** Collects garbage when the process runs with --expose-gc (fewer GC pauses inside timings). */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

/** Rounds for display: 3 significant digits below 100, integers above. */
export function fmt(v: number | undefined, unit = ''): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  const s = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);
  return unit ? `${s} ${unit}` : s;
}

/** Resident set size of this process in MiB. */
export function rssMiB(): number {
  return process.memoryUsage().rss / 1048576;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
