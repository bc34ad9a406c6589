import { desc, eq } from 'drizzle-orm';
import type { AuditVerification } from '#shared/server-api/audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { auditVerifications } from '../db/schema/audit.ts';
import type { AuditLog, VerifiedPoint } from './audit-log.ts';

/**
 * The audit chain's verifications (Art. 22), kept in `audit_verifications`. `latest` answers the last one without
 * walking anything (what the console shows when the audit page opens). `run` continues from the last verification
 * that held, checking only the entries appended since (or every entry when `full`), on a worker thread; a run asked
 * for while one is under way in this process joins it instead of starting a second. Each run is recorded and audited.
 */
export type AuditVerifications = {
  latest(): Promise<AuditVerification | null>;
  run(actor: Principal | undefined, options: { full: boolean }): Promise<AuditVerification>;
};

type Row = typeof auditVerifications.$inferSelect;

function viewOf(row: Row): AuditVerification {
  return {
    ok: row.ok,
    entries: row.ok ? row.toSeq : Math.max(0, (row.firstBrokenSeq ?? 1) - 1),
    checked: Math.max(0, row.toSeq - row.fromSeq + 1),
    full: row.full,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    ...(row.firstBrokenSeq === null ? {} : { firstBrokenSeq: row.firstBrokenSeq }),
    ...(row.reason === null ? {} : { reason: row.reason }),
  };
}

export function createAuditVerifications(deps: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
}): AuditVerifications {
  const { db } = deps;
  let running: Promise<AuditVerification> | undefined;

  async function verify(actor: Principal | undefined, full: boolean): Promise<AuditVerification> {
    const startedAt = deps.clock.now();
    const [previous] = full
      ? []
      : await db
          .select()
          .from(auditVerifications)
          .where(eq(auditVerifications.ok, true))
          .orderBy(desc(auditVerifications.id))
          .limit(1);
    const from: VerifiedPoint | undefined =
      previous === undefined ? undefined : { seq: previous.toSeq, hash: previous.lastHash };
    const result = await deps.audit.verify(db, from);
    const fromSeq = (from?.seq ?? 0) + 1;
    const [row] = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(auditVerifications)
        .values({
          startedAt,
          finishedAt: deps.clock.now(),
          actorAccountId: actor?.accountId ?? null,
          full,
          fromSeq,
          toSeq: result.ok ? result.last.seq : result.firstBrokenSeq,
          lastHash: result.last.hash,
          ok: result.ok,
          firstBrokenSeq: result.ok ? null : result.firstBrokenSeq,
          reason: result.ok ? null : result.reason,
        })
        .returning();
      await deps.audit.append(tx, {
        action: 'audit-verified',
        actorAccountId: actor?.accountId,
        orgUnitId: actor?.orgUnitId,
        detail: result.ok
          ? { ok: true, entries: result.entries, from: fromSeq, full }
          : { ok: false, firstBrokenSeq: result.firstBrokenSeq, reason: result.reason, from: fromSeq, full },
      });
      return inserted;
    });
    if (row === undefined) throw new Error('the verification was not recorded');
    return viewOf(row);
  }

  return {
    async latest() {
      const [row] = await db.select().from(auditVerifications).orderBy(desc(auditVerifications.id)).limit(1);
      return row === undefined ? null : viewOf(row);
    },
    run(actor, options) {
      running ??= verify(actor, options.full).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
