/**
 * Documents per second over the last `windowMs` of a transfer, from samples of the running total, and the time left
 * at that rate. Used for a first sync's "time left": the window follows the link as it is now (a slow patch, a cut),
 * not the average since the start.
 */
export type TransferRate = {
  /** Records that `total` documents had arrived by `atMs`. */
  sample(atMs: number, total: number): void;
  /** Documents per second over the window; null until two samples a second apart exist. */
  perSecond(): number | null;
  /** Whole seconds to receive `remaining` more documents at the current rate; null when unknown or nothing is left. */
  secondsLeft(remaining: number): number | null;
};

export function createTransferRate(windowMs = 30_000): TransferRate {
  const samples: { atMs: number; total: number }[] = [];
  const perSecond = (): number | null => {
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (first === undefined || last === undefined || last.atMs - first.atMs < 1000) return null;
    return ((last.total - first.total) * 1000) / (last.atMs - first.atMs);
  };
  return {
    sample(atMs, total) {
      samples.push({ atMs, total });
      // Keep one sample at or before the window's start, so the window is always covered.
      while (samples.length > 2 && (samples[1]?.atMs ?? atMs) <= atMs - windowMs) samples.shift();
    },
    perSecond,
    secondsLeft(remaining) {
      const rate = perSecond();
      if (remaining <= 0 || rate === null || rate <= 0) return null;
      return Math.ceil(remaining / rate);
    },
  };
}
