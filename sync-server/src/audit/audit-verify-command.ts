/**
 * `npm run audit:verify`: walks the audit chain of the configured database (DATABASE_URL, or the embedded PGlite in
 * HSSK_DATA_DIR — stop the server first, PGlite has one writer) and reports the first broken entry. Exit code 0 when
 * the chain is intact, 1 when it is broken, 2 when it could not be checked.
 */
import { join } from 'node:path';
import { toError } from '#shared/errors/to-error.ts';
import { parseServerConfig } from '../config/server-config.ts';
import { loadServerSecrets } from '../config/server-secrets.ts';
import { openDatabase } from '../db/database.ts';
import { createAuditLog } from './audit-log.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** What each break reason means, for the operator reading the command's output. */
const reasonText: Readonly<Record<string, string>> = {
  'sequence-gap': 'thiếu hoặc thừa mục (sequence gap)',
  'link-broken': 'liên kết tới mục trước bị đứt (previous-hash link broken)',
  'hash-mismatch': 'nội dung bị sửa (content does not match its hash)',
  'signature-invalid': 'chữ ký không đúng (signature does not verify)',
  'verified-entry-changed': 'mục đã kiểm tra trước đây bị sửa (a verified entry changed)',
};

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
  const database = await openDatabase({
    databaseUrl: config.value.databaseUrl,
    pgliteDir: join(config.value.dataDir, 'pglite'),
  });
  try {
    const audit = createAuditLog({
      signingSecretKey: secrets.value.auditSigningKey,
      clock: { now: () => new Date() },
    });
    const result = await audit.verify(database.db);
    if (result.ok) {
      out(
        `Nhật ký kiểm toán nguyên vẹn: ${result.entries} mục. (audit chain intact: ${result.entries} entries)`,
      );
      return 0;
    }
    out(
      `Nhật ký kiểm toán bị hỏng tại mục số ${result.firstBrokenSeq}: ${reasonText[result.reason] ?? result.reason}. ` +
        `(audit chain broken at entry ${result.firstBrokenSeq} of ${result.entries} checked: ${result.reason})`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    out(`Không kiểm tra được nhật ký kiểm toán: ${toError(e).message}`);
    process.exitCode = 2;
  },
);
