import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from './latency-summary.ts';
import { openLoopSchedule } from './open-loop-schedule.ts';

describe('the load benchmark timetable', () => {
  const options = {
    docsPerSecond: 200,
    seconds: 10,
    devices: 600,
    pullers: 10,
    statusEverySeconds: 300,
    runOffsetSeconds: 0,
    seed: 7,
  };

  it('offers the rate in pushes of 1–3 documents, spread over the step, the same for the same seed', () => {
    const schedule = openLoopSchedule(options);
    const pushes = schedule.flatMap((r) => (r.kind === 'push' ? [r] : []));
    const documents = pushes.reduce((sum, r) => sum + r.documents, 0);
    expect(documents).toBeGreaterThanOrEqual(200 * 10);
    expect(documents).toBeLessThanOrEqual(200 * 10 + 3);
    expect(new Set(pushes.map((r) => r.documents))).toEqual(new Set([1, 2, 3]));
    expect(pushes.filter((r) => r.at >= 5000).length / pushes.length).toBeCloseTo(0.5, 1);
    expect(openLoopSchedule(options)).toEqual(schedule);
    expect(schedule.map((r) => r.at)).toEqual([...schedule.map((r) => r.at)].sort((a, b) => a - b));
  });

  it('has each puller pull once a second and each device report once per period, phases kept across steps', () => {
    const first = openLoopSchedule(options);
    expect(first.filter((r) => r.kind === 'pull')).toHaveLength(10 * 10);
    const reports = (step: typeof first) => step.filter((r) => r.kind === 'status').map((r) => r.device);
    // 600 devices over 300 s: 20 in the first 10 s, the next 20 in the next 10 s.
    expect(reports(first)).toHaveLength(20);
    const second = openLoopSchedule({ ...options, runOffsetSeconds: 10 });
    expect(reports(second)).toHaveLength(20);
    expect(new Set([...reports(first), ...reports(second)]).size).toBe(40);
  });

  it('summarizes latencies by nearest rank', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(summarizeLatencies(samples)).toEqual({
      count: 1000,
      p50: 500,
      p90: 900,
      p99: 990,
      p999: 999,
      max: 1000,
    });
    expect(summarizeLatencies([])).toMatchObject({ count: 0, p99: 0, max: 0 });
  });
});
