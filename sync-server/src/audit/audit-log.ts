import { createHash, sign as signNatively } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import type { AuditAction } from '#shared/server-api/audit-actions.ts';
import { startAuditChainChecker, type ChainLink } from './audit-chain-checker.ts';
import { ed25519KeyObjects, ed25519PublicKeyDer } from './ed25519-keys.ts';

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
 * Why the chain is broken at an entry: `sequence-gap` (an entry removed or inserted), `link-broken` (its previous
 * hash is not the entry before's), `hash-mismatch` (its content changed), `signature-invalid` (not signed by the
 * server's key), `verified-entry-changed` (the entry an earlier verification ended on is no longer the same).
 */
export const auditBreakReasons = [
  'sequence-gap',
  'link-broken',
  'hash-mismatch',
  'signature-invalid',
  'verified-entry-changed',
] as const;

/** Where a verification continues: the last entry an earlier one found intact (`seq` 0: from the start). */
export type VerifiedPoint = { readonly seq: number; readonly hash: string };

/**
 * The append-only, hash-chained, signed audit log. `append` takes a transaction-wide lock so entries chain in
 * commit order even with several server instances; call it inside the transaction of the act it records, so an act
 * and its audit entry commit together or not at all. `verify` walks the chain (after `from`, an entry an earlier
 * verification found intact, which it checks again first; default the whole chain) on a worker thread, names the
 * first broken entry, and says where it stopped. Signing and verification use Node's native Ed25519.
 */
export type AuditLog = {
  append(executor: DbExecutor, entry: AuditEntry): Promise<void>;
  verify(db: Database, from?: VerifiedPoint): Promise<AuditVerification & { readonly last: VerifiedPoint }>;
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

/** The chained fields of a stored entry, as its hash covers them (and as the console shows it, without `prevHash`). */
export function chainedFieldsOf(row: typeof auditLog.$inferSelect): ChainedFields {
  return {
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
  };
}

const VERIFY_BATCH = 1000;

export function createAuditLog(options: { signingSecretKey: Uint8Array; clock: { now(): Date } }): AuditLog {
  const { privateKey } = ed25519KeyObjects(options.signingSecretKey);
  const publicKeyDer = ed25519PublicKeyDer(options.signingSecretKey.subarray(32));
  const sign = (hash: string) => signNatively(null, Buffer.from(hash, 'hex'), privateKey).toString('base64');

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
    async verify(db, from = { seq: 0, hash: GENESIS }) {
      const checker = startAuditChainChecker(publicKeyDer);
      try {
        let last: VerifiedPoint = from;
        let entries = from.seq;
        if (from.seq > 0) {
          // The entry an earlier verification ended on must still be the one it found.
          const [row] = await db
            .select()
            .from(auditLog)
            .where(sql`${auditLog.seq} = ${from.seq}`);
          const intact =
            row !== undefined && row.hash === from.hash && hashOf(chainedFieldsOf(row)) === row.hash;
          if (!intact) {
            return { ok: false, entries, firstBrokenSeq: from.seq, reason: 'verified-entry-changed', last };
          }
        }
        for (;;) {
          const rows = await db
            .select()
            .from(auditLog)
            .where(sql`${auditLog.seq} > ${last.seq}`)
            .orderBy(asc(auditLog.seq))
            .limit(VERIFY_BATCH);
          const links: ChainLink[] = [];
          for (const row of rows) {
            if (row.seq !== entries + 1) {
              if (links.length > 0) break;
              return {
                ok: false,
                entries: entries + 1,
                firstBrokenSeq: row.seq,
                reason: 'sequence-gap',
                last,
              };
            }
            entries++;
            links.push({
              seq: row.seq,
              canonical: canonical(chainedFieldsOf(row)),
              prevHash: row.prevHash,
              hash: row.hash,
              signature: row.signature,
            });
          }
          if (links.length === 0) return { ok: true, entries, last };
          const checked = await checker.check(last.hash, links);
          if (!checked.ok) {
            return {
              ok: false,
              entries: checked.seq,
              firstBrokenSeq: checked.seq,
              reason: checked.reason,
              last,
            };
          }
          const tail = links[links.length - 1];
          if (tail !== undefined) last = { seq: tail.seq, hash: checked.lastHash };
          if (links.length < rows.length) continue;
          if (rows.length < VERIFY_BATCH) return { ok: true, entries, last };
        }
      } finally {
        await checker.close();
      }
    },
  };
}
