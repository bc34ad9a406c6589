import { createHash, sign as signNatively } from 'node:crypto';
import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import type { AuditAction } from '#shared/server-api/audit-actions.ts';
import { startAuditChainChecker, type ChainLink } from './audit-chain-checker.ts';
import { ed25519KeyObjects, ed25519PublicKeyDer } from '../crypto/ed25519-keys.ts';

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

/** Where a verification continues: the last entry an earlier one found intact (`seq` 0: from the start). */
export type VerifiedPoint = { readonly seq: number; readonly hash: string };

/**
 * The append-only, hash-chained, signed audit log. Entries are written in the transaction of the act they record, so
 * an act and its audit entries commit together or not at all. Every entry is hashed with the one before it; each
 * chaining signs only its last entry, which covers the others through the chain. Chaining takes a transaction-wide
 * lock, so entries chain one after another even with several server instances.
 *
 * - `append` / `appendAll`: one entry, or several in order, chained at once (one lock, one insert, one signature):
 *   for acts that are rare and read back at once (accounts, devices, reviews, verifications).
 * - `appendDeferred`: entries written unchained (no lock, one insert) in the caller's transaction and chained moments
 *   later in the order they were written, for the busiest acts (every push), so that no push waits for another's
 *   audit. A crash in between loses nothing: unchained entries are chained at the next start.
 * - `appendGrouped`: a read of the record (a pull page, a stream page), written unchained together with every other
 *   read waiting at that moment (one insert, like a database's group commit); it resolves once written, so what was
 *   read is on record before it is handed out.
 * - `chainPending` chains what is waiting; `startChaining` does so every `everyMs` (and once at once) until stopped.
 * - `verify` chains what is waiting, then walks the chain (after `from`, an entry an earlier verification found
 *   intact, which it checks again first; default the whole chain) on a worker thread, names the first broken entry,
 *   and says where it stopped: the last signed entry, as unsigned ones are only trusted through the signature after
 *   them.
 *
 * Signing and verification use Node's native Ed25519.
 */
