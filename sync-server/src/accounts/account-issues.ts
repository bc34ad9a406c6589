import { defineIssues } from '#shared/errors/issue.ts';
import { httpStatusOfAuthIssue } from '../auth/auth-guards.ts';

/** Expected failures of sign-in and account administration, with the Vietnamese text shown to the person. */
export const accountIssue = defineIssues({
  'login-failed':
    'Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: nhập sai 5 lần liên tiếp thì việc đăng nhập tài khoản này từ máy này bị tạm khóa 15 phút; khi đó hãy chờ rồi thử lại, hoặc liên hệ quản trị viên đơn vị.',
  'account-locked': 'Tài khoản đang bị khóa. Liên hệ quản trị viên của đơn vị để xác minh và mở khóa.',
  'account-closed':
    'Tài khoản đã bị đóng và không dùng được nữa. Nếu cần tiếp tục làm việc, đề nghị quản trị viên đơn vị cấp tài khoản mới.',
  'account-temporarily-locked':
    'Tài khoản đang tạm khóa trên máy này vì nhập sai mật khẩu nhiều lần. Chờ đến {until} (giờ UTC) rồi thử lại.',
  'password-incorrect': 'Mật khẩu hiện tại không đúng. Nhập lại mật khẩu bạn đang dùng.',
  'password-unchanged': 'Mật khẩu mới phải khác mật khẩu hiện tại. Chọn một mật khẩu khác.',
  'password-reused':
    'Mật khẩu mới trùng với một trong {count} mật khẩu gần đây nhất của bạn. Chọn một mật khẩu chưa dùng trước đây.',
  'account-inactivity-locked':
    'Tài khoản đã bị khóa vì không đăng nhập quá {days} ngày (Điều 7.3d). Liên hệ quản trị viên của đơn vị để xác minh và mở khóa.',
  'full-name-invalid':
    'Họ tên chỉ được gồm chữ cái (có dấu), dấu cách, dấu gạch nối và dấu nháy, dài tối đa {max} ký tự. Nhập lại họ tên đúng như giấy tờ.',
  'user-name-outside-rule':
    'Tên đăng nhập phải bắt đầu bằng {prefix} rồi đến tên viết liền không dấu, chỉ gồm chữ thường và chữ số (quy định tại Điều 7). Sửa lại tên đăng nhập.',
  'user-name-taken': 'Tên đăng nhập {userName} đã có người dùng. Chọn tên khác, ví dụ thêm chữ số ở cuối.',
  'org-unit-out-of-scope':
    'Đơn vị được chọn không tồn tại hoặc nằm ngoài phạm vi bạn quản lý. Chọn một đơn vị thuộc phạm vi của mình.',
  'org-unit-inactive':
    'Đơn vị được chọn không còn hoạt động (đã giải thể hoặc sáp nhập). Chọn đơn vị đang hoạt động.',
  'org-unit-no-facility-code':
    'Đơn vị được chọn và các đơn vị cấp trên đều chưa có mã cơ sở KCB nên không đặt được tên đăng nhập. Bổ sung mã cơ sở KCB cho đơn vị trước.',
  'role-org-unit-mismatch':
    'Vai trò này không gán được cho loại đơn vị đã chọn: {rule}. Chọn lại vai trò hoặc đơn vị.',
  'account-not-found': 'Không tìm thấy tài khoản này trong phạm vi bạn quản lý. Kiểm tra lại mã tài khoản.',
  'account-own-forbidden':
    'Không thể khóa, mở khóa, đặt lại mật khẩu hay đóng tài khoản của chính mình bằng chức năng quản trị. Dùng chức năng đổi mật khẩu hoặc yêu cầu khóa tài khoản.',
  'account-already-locked': 'Tài khoản này đang bị khóa rồi.',
  'account-not-locked': 'Tài khoản này không bị khóa nên không cần mở khóa.',
  'account-already-closed':
    'Tài khoản này đã bị đóng, không thể thay đổi nữa. Nếu người dùng cần làm việc tiếp, tạo tài khoản mới.',
});
export type AccountIssueCode = Parameters<typeof accountIssue>[0];

const statusOfCode: Readonly<Record<AccountIssueCode, number>> = {
  'login-failed': 401,
  'account-locked': 403,
  'account-closed': 403,
  'account-temporarily-locked': 403,
  'password-incorrect': 403,
  'password-unchanged': 422,
  'password-reused': 422,
  'account-inactivity-locked': 403,
  'full-name-invalid': 422,
  'user-name-outside-rule': 422,
  'user-name-taken': 409,
  'org-unit-out-of-scope': 403,
  'org-unit-inactive': 409,
  'org-unit-no-facility-code': 409,
  'role-org-unit-mismatch': 422,
  'account-not-found': 404,
  'account-own-forbidden': 403,
  'account-already-locked': 409,
  'account-not-locked': 409,
  'account-already-closed': 409,
};

/**
 * The HTTP status of an expected account failure. Codes from the shared kernel (password policy, user-name
 * derivation, facility code) are input the server cannot act on: 422.
 */
export function httpStatusOfAccountIssue(code: string): number {
  if (Object.hasOwn(statusOfCode, code)) return statusOfCode[code as AccountIssueCode];
  return httpStatusOfAuthIssue(code) ?? 422;
}
