import { performance } from 'node:perf_hooks';

export type Measurement = {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly opsPerSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
};

/**
 * Runs `operation` `count` times after `warmup` untimed runs and reports throughput and per-operation latency
 * percentiles. Figures are for comparison on the same machine; nothing asserts them.
 */
export function measure(
  name: string,
  count: number,
  operation: (i: number) => void,
  warmup = Math.min(200, count),
): Measurement {
  for (let i = 0; i < warmup; i++) operation(i);
  const samples = new Float64Array(count);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    operation(i);
    samples[i] = performance.now() - t;
  }
  const seconds = (performance.now() - started) / 1000;
  samples.sort();
  const at = (q: number) => (samples[Math.min(count - 1, Math.floor(q * count))] ?? 0) * 1000;
  return {
    name,
    operations: count,
    seconds,
    opsPerSecond: count / seconds,
    p50Micros: at(0.5),
    p99Micros: at(0.99),
  };
}

/** Prints measurements as an aligned table on stdout. */
export function printTable(title: string, rows: readonly Measurement[]): void {
  const lines = [
    `\n${title}`,
    `${'operation'.padEnd(48)} ${'ops/s'.padStart(12)} ${'p50 µs'.padStart(10)} ${'p99 µs'.padStart(10)}`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(48)} ${Math.round(r.opsPerSecond).toLocaleString('en-US').padStart(12)} ${r.p50Micros.toFixed(1).padStart(10)} ${r.p99Micros.toFixed(1).padStart(10)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
