import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '#sync-server/src/config/server-config.ts';
import { loadServerSecrets } from '#sync-server/src/config/server-secrets.ts';
import { createDocumentCipher } from '#sync-server/src/crypto/document-cipher.ts';
import { openDatabase } from '#sync-server/src/db/database.ts';
import { rowsOf } from '#sync-server/src/db/sql-rows.ts';
import { domainReplicatedCollections } from '#sync-server/src/record/domain-collections.ts';
import { personIn } from '#sync-server/src/record/domain-fixtures.test-support.ts';
import { createCollectionRegistry } from '#sync-server/src/replication/collection-registry.ts';
import { storeServerDocuments } from '#sync-server/src/replication/store/store-server-documents.ts';
import { bin, repoRoot } from '../support/repo-root.ts';
import { run } from '../support/run.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hssk-rescan-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const rescan = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, HSSK_DATA_DIR: dataDir };
  delete env['DATABASE_URL'];
  return run(bin('tsx'), ['sync-server/src/duplicates/duplicate-rescan-command.ts', ...args], repoRoot, env);
};

describe('npm run duplicates:rescan (embedded database)', () => {
  it('queues the residents stored without detection as pairs, then re-scans everyone with --all', async () => {
    const config = parseServerConfig({ HSSK_DATA_DIR: dataDir });
    if (!config.ok) throw new Error('config');
    const secrets = await loadServerSecrets(config.value);
    if (!secrets.ok) throw new Error('secrets');
    const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
    const clock = { now: () => new Date() };
    // Stored as an earlier version stored them: no duplicate detection ran.
    const twin = (id: string) => personIn('tyt-rescan', id, { bhytCards: [] });
    await storeServerDocuments(
      {
        db: database.db,
        cipher: createDocumentCipher(secrets.value.documentKeys),
        clock,
        registry: createCollectionRegistry(domainReplicatedCollections()),
        actor: {
          accountId: 'test-seed',
          userName: 'test-seed',
          role: 'city-admin',
          orgUnitId: 'tyt-rescan',
          sessionTokenHash: 'test-seed',
          mustChangePassword: false,
        },
      },
      'persons',
      [twin('p-rescan-1'), twin('p-rescan-2')],
    );
    await database.close();

    const first = rescan();
    expect(first.output).toContain('re-scanned 2 residents for duplicates, never checked before');
    expect(first.status).toBe(0);
    expect(rescan('--all').output).toContain('re-scanned 2 residents for duplicates, all');

    const after = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
    const pairs = rowsOf(await after.db.execute(sql`select count(*)::int as n from duplicate_candidates`));
    await after.close();
    expect(pairs[0]?.['n']).toBe(1);
  });
});
