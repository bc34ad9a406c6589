import { describe, expect, it } from 'vitest';
import { scheduleJobs } from './schedule-jobs.ts';

describe('scheduleJobs', () => {
  it('runs each job at start and on every tick, logs failures without stopping, and never overlaps a run', async () => {
    const ticks: (() => void)[] = [];
    const timers = {
      setInterval: (fn: () => void) => ticks.push(fn),
      clearInterval: () => ticks.splice(0),
    };
    const logged: string[] = [];
    const log = {
      info: (_o: object, m: string) => logged.push(m),
      error: (_o: object, m: string) => logged.push(m),
    };
    let runs = 0;
    let release: () => void = () => undefined;
    const stop = scheduleJobs(
      [
        {
          name: 'slow',
          everyMs: 1000,
          run: () =>
            new Promise<void>((resolve) => {
              runs++;
              release = resolve;
            }),
        },
        { name: 'failing', everyMs: 1000, run: () => Promise.reject(new Error('boom')) },
      ],
      log,
      timers,
    );
    expect(runs).toBe(1);
    ticks[0]?.();
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    ticks[0]?.();
    expect(runs).toBe(2);
    expect(logged).toContain('job failed');
    stop();
    expect(ticks).toHaveLength(0);
  });
});
