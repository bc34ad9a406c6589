import { desc, eq } from 'drizzle-orm';
import type { DeviceOutcome } from '#shared/sync/device-outcomes-wire.ts';
import type { Database } from '../../db/database.ts';
import { conflictLog, quarantine } from '../../db/schema/replication.ts';
import { quarantineReasonIssue, type QuarantineReason } from './quarantine-reason.ts';

/**
 * The station's view of its refused and merged writes (sync panel): the newest `limit` of each kind that
 * THIS device pushed, newest first. Scoped by the device id of the verified signature, never by a parameter.
 */
export type DeviceOutcomes = {
  list(deviceId: string, limit: number): Promise<readonly DeviceOutcome[]>;
};

export function createDeviceOutcomes(deps: { db: Database }): DeviceOutcomes {
  const { db } = deps;
  return {
    async list(deviceId, limit) {
      const refused = await db
        .select()
        .from(quarantine)
        .where(eq(quarantine.deviceId, deviceId))
        .orderBy(desc(quarantine.id))
        .limit(limit);
      const merged = await db
        .select({
          id: conflictLog.id,
          collection: conflictLog.collection,
          documentId: conflictLog.documentId,
          rules: conflictLog.rules,
          createdAt: conflictLog.createdAt,
        })
        .from(conflictLog)
        .where(eq(conflictLog.deviceId, deviceId))
        .orderBy(desc(conflictLog.id))
        .limit(limit);
      const outcomes: { outcome: DeviceOutcome; at: number }[] = [
        ...refused.map((row) => {
          const review = (row.detail as { review?: { resolution?: string; note?: string } } | null)?.review;
          return {
            at: row.createdAt.getTime(),
            outcome: {
              kind: 'quarantined' as const,
              id: row.id,
              collection: row.collection,
              documentId: row.documentId,
              at: row.createdAt.toISOString(),
              reason: row.reason,
              reasonMessage: quarantineReasonIssue(row.reason as QuarantineReason).message,
              resolution: review?.resolution ?? null,
              resolvedAt: row.resolvedAt?.toISOString() ?? null,
              note: review?.note ?? null,
            },
          };
        }),
        ...merged.map((row) => ({
          at: row.createdAt.getTime(),
          outcome: {
            kind: 'merged' as const,
            id: row.id,
            collection: row.collection,
            documentId: row.documentId,
            at: row.createdAt.toISOString(),
            rules: row.rules,
          },
        })),
      ];
      return outcomes
        .sort((a, b) => b.at - a.at)
        .slice(0, limit)
        .map((entry) => entry.outcome);
    },
  };
}
