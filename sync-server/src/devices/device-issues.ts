import { defineIssues } from '#shared/errors/issue.ts';

/**
 * Expected failures of device enrolment, device administration and signed sync requests, with the HTTP status each
 * maps to. Sign-in, role and password-change failures are the auth guards' (`auth-required`, `forbidden-role`, …).
 * Enrolment-code failures share one code on purpose: a caller learns nothing about which codes exist.
 */
export const deviceIssue = defineIssues({
  'org-unit-out-of-scope':
    'Đơn vị {orgUnitId} không tồn tại hoặc nằm ngoài phạm vi quản lý của tài khoản. Chọn một đơn vị thuộc phạm vi của mình.',
  'org-unit-inactive':
    'Đơn vị {orgUnitId} đã giải thể hoặc sáp nhập nên không cấp mã đăng ký thiết bị được. Chọn trạm y tế đang hoạt động.',
  'org-unit-not-a-station':
    'Đơn vị {orgUnitId} không phải trạm y tế xã/phường, bệnh viện hay phòng khám. Mã đăng ký thiết bị chỉ cấp cho máy của trạm y tế hoặc máy gửi hồ sơ của bệnh viện, phòng khám.',
  'enrolment-code-invalid':
    'Mã đăng ký thiết bị không đúng, đã được dùng hoặc đã hết hạn. Kiểm tra lại mã; nếu vẫn không được, xin quản trị viên quận/huyện cấp mã mới.',
  'device-public-key-invalid':
    'Khóa công khai của thiết bị không hợp lệ (cần khóa Ed25519 32 byte dạng base64). Cài lại ứng dụng trạm rồi đăng ký lại.',
  'device-not-found':
    'Không tìm thấy thiết bị {deviceId} trong phạm vi quản lý của tài khoản. Kiểm tra lại mã thiết bị.',
  'device-signature-missing':
    'Yêu cầu đồng bộ thiếu chữ ký thiết bị. Cập nhật ứng dụng trạm; nếu máy chưa đăng ký, đăng ký thiết bị bằng mã do quận/huyện cấp.',
  'device-signature-invalid':
    'Chữ ký thiết bị không hợp lệ. Gửi lại yêu cầu; nếu lỗi lặp lại, liên hệ quận/huyện để đăng ký lại thiết bị.',
  'device-unknown':
    'Máy chủ không nhận ra thiết bị này. Liên hệ trung tâm y tế quận/huyện để được cấp mã và đăng ký lại thiết bị.',
  'device-clock-skew':
    'Đồng hồ của máy trạm lệch quá {maxSkewSeconds} giây so với máy chủ (giờ máy chủ: {serverTime}). Ứng dụng tự hiệu chỉnh theo giờ máy chủ rồi gửi lại; nếu lỗi lặp lại, chỉnh ngày giờ của máy.',
  'device-replay': 'Yêu cầu này đã được gửi trước đó (trùng mã dùng một lần). Tạo yêu cầu mới rồi gửi lại.',
  'device-revoked':
    'Thiết bị này đã bị thu hồi quyền đồng bộ. Liên hệ trung tâm y tế quận/huyện để được cấp mã mới và đăng ký lại thiết bị.',
  'device-not-of-station':
    'Thiết bị này thuộc đơn vị khác với tài khoản đang đăng nhập. Đăng nhập bằng tài khoản của đơn vị đã đăng ký thiết bị.',
  'sending-device-required':
    'Đơn vị đã đăng ký máy gửi hồ sơ, nên mọi yêu cầu liên thông phải được ký bằng khóa của máy đó (tiêu đề x-hssk-device, x-hssk-timestamp, x-hssk-nonce, x-hssk-signature). Gửi từ máy đã đăng ký; nếu đã thay máy, nhờ Sở Y tế cấp mã đăng ký cho máy mới rồi thu hồi máy cũ.',
  'device-session-station-only':
    'Chỉ máy của trạm y tế mới mở được phiên đồng bộ riêng. Máy gửi hồ sơ của bệnh viện ký các yêu cầu liên thông của tài khoản liên thông.',
  'device-session-mismatch':
    'Phiên đăng nhập này gắn với một thiết bị khác. Đăng nhập lại trên chính thiết bị này.',
});
export type DeviceIssueCode = Parameters<typeof deviceIssue>[0];

/** The one mapping from device issue codes to HTTP statuses. */
export const deviceIssueStatus = {
  'org-unit-out-of-scope': 403,
  'org-unit-inactive': 400,
  'org-unit-not-a-station': 400,
  'enrolment-code-invalid': 400,
  'device-public-key-invalid': 400,
  'device-not-found': 404,
  'device-signature-missing': 401,
  'device-signature-invalid': 401,
  'device-unknown': 401,
  'device-clock-skew': 401,
  'device-replay': 401,
  'device-revoked': 403,
  'device-not-of-station': 403,
  'device-session-mismatch': 403,
  'sending-device-required': 401,
  'device-session-station-only': 403,
} as const satisfies Record<DeviceIssueCode, 400 | 401 | 403 | 404>;
