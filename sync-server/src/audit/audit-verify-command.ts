/**
 * `npm run audit:verify`: walks the audit chain of the configured database (DATABASE_URL, or the embedded PGlite in
 * HSSK_DATA_DIR — stop the server first, PGlite has one writer) and reports the first broken entry. Exit code 0 when
 * the chain is intact, 1 when it is broken, 2 when it could not be checked.
 */
import { runServerCommand } from '../config/run-server-command.ts';
import { createAuditLog } from './audit-log.ts';

/** What each break reason means, for the operator reading the command's output. */
const reasonText: Readonly<Record<string, string>> = {
  'sequence-gap': 'thiếu hoặc thừa mục (sequence gap)',
  'link-broken': 'liên kết tới mục trước bị đứt (previous-hash link broken)',
  'hash-mismatch': 'nội dung bị sửa (content does not match its hash)',
  'signature-invalid': 'chữ ký không đúng (signature does not verify)',
  'unsigned-tail': 'các mục cuối không có chữ ký nào bảo đảm (unsigned entries at the end of the chain)',
  'verified-entry-changed': 'mục đã kiểm tra trước đây bị sửa (a verified entry changed)',
};

runServerCommand('Không kiểm tra được nhật ký kiểm toán', async ({ secrets, database, say }) => {
  const audit = createAuditLog({
    signingSecretKey: secrets.auditSigningKey,
    clock: { now: () => new Date() },
  });
  const result = await audit.verify(database.db);
  if (result.ok) {
    say(
      `Nhật ký kiểm toán nguyên vẹn: ${result.entries} mục. (audit chain intact: ${result.entries} entries)`,
    );
    return 0;
  }
  say(
    `Nhật ký kiểm toán bị hỏng tại mục số ${result.firstBrokenSeq}: ${reasonText[result.reason] ?? result.reason}. ` +
      `(audit chain broken at entry ${result.firstBrokenSeq} of ${result.entries} checked: ${result.reason})`,
  );
  return 1;
});
