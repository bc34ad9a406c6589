import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '#sync-server/src/config/server-config.ts';
import { loadServerSecrets } from '#sync-server/src/config/server-secrets.ts';
import { createAuditLog } from '#sync-server/src/audit/audit-log.ts';
import { openDatabase } from '#sync-server/src/db/database.ts';
import { bin, repoRoot } from '../support/repo-root.ts';
import { run } from '../support/run.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hssk-audit-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const verify = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, HSSK_DATA_DIR: dataDir };
  delete env['DATABASE_URL'];
  return run(bin('tsx'), ['sync-server/src/audit/audit-verify-command.ts'], repoRoot, env);
};

describe('npm run audit:verify (embedded database)', () => {
  it('reports an intact chain, then the first tampered entry with exit code 1', async () => {
    const config = parseServerConfig({ HSSK_DATA_DIR: dataDir });
    if (!config.ok) throw new Error('config');
    const secrets = await loadServerSecrets(config.value);
    if (!secrets.ok) throw new Error('secrets');
    const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
    const audit = createAuditLog({
      signingSecretKey: secrets.value.auditSigningKey,
      clock: { now: () => new Date() },
    });
    for (const action of ['login', 'account-created', 'password-changed'] as const)
      await audit.append(database.db, { action });
    await database.close();

    const intact = verify();
    expect(intact.output).toContain('audit chain intact: 3 entries');
    expect(intact.status).toBe(0);

    const again = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
    await again.db.execute(sql`update audit_log set action = 'logout' where seq = 2`);
    await again.close();
    const broken = verify();
    expect(broken.output).toContain('audit chain broken at entry 2');
    expect(broken.status).toBe(1);
  });
});
