import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import nacl from 'tweetnacl';
import type { Database, DbExecutor } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import type { AuditAction } from './audit-actions.ts';

export type AuditEntry = {
  readonly action: AuditAction;
  readonly actorAccountId?: string | undefined;
  readonly actorDeviceId?: string | undefined;
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  readonly orgUnitId?: string | undefined;
  /** Ids, codes and counts only — never names, identifiers or clinical content. */
  readonly detail?: Readonly<Record<string, unknown>>;
};

export type AuditVerification =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly firstBrokenSeq: number;
      readonly reason: string;
    };

/**
 * The append-only, hash-chained, signed audit log. `append` takes a transaction-wide lock so entries chain in
 * commit order even with several server instances; call it inside the transaction of the act it records, so an act
 * and its audit entry commit together or not at all. `verify` walks the chain and names the first broken entry.
 */
export type AuditLog = {
  append(executor: DbExecutor, entry: AuditEntry): Promise<void>;
  verify(db: Database): Promise<AuditVerification>;
};

const AUDIT_LOCK_KEY = 727_002;

/**
 * Takes the audit chain's lock for the rest of the caller's transaction (appends take it too): a caller that must
 * append an entry at most once checks for it after this, and a concurrent transaction doing the same waits here until
 * the first commits, then sees its entry.
 */
export async function lockAuditChain(tx: DbExecutor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
}
const GENESIS = '0'.repeat(64);

/** Deterministic JSON: object keys sorted, so the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

type ChainedFields = {
  seq: number;
  at: string;
  actorAccountId: string | null;
  actorDeviceId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgUnitId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
};

function hashOf(fields: ChainedFields): string {
  return createHash('sha256').update(canonical(fields)).digest('hex');
}

export function createAuditLog(options: { signingSecretKey: Uint8Array; clock: { now(): Date } }): AuditLog {
  const keyPair = nacl.sign.keyPair.fromSecretKey(options.signingSecretKey);
  const sign = (hash: string) =>
    Buffer.from(nacl.sign.detached(Buffer.from(hash, 'hex'), keyPair.secretKey)).toString('base64');

  async function appendIn(tx: DbExecutor, entry: AuditEntry): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const at = options.clock.now();
    const fields: ChainedFields = {
      seq: (last?.seq ?? 0) + 1,
      at: at.toISOString(),
      actorAccountId: entry.actorAccountId ?? null,
      actorDeviceId: entry.actorDeviceId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      orgUnitId: entry.orgUnitId ?? null,
      detail: { ...(entry.detail ?? {}) },
      prevHash: last?.hash ?? GENESIS,
    };
    const hash = hashOf(fields);
    await tx.insert(auditLog).values({ ...fields, at, hash, signature: sign(hash) });
  }

  return {
    async append(executor, entry) {
      // Its own transaction, or a savepoint in the caller's: the entry commits with the act it records.
      await executor.transaction((tx) => appendIn(tx, entry));
    },
    async verify(db) {
      let prevHash = GENESIS;
      let entries = 0;
      const batch = 1000;
      for (let after = 0; ;) {
        const rows = await db
          .select()
          .from(auditLog)
          .where(sql`${auditLog.seq} > ${after}`)
          .orderBy(asc(auditLog.seq))
          .limit(batch);
        for (const row of rows) {
          entries++;
          const broken = (reason: string): AuditVerification => ({
            ok: false,
            entries,
            firstBrokenSeq: row.seq,
            reason,
          });
          if (row.seq !== entries) return broken('sequence gap: an entry was removed or inserted');
          if (row.prevHash !== prevHash) return broken('previous-hash link broken');
          const expected = hashOf({
            seq: row.seq,
            at: row.at.toISOString(),
            actorAccountId: row.actorAccountId,
            actorDeviceId: row.actorDeviceId,
            action: row.action,
            targetType: row.targetType,
            targetId: row.targetId,
            orgUnitId: row.orgUnitId,
            detail: row.detail,
            prevHash: row.prevHash,
          });
          if (expected !== row.hash) return broken('content does not match its hash');
          const signatureOk = nacl.sign.detached.verify(
            Buffer.from(row.hash, 'hex'),
            Buffer.from(row.signature, 'base64'),
            keyPair.publicKey,
          );
          if (!signatureOk) return broken('signature does not verify');
          prevHash = row.hash;
        }
        const lastRow = rows[rows.length - 1];
        if (rows.length < batch || !lastRow) return { ok: true, entries };
        after = lastRow.seq;
      }
    },
  };
}
