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

const stationRow = z.object({
  deviceId: z.string(),
  deviceLabel: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  reportedAt: z.string().nullable(),
  /** The station's own report (counts, times and codes; no health data). */
  report: stationStatusReport.nullable(),
  /** No successful pull or push reported within 24 hours, or never reported. */
  stale: z.boolean(),
  healthIdsLow: z.boolean(),
  hasRecordErrors: z.boolean(),
  /** |clock offset| above 5 minutes: the station's clock is wrong. */
  clockWrong: z.boolean(),
  /** When the device last made a backup (its `backup` access events in the audit log), null when never. */
  lastBackupAt: z.string().nullable(),
});
export type StationRow = z.infer<typeof stationRow>;
export const stationsAnswer = z.object({ stations: z.array(stationRow) });

/** Sync activity and lag of one area (health centre) in one hour. */
const historyBucket = z.object({
  hour: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  /** Status reports received in that hour (each follows a sync round or a heartbeat). */
  reports: z.number(),
  /** Devices that reported. */
  stations: z.number(),
  /** Pending changes summed over the devices, each at its highest in the hour. */
  pendingChanges: z.number(),
  /** The oldest pending change's age, at its highest over the area's devices in the hour. */
  maxLagSeconds: z.number(),
});
export type HistoryBucket = z.infer<typeof historyBucket>;
export const stationsHistoryAnswer = z.object({ buckets: z.array(historyBucket) });

/** One sampled report of one station. */
const stationHistoryPoint = z.object({
  reportedAt: z.string(),
  pendingChanges: z.number(),
  oldestPendingAgeSeconds: z.number().nullable(),
  lastSyncAt: z.string().nullable(),
});
export type StationHistoryPoint = z.infer<typeof stationHistoryPoint>;
export const stationHistoryAnswer = z.object({ points: z.array(stationHistoryPoint) });
