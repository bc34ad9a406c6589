/** A clock tests move by hand. */
export type TestClock = { now(): Date; advance(ms: number): void; set(at: Date): void };

export function createTestClock(start = new Date('2026-03-02T02:00:00.000Z')): TestClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
    set: (date) => {
      at = date.getTime();
    },
  };
}

export const MINUTE = 60 * 1000;
export const DAY = 24 * 60 * MINUTE;
