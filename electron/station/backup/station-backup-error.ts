import Database from 'better-sqlite3-multiple-ciphers';
import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import { toError } from '#shared/errors/to-error.ts';
import { StationDbError } from '../replica/station-db-error.ts';

export type StationBackupErrorCode =
  | 'station-backup-folder-missing'
  | 'station-backup-folder-not-writable'
  | 'station-backup-disk-full'
  | 'station-backup-write-failed'
  | 'station-backup-database-closed'
  | 'station-backup-key-slots-missing'
  | 'station-restore-backup-missing'
  | 'station-restore-manifest-invalid'
  | 'station-restore-format-unsupported'
  | 'station-restore-file-missing'
  | 'station-restore-file-damaged'
  | 'station-restore-data-exists'
  | 'station-restore-other-device';

const UNCHANGED = 'Dữ liệu của trạm không bị thay đổi.';

const stationBackupIssue = defineIssues<StationBackupErrorCode>({
  'station-backup-folder-missing':
    'Không tìm thấy thư mục sao lưu {folder}. Hãy cắm ổ USB hoặc kết nối ổ mạng dùng để sao lưu (hoặc chọn thư ' +
    'mục khác) rồi sao lưu lại.',
  'station-backup-folder-not-writable':
    'Không ghi được vào thư mục sao lưu {folder}: không có quyền ghi hoặc ổ chỉ cho đọc. Hãy chọn thư mục khác ' +
    'hoặc nhờ bộ phận CNTT cấp quyền ghi, rồi sao lưu lại.',
  'station-backup-disk-full':
    'Ổ chứa thư mục sao lưu {folder} đã đầy nên chưa tạo được bản sao lưu (phần ghi dở đã được xóa). Hãy giải ' +
    'phóng dung lượng hoặc dùng ổ khác rồi sao lưu lại.',
  'station-backup-write-failed':
    'Ghi bản sao lưu vào {folder} bị lỗi ({reason}); phần ghi dở đã được xóa. Hãy kiểm tra ổ sao lưu (cắm lại ổ ' +
    'USB, kiểm tra kết nối mạng) rồi sao lưu lại; nếu vẫn lỗi, hãy liên hệ bộ phận CNTT.',
  'station-backup-database-closed':
    'Cơ sở dữ liệu của trạm chưa được mở hoặc đã đóng nên không sao lưu được. Hãy mở lại phần mềm của trạm rồi ' +
    'sao lưu lại.',
  'station-backup-key-slots-missing':
    'Không tìm thấy tệp khóa của trạm ({file}); thiếu tệp này thì bản sao lưu không khôi phục được, nên chưa sao ' +
    'lưu. Hãy liên hệ bộ phận CNTT.',
  'station-restore-backup-missing':
    'Không tìm thấy bản sao lưu {backupDir}. Hãy kiểm tra đường dẫn (thư mục có tên hssk-backup-…) và ổ chứa bản ' +
    'sao lưu. ' +
    UNCHANGED,
  'station-restore-manifest-invalid':
    'Bản sao lưu {backupDir} thiếu tệp manifest.json hoặc tệp này bị hỏng, nên không dùng được. ' +
    UNCHANGED +
    ' Hãy chọn bản sao lưu khác.',
  'station-restore-format-unsupported':
    'Bản sao lưu {backupDir} được tạo bởi phiên bản phần mềm mới hơn (định dạng {version}). ' +
    UNCHANGED +
    ' Hãy cập nhật phần mềm của trạm rồi khôi phục lại.',
  'station-restore-file-missing':
    'Bản sao lưu {backupDir} thiếu tệp {file} (có thể bản sao lưu chưa ghi xong). ' +
    UNCHANGED +
    ' Hãy chọn bản sao lưu khác.',
  'station-restore-file-damaged':
    'Tệp {file} trong bản sao lưu {backupDir} bị hỏng (kích thước hoặc mã kiểm tra SHA-256 không khớp). ' +
    UNCHANGED +
    ' Hãy chọn bản sao lưu khác.',
  'station-restore-other-device':
    'Bản sao lưu {backupDir} là của máy trạm khác ({deviceId}), nên không khôi phục vào máy này. ' +
    UNCHANGED +
    ' Hãy chọn bản sao lưu của chính máy này; muốn chuyển dữ liệu sang máy mới, hãy nhờ bộ phận CNTT.',
  'station-restore-data-exists':
    'Thư mục dữ liệu {dataDir} đã có dữ liệu của trạm nên không ghi đè. Nếu chắc chắn muốn thay bằng bản sao lưu, ' +
    'hãy chạy lại với --replace: dữ liệu hiện tại sẽ được chuyển sang thư mục before-restore-… (không bị xóa).',
});

/**
 * Every expected failure of the station's backups and restores, with a stable `code` and the Vietnamese `message` of
 * its `issue` (what to do). Whenever a backup fails with it, nothing half-written is left in the backup folder; whenever
 * a restore fails with it, the data folder is exactly as it was.
 */
export class StationBackupError extends Error {
  readonly code: StationBackupErrorCode;
  readonly issue: Issue<StationBackupErrorCode>;

  constructor(
    code: StationBackupErrorCode,
    params: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown },
  ) {
    const issue = stationBackupIssue(code, params);
    super(issue.message, options);
    this.name = 'StationBackupError';
    this.code = code;
    this.issue = issue;
  }
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);
const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']);
const GONE = new Set(['ENOENT', 'ENOTDIR']);
const IO = new Set(['EIO', 'ENXIO', 'ENODEV', 'ESTALE', 'ETIMEDOUT', 'EHOSTDOWN', 'SQLITE_IOERR']);

/**
 * Turns what writing a backup into `folder` threw into a `StationBackupError` when it is a failure of the folder or
 * its disk (missing, not writable, full, I/O) or a closed database; returns anything else (a bug) unchanged.
 */
export function backupFailure(thrown: unknown, folder: string): unknown {
  if (thrown instanceof StationBackupError) return thrown;
  if (thrown instanceof StationDbError && thrown.code === 'station-db-closed') {
    return new StationBackupError('station-backup-database-closed', {}, { cause: thrown });
  }
  const code = errorCode(thrown);
  if (code === undefined) return thrown;
  // SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_CANTOPEN_ISDIR, …) count as their primary code.
  const base = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  const options = { cause: thrown };
  if (FULL.has(base)) return new StationBackupError('station-backup-disk-full', { folder }, options);
  if (NOT_WRITABLE.has(base)) {
    return new StationBackupError('station-backup-folder-not-writable', { folder }, options);
  }
  if (GONE.has(base)) return new StationBackupError('station-backup-folder-missing', { folder }, options);
  if (IO.has(base)) {
    return new StationBackupError('station-backup-write-failed', { folder, reason: code }, options);
  }
  return thrown;
}

function errorCode(thrown: unknown): string | undefined {
  if (thrown instanceof Database.SqliteError) return thrown.code;
  const error = toError(thrown) as Error & { code?: unknown };
  return typeof error.code === 'string' ? error.code : undefined;
}