export type AuditLog = {
  append(executor: DbExecutor, entry: AuditEntry): Promise<void>;
  appendAll(executor: DbExecutor, entries: readonly AuditEntry[]): Promise<void>;
  appendDeferred(executor: DbExecutor, entries: readonly AuditEntry[]): Promise<void>;
  appendGrouped(db: Database, entry: AuditEntry): Promise<void>;
  chainPending(db: Database): Promise<number>;
  startChaining(
    db: Database,
    options: { everyMs: number; onError(error: unknown): void },
  ): () => Promise<void>;
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

/**
 * The chained fields of a stored, chained entry, as its hash covers them (and as the console shows it, without
 * `prevHash`). Throws for an entry not chained yet: callers read chained entries only (`seq is not null`).
 */
export function chainedFieldsOf(row: typeof auditLog.$inferSelect): ChainedFields {
  if (row.seq === null || row.prevHash === null)
    throw new Error(`audit entry ${String(row.id)} is not chained yet`);
  return fieldsAt(row, row.seq, row.prevHash);
}

/** The chained fields of an entry's content at place `seq` after `prevHash`; picks the hashed fields only. */
function fieldsAt(source: LinkSource, seq: number, prevHash: string): ChainedFields {
  return {
    seq,
    at: source.at.toISOString(),
    actorAccountId: source.actorAccountId,
    actorDeviceId: source.actorDeviceId,
    action: source.action,
    targetType: source.targetType,
    targetId: source.targetId,
    orgUnitId: source.orgUnitId,
    detail: source.detail,
    prevHash,
  };
}

/** What an entry's link is computed from: its content as stored. */
type LinkSource = Omit<ChainedFields, 'seq' | 'at' | 'prevHash'> & { readonly at: Date };

/** The columns of an entry written now, chained or not. */
function rowOf(entry: AuditEntry, at: Date) {
  return {
    at,
    actorAccountId: entry.actorAccountId ?? null,
    actorDeviceId: entry.actorDeviceId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    orgUnitId: entry.orgUnitId ?? null,
    detail: { ...(entry.detail ?? {}) },
  };
}

const VERIFY_BATCH = 1000;
/** Rows per INSERT statement (PostgreSQL's 65,535 bind parameters, 12 a row). */
const INSERT_CHUNK = 1000;
/** Entries one chaining transaction takes (one UPDATE of this many rows, 5 parameters each). */
const CHAIN_BATCH = 2000;
/** At most this many read audits share one grouped transaction. */
const GROUP_LIMIT = 500;

type Waiting = { entry: AuditEntry; resolve(): void; reject(error: unknown): void };

export function createAuditLog(options: { signingSecretKey: Uint8Array; clock: { now(): Date } }): AuditLog {
  const { privateKey } = ed25519KeyObjects(options.signingSecretKey);
  const publicKeyDer = ed25519PublicKeyDer(options.signingSecretKey.subarray(32));
  const sign = (hash: string) => signNatively(null, Buffer.from(hash, 'hex'), privateKey).toString('base64');

  /** The last chained entry; call with the chain's lock held. */
  async function chainHead(tx: DbExecutor): Promise<{ seq: number; hash: string }> {
    const [last] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(isNotNull(auditLog.seq))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS };
  }

  /** Links entries (already in their final order) after `head`; the last one is signed. */
  function link(head: { seq: number; hash: string }, rows: readonly LinkSource[]) {
    let seq = head.seq;
    let prevHash = head.hash;
    return rows.map((row, i) => {
      const fields = fieldsAt(row, ++seq, prevHash);
      const hash = hashOf(fields);
      prevHash = hash;
      // The last entry's signature covers every entry of this chaining through the chain.
      return {
        seq: fields.seq,
        prevHash: fields.prevHash,
        hash,
        signature: i === rows.length - 1 ? sign(hash) : null,
      };
    });
  }

  async function appendIn(tx: DbExecutor, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const head = await chainHead(tx);
    const at = options.clock.now();
    const rows = entries.map((entry) => rowOf(entry, at));
    const links = link(head, rows);
    const chained = rows.map((row, i) => ({ ...row, ...links[i] }));
    for (let start = 0; start < chained.length; start += INSERT_CHUNK) {
      await tx.insert(auditLog).values(chained.slice(start, start + INSERT_CHUNK));
    }
  }

  async function insertUnchained(executor: DbExecutor, entries: readonly AuditEntry[]): Promise<void> {
    const at = options.clock.now();
    const rows = entries.map((entry) => rowOf(entry, at));
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await executor.insert(auditLog).values(rows.slice(start, start + INSERT_CHUNK));
    }
  }

  /** Chains up to `CHAIN_BATCH` committed unchained entries in `id` order; answers how many. */
  async function chainBatch(db: Database): Promise<number> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
      const pending = await tx
        .select()
        .from(auditLog)
        .where(isNull(auditLog.seq))
        .orderBy(asc(auditLog.id))
        .limit(CHAIN_BATCH);
      if (pending.length === 0) return 0;
      const links = link(await chainHead(tx), pending);
      const values = sql.join(
        pending.map(
          (row, i) =>
            sql`(${row.id}::bigint, ${links[i]?.seq ?? 0}::bigint, ${links[i]?.prevHash ?? ''}, ${links[i]?.hash ?? ''}, ${links[i]?.signature ?? null}::text)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`
        update audit_log a
           set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, signature = v.signature
          from (values ${values}) as v(id, seq, prev_hash, hash, signature)
         where a.id = v.id`);
      return pending.length;
    });
  }

  async function chainPending(db: Database): Promise<number> {
    let chained = 0;
    for (;;) {
      const n = await chainBatch(db);
      chained += n;
      if (n < CHAIN_BATCH) return chained;
    }
  }

  const groups = new WeakMap<Database, { waiting: Waiting[]; draining: boolean }>();
  async function drainGroup(db: Database, group: { waiting: Waiting[]; draining: boolean }): Promise<void> {
    while (group.waiting.length > 0) {
      const batch = group.waiting.splice(0, GROUP_LIMIT);
      try {
        await insertUnchained(
          db,
          batch.map((w) => w.entry),
        );
        for (const waiting of batch) waiting.resolve();
      } catch (thrown) {
        for (const waiting of batch) waiting.reject(thrown);
      }
    }
    group.draining = false;
  }

  return {
    async append(executor, entry) {
      // Its own transaction, or a savepoint in the caller's: the entry commits with the act it records.
      await executor.transaction((tx) => appendIn(tx, [entry]));
    },
    async appendAll(executor, entries) {
      if (entries.length === 0) return;
      await executor.transaction((tx) => appendIn(tx, entries));
    },
    async appendDeferred(executor, entries) {
      if (entries.length === 0) return;
      await insertUnchained(executor, entries);
    },
    chainPending,
    startChaining(db, chaining) {
      let stopped = false;
      let running: Promise<void> | undefined;
      // One chaining at a time: a tick that finds one still running leaves the work to it and the next tick.
      const tick = () => {
        if (stopped || running !== undefined) return;
        running = chainPending(db)
          .then(
            () => undefined,
            (thrown: unknown) => {
              if (!stopped) chaining.onError(thrown);
            },
          )
          .finally(() => {
            running = undefined;
          });
      };
      tick();
      const timer = setInterval(tick, chaining.everyMs);
      timer.unref();
      return async () => {
        stopped = true;
        clearInterval(timer);
        await running;
        // What the last requests wrote is chained before the database closes.
        await chainPending(db);
      };
    },
    appendGrouped(db, entry) {
      let group = groups.get(db);
      if (group === undefined) {
        group = { waiting: [], draining: false };
        groups.set(db, group);
      }
      const joined = group;
      return new Promise<void>((resolve, reject) => {
        joined.waiting.push({ entry, resolve, reject });
        if (!joined.draining) {
          joined.draining = true;
          void drainGroup(db, joined);
        }
      });
    },
    async verify(db, from = { seq: 0, hash: GENESIS }) {
      await chainPending(db);
      const checker = startAuditChainChecker(publicKeyDer);
      try {
        // `cursor`: the last entry checked; `trusted`: the last signed one, where a later verification continues.
        let cursor: VerifiedPoint = from;
        let trusted: VerifiedPoint = from;
        let unsignedFrom: number | null = null;
        let entries = from.seq;
        const end = (): AuditVerification & { readonly last: VerifiedPoint } =>
          unsignedFrom === null
            ? { ok: true, entries, last: trusted }
            : { ok: false, entries, firstBrokenSeq: unsignedFrom, reason: 'unsigned-tail', last: trusted };
        if (from.seq > 0) {
          // The entry an earlier verification ended on must still be the one it found.
          const [row] = await db
            .select()
            .from(auditLog)
            .where(sql`${auditLog.seq} = ${from.seq}`);
          const intact =
            row !== undefined && row.hash === from.hash && hashOf(chainedFieldsOf(row)) === row.hash;
          if (!intact) {
            return {
              ok: false,
              entries,
              firstBrokenSeq: from.seq,
              reason: 'verified-entry-changed',
              last: trusted,
            };
          }
        }
        for (;;) {
          const rows = await db
            .select()
            .from(auditLog)
            .where(sql`${auditLog.seq} > ${cursor.seq}`)
            .orderBy(asc(auditLog.seq))
            .limit(VERIFY_BATCH);
          const links: ChainLink[] = [];
          for (const row of rows) {
            const fields = chainedFieldsOf(row);
            if (fields.seq !== entries + 1) {
              if (links.length > 0) break;
              return {
                ok: false,
                entries: entries + 1,
                firstBrokenSeq: fields.seq,
                reason: 'sequence-gap',
                last: trusted,
              };
            }
            entries++;
            links.push({
              seq: fields.seq,
              canonical: canonical(fields),
              prevHash: fields.prevHash,
              hash: row.hash ?? '',
              signature: row.signature,
            });
          }
          if (links.length === 0) return end();
          const checked = await checker.check(cursor.hash, links, unsignedFrom);
          if (!checked.ok) {
            return {
              ok: false,
              entries: checked.seq,
              firstBrokenSeq: checked.seq,
              reason: checked.reason,
              last: checked.lastSigned ?? trusted,
            };
          }
          const tail = links[links.length - 1];
          if (tail !== undefined) cursor = { seq: tail.seq, hash: checked.lastHash };
          if (checked.lastSigned !== null) trusted = checked.lastSigned;
          unsignedFrom = checked.unsignedFrom;
          if (links.length < rows.length) continue;
          if (rows.length < VERIFY_BATCH) return end();
        }
      } finally {
        await checker.close();
      }
    },
  };
}
