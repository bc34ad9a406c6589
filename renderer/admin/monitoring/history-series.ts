import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';
import type { HistoryBucket, StationHistoryPoint } from '#shared/server-api/stations.ts';

const HOUR_MS = 3_600_000;

/** The periods the history charts offer, in hours: a day, a week, a month (the server allows 1–744). */
export const historyWindows = [24, 168, 720] as const;
export type HistoryWindow = (typeof historyWindows)[number];

/** One area's hourly values over the window, one entry per hour of `HistorySeries.hours`. */
export type AreaSeries = {
  readonly areaId: string;
  readonly areaName: string;
  /** Sync reports received in the hour (0 when none). */
  readonly reports: readonly number[];
  /** Stations that reported in the hour. */
  readonly stations: readonly number[];
  readonly pendingChanges: readonly number[];
  /** Largest sync lag reported in the hour, in minutes; null when nobody reported (a gap, not a zero). */
  readonly maxLagMinutes: readonly (number | null)[];
};

export type HistorySeries = {
  /** Start of each hour of the window, ISO, oldest first. */
  readonly hours: readonly string[];
  /** Areas in Vietnamese name order. */
  readonly areas: readonly AreaSeries[];
};

const minutes = (seconds: number) => Math.round((seconds / 60) * 10) / 10;

/**
 * The per-hour, per-area history of `GET /admin/stations/history` as chart series over the window `from`–`to`:
 * every hour present (hours without reports are zeros, their lag a gap), buckets outside the window dropped, several
 * buckets of one hour and area added up (lag: the largest).
 */
export function historySeries(
  buckets: readonly HistoryBucket[],
  window: { readonly from: Date; readonly to: Date },
): HistorySeries {
  const first = Math.floor(window.from.getTime() / HOUR_MS) * HOUR_MS;
  const last = Math.floor(window.to.getTime() / HOUR_MS) * HOUR_MS;
  const hours: string[] = [];
  for (let at = first; at <= last; at += HOUR_MS) hours.push(new Date(at).toISOString());
  type Mutable = {
    areaId: string;
    areaName: string;
    reports: number[];
    stations: number[];
    pendingChanges: number[];
    maxLagMinutes: (number | null)[];
  };
  const areas = new Map<string, Mutable>();
  for (const bucket of buckets) {
    const at = Date.parse(bucket.hour);
    if (Number.isNaN(at)) continue;
    const index = Math.floor(at / HOUR_MS) - first / HOUR_MS;
    if (index < 0 || index >= hours.length) continue;
    let area = areas.get(bucket.areaId);
    if (area === undefined) {
      area = {
        areaId: bucket.areaId,
        areaName: bucket.areaName,
        reports: hours.map(() => 0),
        stations: hours.map(() => 0),
        pendingChanges: hours.map(() => 0),
        maxLagMinutes: hours.map(() => null),
      };
      areas.set(bucket.areaId, area);
    }
    area.reports[index] = (area.reports[index] ?? 0) + bucket.reports;
    area.stations[index] = (area.stations[index] ?? 0) + bucket.stations;
    area.pendingChanges[index] = (area.pendingChanges[index] ?? 0) + bucket.pendingChanges;
    const lag = minutes(bucket.maxLagSeconds);
    area.maxLagMinutes[index] = Math.max(area.maxLagMinutes[index] ?? lag, lag);
  }
  return {
    hours,
    areas: [...areas.values()].sort((a, b) => compareVietnamese(a.areaName, b.areaName)),
  };
}

/** One station's reports as chart series, oldest first. */
export type StationSeries = {
  readonly times: readonly string[];
  readonly pendingChanges: readonly number[];
  /** Age of the oldest pending change, in minutes (null when none was pending or it was not reported). */
  readonly oldestPendingMinutes: readonly (number | null)[];
  /** Minutes from the last successful sync to the report (null when the station had never synced). */
  readonly lagMinutes: readonly (number | null)[];
};

export function stationSeries(points: readonly StationHistoryPoint[]): StationSeries {
  const sorted = [...points]
    .filter((point) => !Number.isNaN(Date.parse(point.reportedAt)))
    .sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
  return {
    times: sorted.map((point) => point.reportedAt),
    pendingChanges: sorted.map((point) => point.pendingChanges),
    oldestPendingMinutes: sorted.map((point) =>
      point.oldestPendingAgeSeconds === null ? null : minutes(point.oldestPendingAgeSeconds),
    ),
    lagMinutes: sorted.map((point) => {
      const synced = point.lastSyncAt === null ? Number.NaN : Date.parse(point.lastSyncAt);
      return Number.isNaN(synced)
        ? null
        : Math.max(0, minutes((Date.parse(point.reportedAt) - synced) / 1000));
    }),
  };
}
