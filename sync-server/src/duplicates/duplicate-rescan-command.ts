/**
 * `npm run duplicates:rescan [-- --all]`: runs duplicate detection over the residents already stored in the configured
 * database (stop the server first when it runs on the embedded PGlite): those never checked (stored before detection
 * ran for them), or with `--all` everyone. The server also checks the never-checked ones at start-up. Exit code 0 when
 * done, 2 when it could not run.
 */
import { createAuditLog } from '../audit/audit-log.ts';
import { runServerCommand } from '../config/run-server-command.ts';
import { createDocumentCipher } from '../crypto/document-cipher.ts';
import { createDuplicateDetector } from './duplicate-detector.ts';
import { rescanResidents } from './duplicate-rescan.ts';
import { createBlindIndex } from './identity-keys.ts';

runServerCommand('Không quét lại được hồ sơ trùng', async ({ secrets, database, say }) => {
  const scope = process.argv.includes('--all') ? 'all' : 'unindexed';
  const clock = { now: () => new Date() };
  const scanned = await rescanResidents(
    {
      db: database.db,
      cipher: createDocumentCipher(secrets.documentKeys),
      duplicates: createDuplicateDetector({ blind: createBlindIndex(secrets.blindIndexKey) }),
      audit: createAuditLog({ signingSecretKey: secrets.auditSigningKey, clock }),
      clock,
    },
    scope,
  );
  say(
    `Đã quét lại ${scanned.toLocaleString('vi-VN')} cư dân để tìm hồ sơ trùng. (re-scanned ${String(scanned)} residents for duplicates${scope === 'all' ? ', all' : ', never checked before'})`,
  );
  return 0;
});
