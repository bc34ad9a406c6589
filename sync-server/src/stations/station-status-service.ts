import { and, eq, isNull } from 'drizzle-orm';
import type { StationStatusReport } from '../../../shared/schemas/station-status-report.ts';
import type { DbExecutor } from '../db/database.ts';
import { devices } from '../db/schema/devices.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { stationStatus } from '../db/schema/replication.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';

/** A station device as the admin console lists it, with the flags that need someone's attention. */
export type StationSyncRow = {
  readonly deviceId: string;
  readonly deviceLabel: string;
  readonly orgUnitId: string;
  readonly orgUnitName: string;
  readonly reportedAt: string | null;
  readonly report: StationStatusReport | null;
  /** No successful pull or push reported within `staleAfterHours` (24 h), or never reported. */
  readonly stale: boolean;
  readonly healthIdsLow: boolean;
  readonly hasRecordErrors: boolean;
  /** |clock offset| above 5 minutes: the station's clock is wrong. */
  readonly clockWrong: boolean;
};

export type StationStatusService = {
  /** Stores a device's latest report (validated by the caller with `stationStatusReport`). */
  record(
    tx: DbExecutor,
    device: { deviceId: string; orgUnitId: string },
    report: StationStatusReport,
  ): Promise<void>;
  /** Active devices in the subtree of `rootUnitId`, stalest first; the scope filter is applied in SQL. */
  list(tx: DbExecutor, rootUnitId: string): Promise<readonly StationSyncRow[]>;
};

export function createStationStatusService(options: {
  clock: { now(): Date };
  staleAfterHours?: number;
  healthIdLowWater?: number;
}): StationStatusService {
  const staleMs = (options.staleAfterHours ?? 24) * 3_600_000;
  const lowWater = options.healthIdLowWater ?? 200;
  return {
    async record(tx, device, report) {
      const reportedAt = options.clock.now();
      await tx
        .insert(stationStatus)
        .values({ deviceId: device.deviceId, orgUnitId: device.orgUnitId, reportedAt, report })
        .onConflictDoUpdate({
          target: stationStatus.deviceId,
          set: { orgUnitId: device.orgUnitId, reportedAt, report },
        });
    },
    async list(tx, rootUnitId) {
      const rows = await tx
        .select({
          deviceId: devices.id,
          deviceLabel: devices.label,
          orgUnitId: devices.orgUnitId,
          orgUnitName: orgUnits.name,
          reportedAt: stationStatus.reportedAt,
          report: stationStatus.report,
        })
        .from(devices)
        .innerJoin(orgUnits, eq(orgUnits.id, devices.orgUnitId))
        .leftJoin(stationStatus, eq(stationStatus.deviceId, devices.id))
        .where(and(inOrgUnitSubtree(devices.orgUnitId, rootUnitId), isNull(devices.revokedAt)));
      const now = options.clock.now().getTime();
      const lastSync = (r: StationStatusReport | null) =>
        Math.max(Date.parse(r?.lastPullAt ?? '') || 0, Date.parse(r?.lastPushAt ?? '') || 0);
      return rows
        .map((row): StationSyncRow => {
          const report = row.report as StationStatusReport | null;
          return {
            deviceId: row.deviceId,
            deviceLabel: row.deviceLabel,
            orgUnitId: row.orgUnitId,
            orgUnitName: row.orgUnitName,
            reportedAt: row.reportedAt?.toISOString() ?? null,
            report,
            stale: now - lastSync(report) > staleMs,
            healthIdsLow: report?.healthIdsRemaining !== undefined && report.healthIdsRemaining <= lowWater,
            hasRecordErrors: (report?.recordErrors.length ?? 0) > 0,
            clockWrong: Math.abs(report?.clockOffsetMs ?? 0) > 5 * 60_000,
          };
        })
        .sort((a, b) => lastSync(a.report) - lastSync(b.report));
    },
  };
}
