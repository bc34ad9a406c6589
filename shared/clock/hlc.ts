import { defineIssues } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';

/**
 * A hybrid logical clock (Kulkarni, Demirbas et al., "Logical Physical Clocks", 2014): a timestamp that stays close to
 * wall-clock time, orders causally related events, and never goes backwards on a node even when the node's wall clock
 * does. Merge policies compare these per field group to decide which write is the latest.
 *
 * Order is (wallMs, counter, node): node is the final tie-breaker, so two different nodes never produce equal stamps.
 */
export type HlcTimestamp = {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
};

/** A node's clock. Both methods return a stamp strictly greater than every stamp this clock issued or received. */
export type Hlc = {
  /** Stamps a local event or an outgoing write. */
  now(): HlcTimestamp;
  /** Merges a stamp received from another node and stamps the receipt. */
  receive(remote: HlcTimestamp): HlcTimestamp;
};

/** Largest wall time a stamp can carry: 15 decimal digits in the serialized form (about the year 33658). */
export const HLC_MAX_WALL_MS = 999_999_999_999_999;
/** Node ids are short ASCII tokens so that string order and `compareHlc` order agree on every runtime. */
export const HLC_NODE_PATTERN = /^[0-9A-Za-z_.:-]{1,64}$/;

const COUNTER_MIN_HEX_DIGITS = 8;
const SERIALIZED_PATTERN = /^(\d{15})-(g*)([0-9a-f]+)-(.+)$/;

const issue = defineIssues({
  'hlc-format':
    'Dấu thời gian đồng bộ "{input}" không đúng định dạng (15 chữ số thời gian, bộ đếm hệ 16, mã máy). Dữ liệu có thể bị hỏng: đồng bộ lại từ máy chủ.',
  'hlc-out-of-range':
    'Dấu thời gian đồng bộ "{input}" có giá trị ngoài phạm vi cho phép. Dữ liệu có thể bị hỏng: đồng bộ lại từ máy chủ.',
});
export type HlcIssueCode = Parameters<typeof issue>[0];

/**
 * Creates a node's clock. `now` is the injected wall clock in epoch milliseconds; `last` resumes from the last stamp
 * this node persisted, so a restart with the wall clock set back cannot reissue an old stamp.
 *
 * Skew tolerance: a remote stamp from the future (a station whose clock is days ahead) is accepted, never rejected,
 * because rejecting it would block sync for a wrong clock the user cannot fix at once. The consequence is that this
 * node adopts the future wall time: until its own wall clock catches up, its stamps keep that wall time and only the
 * counter grows, so its writes (and those of every node it syncs with) win last-writer-wins comparisons against
 * writes that honest clocks make in that period. Callers should report large offsets with `skewMs`.
 */
export function createHlc(options: { node: string; now: () => number; last?: HlcTimestamp }): Hlc {
  const { node, now: wallClock } = options;
  if (!HLC_NODE_PATTERN.test(node)) throw new RangeError(`invalid HLC node id: ${JSON.stringify(node)}`);
  let wallMs = 0;
  let counter = 0;
  if (options.last !== undefined) {
    assertValidTimestamp(options.last);
    wallMs = options.last.wallMs;
    counter = options.last.counter;
  }

  const readWallClock = (): number => {
    const reading = wallClock();
    if (!Number.isFinite(reading) || reading < 0)
      throw new RangeError(`wall clock returned ${String(reading)}`);
    return Math.min(Math.floor(reading), HLC_MAX_WALL_MS);
  };
  const stamp = (): HlcTimestamp => {
    // A counter past 2^53 - 1 (only a hostile remote stamp gets it there) carries into the wall time: still later
    // than every stamp seen, and exact integers all the way.
    if (counter > Number.MAX_SAFE_INTEGER) {
      wallMs += 1;
      counter = 0;
    }
    if (wallMs > HLC_MAX_WALL_MS) throw new RangeError('HLC wall time past the year 33658');
    return { wallMs, counter, node };
  };

  return {
    now() {
      const physical = readWallClock();
      if (physical > wallMs) {
        wallMs = physical;
        counter = 0;
      } else {
        counter += 1;
      }
      return stamp();
    },
    receive(remote) {
      assertValidTimestamp(remote);
      const physical = readWallClock();
      const previous = wallMs;
      wallMs = Math.max(previous, remote.wallMs, physical);
      if (wallMs === previous && wallMs === remote.wallMs) counter = Math.max(counter, remote.counter) + 1;
      else if (wallMs === previous) counter += 1;
      else if (wallMs === remote.wallMs) counter = remote.counter + 1;
      else counter = 0;
      return stamp();
    },
  };
}

/** How far the remote stamp's wall time is ahead of the local wall clock (negative when behind), in ms. */
export function skewMs(remote: HlcTimestamp, localWallMs: number): number {
  return remote.wallMs - localWallMs;
}

/** Total order of stamps: wall time, then counter, then node id (plain string order). */
export function compareHlc(a: HlcTimestamp, b: HlcTimestamp): -1 | 0 | 1 {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return 0;
}

/**
 * Text form whose plain string order equals `compareHlc` order: `<wallMs, 15 digits>-<counter>-<node>`.
 * The counter is lowercase hex, at least 8 digits; a counter needing k more digits is preceded by k `g`s, which sort
 * after every hex digit, so longer counters sort after shorter ones and the encoding stays prefix-free.
 */
export function serializeHlc(ts: HlcTimestamp): string {
  assertValidTimestamp(ts);
  const hex = ts.counter.toString(16).padStart(COUNTER_MIN_HEX_DIGITS, '0');
  const lengthMarks = 'g'.repeat(hex.length - COUNTER_MIN_HEX_DIGITS);
  return `${String(ts.wallMs).padStart(15, '0')}-${lengthMarks}${hex}-${ts.node}`;
}

/** Parses the canonical output of `serializeHlc`; any other input, including non-strings, is an error value. */
export function parseHlc(text: unknown, path?: string): Result<HlcTimestamp, HlcIssueCode> {
  if (typeof text !== 'string') return fail(issue('hlc-format', { input: typeof text }, path));
  const input = text;
  const m = SERIALIZED_PATTERN.exec(text);
  if (!m) return fail(issue('hlc-format', { input }, path));
  const [, wallText = '', marks = '', hex = '', node = ''] = m;
  const canonicalCounter =
    hex.length === COUNTER_MIN_HEX_DIGITS + marks.length && (marks.length === 0 || !hex.startsWith('0'));
  if (!canonicalCounter || !HLC_NODE_PATTERN.test(node)) return fail(issue('hlc-format', { input }, path));
  const counter = parseInt(hex, 16);
  if (counter > Number.MAX_SAFE_INTEGER) return fail(issue('hlc-out-of-range', { input }, path));
  return ok({ wallMs: Number(wallText), counter, node });
}

function isValidTimestamp(ts: HlcTimestamp): boolean {
  return (
    Number.isSafeInteger(ts.wallMs) &&
    ts.wallMs >= 0 &&
    ts.wallMs <= HLC_MAX_WALL_MS &&
    Number.isSafeInteger(ts.counter) &&
    ts.counter >= 0 &&
    HLC_NODE_PATTERN.test(ts.node)
  );
}

/** A malformed stamp here is a bug: stamps from outside arrive through `parseHlc`. */
function assertValidTimestamp(ts: HlcTimestamp): void {
  if (!isValidTimestamp(ts)) throw new RangeError(`invalid HLC timestamp: ${JSON.stringify(ts)}`);
}
