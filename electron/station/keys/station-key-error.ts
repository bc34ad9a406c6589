import { defineIssues, type Issue } from '#shared/errors/issue.ts';

export type StationKeyErrorCode =
  | 'station-key-slot-file-unreadable'
  | 'station-key-slot-file-unsupported'
  | 'station-key-slot-file-missing'
  | 'station-key-not-initialized'
  | 'station-key-slot-file-exists'
  | 'station-key-slot-damaged'
  | 'station-key-wrong-password'
  | 'station-key-no-slot'
  | 'station-key-staff-slot-exists'
  | 'station-key-staff-slot-required'
  | 'station-key-last-staff-slot'
  | 'station-key-machine-slot-weak'
  | 'station-key-store-mismatch'
  | 'station-key-store-unwrap-failed'
  | 'station-key-recovery-failed'
  | 'station-key-mismatch';

const ASK_IT = 'Hãy liên hệ bộ phận CNTT.';

const stationKeyIssue = defineIssues<StationKeyErrorCode>({
  'station-key-slot-file-unreadable':
    'Không đọc được tệp khóa của trạm ({file}): tệp bị hỏng, bị cắt cụt hoặc không đúng định dạng. Tệp được giữ ' +
    'nguyên, không bị xóa hay tạo lại. Hãy khôi phục tệp này từ bản sao lưu. ' +
    ASK_IT,
  'station-key-slot-file-unsupported':
    'Tệp khóa của trạm ({file}) được tạo bởi phiên bản phần mềm mới hơn (định dạng {version}). Hãy cập nhật phần ' +
    'mềm của trạm rồi mở lại.',
  'station-key-slot-file-missing':
    'Không tìm thấy tệp khóa của trạm ({file}) trong khi cơ sở dữ liệu của trạm đã có. Không thể tạo khóa mới vì ' +
    'dữ liệu cũ sẽ không mở được nữa. Hãy khôi phục tệp khóa từ bản sao lưu. ' +
    ASK_IT,
  'station-key-not-initialized':
    'Trạm chưa được thiết lập khóa dữ liệu ({file}). Hãy thiết lập trạm (đăng ký thiết bị) trước khi mở dữ liệu.',
  'station-key-slot-file-exists':
    'Trạm đã được thiết lập khóa ({file}); không thiết lập lại để tránh mất dữ liệu. Hãy đăng nhập bằng tài ' +
    'khoản của trạm.',
  'station-key-slot-damaged':
    'Tệp khóa của trạm ({file}) không khớp với khóa đã giải mã: tệp có thể bị sửa hoặc bị lẫn với tệp của trạm ' +
    'khác. Tệp được giữ nguyên. Hãy khôi phục tệp khóa từ bản sao lưu. ' +
    ASK_IT,
  'station-key-wrong-password':
    'Mật khẩu của {userName} không đúng (hoặc phần khóa của tài khoản này trong tệp khóa bị hỏng). Hãy nhập lại ' +
    'mật khẩu; nếu quên mật khẩu, hãy nhờ người quản trị của trạm cấp lại quyền mở dữ liệu.',
  'station-key-no-slot':
    'Trạm này không có quyền mở dữ liệu dành cho {slot}. Nếu bạn là nhân viên mới của trạm, hãy nhờ một người đã ' +
    'có quyền đăng nhập trên máy này cấp quyền cho bạn.',
  'station-key-staff-slot-exists':
    'Tài khoản {userName} đã có quyền mở dữ liệu trên trạm này. Để đặt mật khẩu mới, hãy dùng chức năng đổi mật khẩu.',
  'station-key-staff-slot-required':
    'Máy này không có kho khóa an toàn của hệ điều hành nên dữ liệu chỉ mở được sau khi nhân viên đăng nhập. ' +
    'Hãy nhập tài khoản và mật khẩu của người thiết lập trạm.',
  'station-key-last-staff-slot':
    'Không thể xóa quyền mở dữ liệu của {userName}: đây là tài khoản cuối cùng mở được dữ liệu trên máy này. Hãy ' +
    'cấp quyền cho một nhân viên khác trước.',
  'station-key-machine-slot-weak':
    'Máy này không có kho khóa an toàn của hệ điều hành, nên dữ liệu của trạm chỉ mở được sau khi nhân viên đăng ' +
    'nhập. Hãy đăng nhập bằng tài khoản của bạn.',
  'station-key-store-mismatch':
    'Khóa máy của trạm được lưu bằng kho khóa "{expected}" nhưng máy đang dùng kho khóa "{actual}". Hãy đăng nhập ' +
    'bằng tài khoản nhân viên, hoặc dùng khóa khôi phục. ' +
    ASK_IT,
  'station-key-store-unwrap-failed':
    'Kho khóa "{keyStore}" không giải mã được khóa máy của trạm: mật khẩu kho khóa sai, kho khóa của hệ điều hành ' +
    'đã bị thay đổi, hoặc dữ liệu bị hỏng. Hãy đăng nhập bằng tài khoản nhân viên, hoặc dùng khóa khôi phục. ' +
    ASK_IT,
  'station-key-recovery-failed':
    'Khóa khôi phục không mở được tệp khóa của trạm ({file}): khóa khôi phục không đúng hoặc phần khôi phục bị hỏng. ' +
    'Hãy kiểm tra lại khóa khôi phục của thành phố.',
  'station-key-mismatch':
    'Khóa được đưa vào không phải khóa của trạm ({file}); không thay đổi gì trong tệp khóa. Hãy đăng nhập lại rồi ' +
    'thử lại.',
});

/**
 * Thrown for every expected failure of the station's key slots (the station core maps it to a screen: log in,
 * restore from backup, call IT). It carries a stable `code` and the Vietnamese `message` of its `issue`; its
 * message, params and cause never contain key material or passwords. Whenever it is thrown the key-slot file has been
 * left exactly as it was.
 */
export class StationKeyError extends Error {
  readonly code: StationKeyErrorCode;
  readonly issue: Issue<StationKeyErrorCode>;

  constructor(
    code: StationKeyErrorCode,
    params: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown },
  ) {
    const issue = stationKeyIssue(code, params);
    super(issue.message, options);
    this.name = 'StationKeyError';
    this.code = code;
    this.issue = issue;
  }
}
