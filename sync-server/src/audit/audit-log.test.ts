import nacl from 'tweetnacl';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
