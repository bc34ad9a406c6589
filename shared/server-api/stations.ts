import { z } from 'zod';
import { stationStatusReport } from '../schemas/station-status-report.ts';

/**
 * The station monitoring routes (`/admin/stations`): each station device's latest sync report with the flags that
 * need attention, sync activity per area and hour, and one station's sampled reports.
 */

const orgUnitIdParam = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);
/** Up to a month back, by the hour. */
const hoursParam = z.coerce.number().int().min(1).max(744);

export const stationsQuery = z.strictObject({ orgUnitId: orgUnitIdParam.optional() });
export const stationsHistoryQuery = z.strictObject({
  orgUnitId: orgUnitIdParam.optional(),
  hours: hoursParam.optional(),
});
export const stationHistoryParams = z.strictObject({ deviceId: orgUnitIdParam });
export const stationHistoryQuery = z.strictObject({ hours: hoursParam.optional() });

export const stationRow = z.object({
  deviceId: z.string(),
  deviceLabel: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  reportedAt: z.string().nullable(),
  /** The station's own report (counts, times and codes; no health data). */
  report: stationStatusReport.nullable(),
  stale: z.boolean(),
  healthIdsLow: z.boolean(),
  hasRecordErrors: z.boolean(),
  clockWrong: z.boolean(),
  /** The device's last backup as its access log says (null: none yet). */
  lastBackupAt: z.string().nullable(),
});
export type StationRow = z.infer<typeof stationRow>;
export const stationsAnswer = z.object({ stations: z.array(stationRow) });

/** Sync activity and lag of one area (health centre) in one hour. */
export const historyBucket = z.object({
  hour: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  reports: z.number(),
  stations: z.number(),
  pendingChanges: z.number(),
  maxLagSeconds: z.number(),
});
export type HistoryBucket = z.infer<typeof historyBucket>;
export const stationsHistoryAnswer = z.object({ buckets: z.array(historyBucket) });

/** One sampled report of one station. */
export const stationHistoryPoint = z.object({
  reportedAt: z.string(),
  pendingChanges: z.number(),
  oldestPendingAgeSeconds: z.number().nullable(),
  lastSyncAt: z.string().nullable(),
});
export type StationHistoryPoint = z.infer<typeof stationHistoryPoint>;
export const stationHistoryAnswer = z.object({ points: z.array(stationHistoryPoint) });
