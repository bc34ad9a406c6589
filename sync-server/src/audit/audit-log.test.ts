import nacl from 'tweetnacl';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { auditLog } from '../db/schema/audit.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { createAuditLog } from './audit-log.ts';

describe.each(testBackends)('the audit log on $name', (backend) => {
  let database: DatabaseHandle;
  const keys = nacl.sign.keyPair();
  const audit = createAuditLog({
    signingSecretKey: keys.secretKey,
    clock: { now: () => new Date('2026-11-26T09:00:00.123Z') },
  });

  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('chains concurrent appends in order and verifies', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.append(database.db, {
          action: 'login',
          actorAccountId: `a${i}`,
          detail: { attempt: i, note: 'đăng nhập' },
        }),
      ),
    );
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, entries: 20 });
  });

  it('commits an entry with the act it records, and not when the act rolls back', async () => {
    await database.db
      .transaction(async (tx) => {
        await audit.append(tx, { action: 'account-created', targetId: 'x' });
        throw new Error('the act failed');
      })
      .catch(() => undefined);
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.targetId, 'x'));
    expect(rows).toHaveLength(0);
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, entries: 20 });
  });

  it('names the first tampered entry', async () => {
    await database.db.execute(sql`update audit_log set detail = '{"attempt": 99}'::jsonb where seq = 7`);
    expect(await audit.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 7,
      reason: 'hash-mismatch',
    });
  });

  it('detects a removed entry and a forged signature', async () => {
    const forged = createAuditLog({
      signingSecretKey: nacl.sign.keyPair().secretKey,
      clock: { now: () => new Date() },
    });
    expect(await forged.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 1,
      reason: 'signature-invalid',
    });
    await database.db.execute(sql`delete from audit_log where seq = 3`);
    expect(await audit.verify(database.db)).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });
});

describe.each(testBackends)('one signature per append on $name', (backend) => {
  let database: DatabaseHandle;
  const audit = createAuditLog({
    signingSecretKey: nacl.sign.keyPair().secretKey,
    clock: { now: () => new Date() },
  });
  /** Another server's key: what a forger with write access to the database, but not the key, can sign with. */
  const forger = createAuditLog({
    signingSecretKey: nacl.sign.keyPair().secretKey,
    clock: { now: () => new Date() },
  });
  const entry = (i: number) =>
    ({ action: 'pull', actorAccountId: `a${String(i)}`, detail: { page: i } }) as const;
  const signedSeqs = async () =>
    (await database.db.select({ seq: auditLog.seq, signature: auditLog.signature }).from(auditLog))
      .filter((row) => row.signature !== null)
      .map((row) => row.seq ?? 0)
      .sort((a, b) => a - b);

  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.db.execute(sql`delete from audit_log`);
  });

  it('signs only the last entry of an append of several, which covers the others', async () => {
    await audit.append(database.db, entry(1));
    await audit.appendAll(database.db, [entry(2), entry(3), entry(4), entry(5)]);
    expect(await signedSeqs()).toEqual([1, 5]);
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, entries: 5, last: { seq: 5 } });
  });

  it('writes grouped reads at once, each on record when its call resolves, and chains them later under one signature', async () => {
    const calls = Array.from({ length: 40 }, (_, i) =>
      audit.appendGrouped(database.db, entry(i)).then(async () => {
        const rows = await database.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.actorAccountId, `a${String(i)}`));
        return rows.length;
      }),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 40 }, () => 1));
    expect(await signedSeqs()).toEqual([]);
    expect(await audit.chainPending(database.db)).toBe(40);
    expect(await signedSeqs()).toEqual([40]);
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, entries: 40 });
  });

  it('chains deferred entries in the order they were written, after entries chained at once', async () => {
    await audit.append(database.db, entry(1));
    await database.db.transaction(async (tx) => {
      await audit.appendDeferred(tx, [entry(2), entry(3)]);
    });
    await database.db
      .transaction(async (tx) => {
        await audit.appendDeferred(tx, [entry(99)]);
        throw new Error('the act failed');
      })
      .catch(() => undefined);
    await audit.append(database.db, entry(4));
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, entries: 4 });
    const chained = await database.db
      .select({ seq: auditLog.seq, actor: auditLog.actorAccountId })
      .from(auditLog)
      .orderBy(auditLog.seq);
    expect(chained).toEqual([
      { seq: 1, actor: 'a1' },
      { seq: 2, actor: 'a4' },
      { seq: 3, actor: 'a2' },
      { seq: 4, actor: 'a3' },
    ]);
  });

  it('chains on its own while started, and once more when stopped', async () => {
    const errors: unknown[] = [];
    const stop = audit.startChaining(database.db, { everyMs: 20, onError: (e) => errors.push(e) });
    await audit.appendDeferred(database.db, [entry(1)]);
    for (let tries = 0; (await signedSeqs()).length === 0 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await signedSeqs()).toEqual([1]);
    await audit.appendDeferred(database.db, [entry(2)]);
    await stop();
    expect(await signedSeqs()).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });

  it('names the first removed, altered or re-ordered entry, signed or not', async () => {
    const fill = async () => {
      await database.db.execute(sql`delete from audit_log`);
      await audit.appendAll(database.db, [entry(1), entry(2), entry(3), entry(4), entry(5), entry(6)]);
    };
    await fill();
    await database.db.execute(sql`delete from audit_log where seq = 3`);
    expect(await audit.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'sequence-gap',
    });
    await fill();
    await database.db.execute(sql`update audit_log set detail = '{"page": 99}'::jsonb where seq = 3`);
    expect(await audit.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'hash-mismatch',
    });
    await fill();
    // Entries 2 and 3 change places.
    await database.db.execute(sql`update audit_log set seq = -1 where seq = 2`);
    await database.db.execute(sql`update audit_log set seq = 2 where seq = 3`);
    await database.db.execute(sql`update audit_log set seq = 3 where seq = -1`);
    expect(await audit.verify(database.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    await fill();
    await database.db.execute(sql`update audit_log set signature = null where seq = 6`);
    expect(await audit.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 1,
      reason: 'unsigned-tail',
    });
  });

  it('finds entries forged after the last signature, and entries re-forged under a signature', async () => {
    await audit.append(database.db, entry(1));
    await audit.appendAll(database.db, [entry(2), entry(3)]);
    // Added at the end with correct hashes but no signature of the server's.
    await forger.appendAll(database.db, [entry(4), entry(5)]);
    await database.db.execute(sql`update audit_log set signature = null where seq > 3`);
    expect(await audit.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'unsigned-tail',
      last: { seq: 3 },
    });
    // Entries 2 and 3 rewritten with hashes re-chained: the signature covering them is not the server's.
    await database.db.execute(sql`delete from audit_log where seq > 1`);
    await forger.appendAll(database.db, [entry(20), entry(30)]);
    expect(await audit.verify(database.db)).toMatchObject({
      ok: false,
      firstBrokenSeq: 2,
      reason: 'signature-invalid',
      last: { seq: 1 },
    });
  });

  it('continues a verification from the last signed entry it found', async () => {
    await audit.appendAll(database.db, [entry(1), entry(2)]);
    const first = await audit.verify(database.db);
    expect(first).toMatchObject({ ok: true, entries: 2, last: { seq: 2 } });
    await audit.appendAll(database.db, [entry(3), entry(4)]);
    expect(await audit.verify(database.db, first.last)).toMatchObject({
      ok: true,
      entries: 4,
      last: { seq: 4 },
    });
  });
});
