import type { SyncStatusView } from '#shared/station-api/station-api.ts';

/** The replicated collections in the order a fresh station pulls them; others the core reports follow by name. */
export const collectionOrder = [
  'health-id-pools',
  'persons',
  'encounters',
  'immunizations',
  'station-status',
  'access-events',
] as const;

export type ProgressRow = {
  readonly collection: string;
  readonly received: number;
  /** What the server said it held when sync started, or, when more has arrived since, what has arrived. */
  readonly total: number | null;
  /** 0–100, null until the server has said how many it holds. */
  readonly percent: number | null;
};

/**
 * One progress row per collection the core reports (received / expected: a first sync's progress). Documents that
 * arrive after the server counted (a new pool, a colleague's change) raise the total instead of passing 100 %.
 */
export function progressRows(status: Pick<SyncStatusView, 'received' | 'expected'>): ProgressRow[] {
  const names = [...new Set([...Object.keys(status.expected), ...Object.keys(status.received)])];
  const known: readonly string[] = collectionOrder;
  const ordered = [
    ...collectionOrder.filter((name) => names.includes(name)),
    ...names.filter((name) => !known.includes(name)).sort(),
  ];
  return ordered.map((collection) => {
    const received = status.received[collection] ?? 0;
    const expected = status.expected[collection];
    if (expected === undefined) return { collection, received, total: null, percent: null };
    const total = Math.max(expected, received);
    return { collection, received, total, percent: total === 0 ? 100 : Math.floor((received / total) * 100) };
  });
}

/**
 * A first sync's time left as staff read it: to the next 10 seconds under a minute, whole minutes (rounded up) under
 * an hour, then hours and minutes. Null when the core does not know.
 */
export function timeLeftOf(
  secondsLeft: number | null,
):
  | { readonly unit: 'seconds'; readonly seconds: number }
  | { readonly unit: 'minutes'; readonly minutes: number }
  | { readonly unit: 'hours'; readonly hours: number; readonly minutes: number }
  | null {
  if (secondsLeft === null || secondsLeft <= 0) return null;
  if (secondsLeft < 60) return { unit: 'seconds', seconds: Math.ceil(secondsLeft / 10) * 10 };
  const minutes = Math.ceil(secondsLeft / 60);
  if (minutes < 60) return { unit: 'minutes', minutes };
  return { unit: 'hours', hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
