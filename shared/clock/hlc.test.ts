import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  createHlc,
  HLC_MAX_WALL_MS,
  parseHlc,
  serializeHlc,
  skewMs,
  type HlcTimestamp,
} from './hlc.ts';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);

const arbNode = fc.stringMatching(/^[0-9A-Za-z_.:-]{1,12}$/);
const arbStamp: fc.Arbitrary<HlcTimestamp> = fc.record({
  wallMs: fc.oneof(
    fc.integer({ min: 0, max: HLC_MAX_WALL_MS }),
    fc.integer({ min: T0 - DAY_MS, max: T0 + DAY_MS }),
  ),
  counter: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
  node: arbNode,
});

/** A wall clock that replays the given readings, repeating the last one. */
function scriptedClock(readings: readonly number[]): () => number {
  let i = 0;
  return () => readings[Math.min(i++, readings.length - 1)] ?? T0;
}

describe('createHlc', () => {
  it('follows the wall clock when it moves forward', () => {
    const hlc = createHlc({ node: 'a', now: scriptedClock([T0, T0 + 5]) });
    expect(hlc.now()).toEqual({ wallMs: T0, counter: 0, node: 'a' });
    expect(hlc.now()).toEqual({ wallMs: T0 + 5, counter: 0, node: 'a' });
  });

  it('keeps the last wall time and bumps the counter when the wall clock jumps back by days', () => {
    const hlc = createHlc({ node: 'a', now: scriptedClock([T0, T0 - 3 * DAY_MS, T0 - 3 * DAY_MS]) });
    hlc.now();
    expect(hlc.now()).toEqual({ wallMs: T0, counter: 1, node: 'a' });
    expect(hlc.now()).toEqual({ wallMs: T0, counter: 2, node: 'a' });
  });

  it('accepts a remote stamp days in the future and stays ahead of it', () => {
    const hlc = createHlc({ node: 'a', now: () => T0 });
    const remote = { wallMs: T0 + 4 * DAY_MS, counter: 7, node: 'b' };
    expect(hlc.receive(remote)).toEqual({ wallMs: T0 + 4 * DAY_MS, counter: 8, node: 'a' });
    expect(hlc.now()).toEqual({ wallMs: T0 + 4 * DAY_MS, counter: 9, node: 'a' });
    expect(skewMs(remote, T0)).toBe(4 * DAY_MS);
  });

  it('resumes after the last persisted stamp even if the wall clock was set back while stopped', () => {
    const last = { wallMs: T0, counter: 41, node: 'a' };
    const hlc = createHlc({ node: 'a', now: () => T0 - DAY_MS, last });
    expect(hlc.now()).toEqual({ wallMs: T0, counter: 42, node: 'a' });
  });

  it('grows the counter past eight hex digits without overflowing', () => {
    const hlc = createHlc({ node: 'a', now: () => T0, last: { wallMs: T0, counter: 0xffffffff, node: 'a' } });
    const next = hlc.now();
    expect(next.counter).toBe(0x100000000);
    expect(serializeHlc(next)).toBe(`${String(T0).padStart(15, '0')}-g100000000-a`);
  });

  it('carries a counter that would pass 2^53 - 1 into the wall time instead of losing precision', () => {
    const hlc = createHlc({ node: 'a', now: () => T0 });
    const remote = { wallMs: T0, counter: Number.MAX_SAFE_INTEGER, node: 'b' };
    const next = hlc.receive(remote);
    expect(next).toEqual({ wallMs: T0 + 1, counter: 0, node: 'a' });
    expect(compareHlc(remote, next)).toBe(-1);
  });

  it('rejects a malformed node id and a broken wall clock as bugs', () => {
    expect(() => createHlc({ node: '', now: () => T0 })).toThrow(RangeError);
    expect(() => createHlc({ node: 'a', now: () => Number.NaN }).now()).toThrow(RangeError);
  });

  it('issues strictly increasing stamps above every received stamp under a wall clock jumping by days', () => {
    const arbStep = fc.oneof(
      fc.record({
        kind: fc.constant('now' as const),
        clock: fc.integer({ min: -5 * DAY_MS, max: 5 * DAY_MS }),
      }),
      fc.record({
        kind: fc.constant('receive' as const),
        clock: fc.integer({ min: -5 * DAY_MS, max: 5 * DAY_MS }),
        remote: fc.record({
          wallMs: fc.integer({ min: T0 - 6 * DAY_MS, max: T0 + 6 * DAY_MS }),
          counter: fc.integer({ min: 0, max: 1000 }),
          node: arbNode,
        }),
      }),
    );
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 60 }), (steps) => {
        let reading = T0;
        const hlc = createHlc({ node: 'local', now: () => reading });
        const issued: HlcTimestamp[] = [];
        const received: HlcTimestamp[] = [];
        for (const step of steps) {
          reading = T0 + step.clock;
          if (step.kind === 'now') {
            issued.push(hlc.now());
          } else {
            received.push(step.remote);
            issued.push(hlc.receive(step.remote));
          }
          const latest = issued[issued.length - 1];
          const before = issued[issued.length - 2];
          if (latest === undefined) throw new Error('no stamp issued');
          if (before !== undefined) expect(compareHlc(before, latest)).toBe(-1);
          for (const remote of received) expect(compareHlc(remote, latest)).toBe(-1);
        }
      }),
    );
  });
});

describe('serializeHlc and parseHlc', () => {
  it('writes a fixed-width wall time, an 8-digit hex counter and the node last', () => {
    expect(serializeHlc({ wallMs: 1_700_000_000_000, counter: 42, node: 'st-01032' })).toBe(
      '001700000000000-0000002a-st-01032',
    );
  });

  it('round-trips every valid stamp', () => {
    fc.assert(
      fc.property(arbStamp, (ts) => {
        expect(parseHlc(serializeHlc(ts))).toEqual({ ok: true, value: ts, warnings: [] });
      }),
    );
  });

  it('orders serialized stamps exactly as compareHlc does', () => {
    fc.assert(
      fc.property(arbStamp, arbStamp, (a, b) => {
        const sa = serializeHlc(a);
        const sb = serializeHlc(b);
        const stringOrder = sa < sb ? -1 : sa > sb ? 1 : 0;
        expect(stringOrder).toBe(compareHlc(a, b));
      }),
    );
  });

  it('orders a long counter after every shorter one at the same wall time', () => {
    const small = serializeHlc({ wallMs: T0, counter: 0xfffffffe, node: 'z' });
    const large = serializeHlc({ wallMs: T0, counter: 0x1000000000, node: 'a' });
    expect(small < large).toBe(true);
  });

  it.each([
    ['not a stamp', 'hlc-format'],
    ['', 'hlc-format'],
    ['1700000000000-0000002a-node', 'hlc-format'],
    ['001700000000000-0000002A-node', 'hlc-format'],
    ['001700000000000-2a-node', 'hlc-format'],
    ['001700000000000-g00000002a-node', 'hlc-format'],
    ['001700000000000-0000002a-', 'hlc-format'],
    ['001700000000000-0000002a-nút', 'hlc-format'],
    ['001700000000000-ggggggg100000000000000-n', 'hlc-out-of-range'],
  ])('rejects %j with %s', (text, code) => {
    const result = parseHlc(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].code).toBe(code);
  });

  it('returns an error value for non-string input instead of throwing', () => {
    for (const garbage of [null, undefined, 42, {}, ['x']]) {
      const result = parseHlc(garbage, 'stamps.name');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0].path).toBe('stamps.name');
    }
  });
});
