import { defineIssues, type Issue } from '#shared/errors/issue.ts';

export type StationDbErrorCode = 'station-db-key-wrong' | 'station-db-unreadable' | 'station-db-closed';

const stationDbIssue = defineIssues<StationDbErrorCode>({
  'station-db-key-wrong':
    'Không mở được cơ sở dữ liệu của trạm ({file}): khóa giải mã không đúng (hiếm gặp hơn: trang đầu của tệp ' +
    'bị hỏng). Tệp dữ liệu được giữ nguyên, không bị ghi đè. Hãy đăng nhập lại bằng tài khoản của trạm hoặc dùng khóa khôi phục; nếu vẫn lỗi, ' +
    'hãy liên hệ bộ phận CNTT.',
  'station-db-unreadable':
    'Không đọc được tệp cơ sở dữ liệu của trạm ({file}): tệp bị hỏng, bị cắt cụt hoặc không phải cơ sở dữ liệu ' +
    'đã mã hóa của trạm. Tệp được giữ nguyên, không bị xóa hay tạo lại. Hãy liên hệ bộ phận CNTT để kiểm tra ' +
    'và khôi phục từ bản sao lưu.',
  'station-db-closed':
    'Cơ sở dữ liệu của trạm ({file}) chưa được mở hoặc đã đóng, nên không sao lưu được. Hãy mở lại phần mềm của ' +
    'trạm rồi thử lại.',
});

/**
 * Thrown when the station's encrypted database file cannot be opened, or ('station-db-closed') is not open when a
 * backup asks for it. It is an expected failure that the station core maps to a screen (re-enter the key, call IT),
 * so it carries a stable `code` and the Vietnamese `message` of its `issue`. Whenever it is thrown the file has been
 * left exactly as it was: never recreated, never deleted.
 */
export class StationDbError extends Error {
  readonly code: StationDbErrorCode;
  readonly issue: Issue<StationDbErrorCode>;

  constructor(code: StationDbErrorCode, fileName: string, options?: { cause?: unknown }) {
    const issue = stationDbIssue(code, { file: fileName });
    super(issue.message, options);
    this.name = 'StationDbError';
    this.code = code;
    this.issue = issue;
  }
}
