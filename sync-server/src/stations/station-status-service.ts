import { and, asc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { StationStatusReport } from '#shared/schemas/station-status-report.ts';
import type { HistoryBucket, StationHistoryPoint, StationRow } from '#shared/server-api/stations.ts';
import type { DbExecutor } from '../db/database.ts';
import { devices } from '../db/schema/devices.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { stationStatus, stationStatusHistory } from '../db/schema/replication.ts';
import { rowsOf } from '../db/sql-rows.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';

/** Samples closer together than this are not stored again (the charts work by the hour). */
const HISTORY_SAMPLE_MS = 5 * 60_000;

export type StationStatusService = {
  /** Stores a device's latest report (validated by the caller with `stationStatusReport`). */
  record(
    tx: DbExecutor,
    device: { deviceId: string; orgUnitId: string },
    report: StationStatusReport,
  ): Promise<void>;
  /** Active devices in the subtree of `rootUnitId`, stalest first; the scope filter is applied in SQL. */
  list(tx: DbExecutor, rootUnitId: string): Promise<readonly StationRow[]>;
  /** Sync activity and lag per area and hour over the last `hours`, for the devices in the subtree of `rootUnitId`. */
  areaHistory(tx: DbExecutor, rootUnitId: string, hours: number): Promise<readonly HistoryBucket[]>;
  /** One device's samples over the last `hours`, oldest first; none when it is not in the subtree of `rootUnitId`. */
  deviceHistory(
    tx: DbExecutor,
    rootUnitId: string,
    deviceId: string,
    hours: number,
  ): Promise<readonly StationHistoryPoint[]>;
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
      const [recent] = await tx
        .select({ id: stationStatusHistory.id })
        .from(stationStatusHistory)
        .where(
          and(
            eq(stationStatusHistory.deviceId, device.deviceId),
            gt(stationStatusHistory.reportedAt, new Date(reportedAt.getTime() - HISTORY_SAMPLE_MS)),
          ),
        )
        .limit(1);
      if (recent !== undefined) return;
      const lastSync = Math.max(
        Date.parse(report.lastPullAt ?? '') || 0,
        Date.parse(report.lastPushAt ?? '') || 0,
      );
      await tx.insert(stationStatusHistory).values({
        deviceId: device.deviceId,
        orgUnitId: device.orgUnitId,
        reportedAt,
        pendingChanges: report.pendingChanges,
        oldestPendingAgeSeconds: report.oldestPendingAgeSeconds ?? null,
        lastSyncAt: lastSync === 0 ? null : new Date(lastSync),
      });
    },
    async areaHistory(tx, rootUnitId, hours) {
      const since = new Date(options.clock.now().getTime() - hours * 3_600_000);
      // Per device and hour first (its highest figures), then per area: the station's parent unit.
      const rows = rowsOf(
        await tx.execute(sql`
          with per_device as (
            select date_trunc('hour', h.reported_at) as hour, h.device_id, h.org_unit_id,
                   count(*) as reports, max(h.pending_changes) as pending,
                   max(coalesce(h.oldest_pending_age_seconds, 0)) as lag
              from station_status_history h
             where h.reported_at >= ${since} and ${inOrgUnitSubtree(sql`h.org_unit_id`, rootUnitId)}
             group by 1, 2, 3
          )
          select d.hour, coalesce(area.id, station.id) as area_id, coalesce(area.name, station.name) as area_name,
                 sum(d.reports) as reports, count(distinct d.device_id) as stations,
                 sum(d.pending) as pending, max(d.lag) as lag
            from per_device d
            join org_units station on station.id = d.org_unit_id
            left join org_units area on area.id = station.parent_id
           group by 1, 2, 3
           order by 1, 2`),
      );
      return rows.map((row) => ({
        hour: new Date(String(row['hour'])).toISOString(),
        areaId: String(row['area_id']),
        areaName: String(row['area_name']),
        reports: Number(row['reports']),
        stations: Number(row['stations']),
        pendingChanges: Number(row['pending']),
        maxLagSeconds: Number(row['lag']),
      }));
    },
    async deviceHistory(tx, rootUnitId, deviceId, hours) {
      const since = new Date(options.clock.now().getTime() - hours * 3_600_000);
      const rows = await tx
        .select()
        .from(stationStatusHistory)
        .where(
          and(
            eq(stationStatusHistory.deviceId, deviceId),
            gte(stationStatusHistory.reportedAt, since),
            inOrgUnitSubtree(stationStatusHistory.orgUnitId, rootUnitId),
          ),
        )
        .orderBy(asc(stationStatusHistory.reportedAt));
      return rows.map((row) => ({
        reportedAt: row.reportedAt.toISOString(),
        pendingChanges: row.pendingChanges,
        oldestPendingAgeSeconds: row.oldestPendingAgeSeconds,
        lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
      }));
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
      const backups = new Map(
        rows.length === 0
          ? []
          : rowsOf(
              await tx.execute(sql`
                select actor_device_id as device_id, max(detail->>'occurredAt') as at
                  from audit_log
                 where action = 'backup' and actor_device_id in (${sql.join(
                   rows.map((row) => sql`${row.deviceId}`),
                   sql`, `,
                 )})
                 group by 1`),
            ).map((row) => [String(row['device_id']), String(row['at'])]),
      );
      const now = options.clock.now().getTime();
      const lastSync = (r: StationStatusReport | null) =>
        Math.max(Date.parse(r?.lastPullAt ?? '') || 0, Date.parse(r?.lastPushAt ?? '') || 0);
      return rows
        .map((row): StationRow => {
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
            lastBackupAt: backups.get(row.deviceId) ?? null,
          };
        })
        .sort((a, b) => lastSync(a.report) - lastSync(b.report));
    },
  };
}
