/**
 * `npm run duplicates:rescan [-- --all]`: runs duplicate detection over the residents already stored in the configured
 * database (DATABASE_URL, or the embedded PGlite in HSSK_DATA_DIR — stop the server first, PGlite has one writer):
 * those never checked (stored before detection ran for them), or with `--all` everyone. The server also checks the
 * never-checked ones at start-up. Needs the blind-index key (HSSK_BLIND_INDEX_KEY or the data folder's). Exit code 0
 * when done, 2 when it could not run.
 */
import { join } from 'node:path';
import { toError } from '#shared/errors/to-error.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { parseServerConfig } from '../config/server-config.ts';
import { loadServerSecrets } from '../config/server-secrets.ts';
import { createDocumentCipher } from '../crypto/document-cipher.ts';
import { openDatabase } from '../db/database.ts';
import { createDuplicateDetector } from './duplicate-detector.ts';
import { rescanResidents } from './duplicate-rescan.ts';
import { createBlindIndex } from './identity-keys.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const config = parseServerConfig(process.env);
  if (!config.ok) {
    out(config.errors.map((e) => e.message).join('\n'));
    return 2;
  }
  const secrets = await loadServerSecrets(config.value);
  if (!secrets.ok) {
    out(secrets.errors.map((e) => e.message).join('\n'));
    return 2;
  }
  const scope = process.argv.includes('--all') ? 'all' : 'unindexed';
  const database = await openDatabase({
    databaseUrl: config.value.databaseUrl,
    pgliteDir: join(config.value.dataDir, 'pglite'),
  });
  try {
    const clock = { now: () => new Date() };
    const scanned = await rescanResidents(
      {
        db: database.db,
        cipher: createDocumentCipher(secrets.value.documentKeys),
        duplicates: createDuplicateDetector({ blind: createBlindIndex(secrets.value.blindIndexKey) }),
        audit: createAuditLog({ signingSecretKey: secrets.value.auditSigningKey, clock }),
        clock,
      },
      scope,
    );
    out(
      `Đã quét lại ${scanned.toLocaleString('vi-VN')} cư dân để tìm hồ sơ trùng. (re-scanned ${String(scanned)} residents for duplicates${scope === 'all' ? ', all' : ', never checked before'})`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    out(`Không quét lại được hồ sơ trùng: ${toError(e).message}`);
    process.exitCode = 2;
  },
);
