import { defineIssues } from '#shared/errors/issue.ts';

/** Expected failures of the replication routes, with the HTTP status each maps to. */
export const replicationIssue = defineIssues({
  'collection-unknown':
    'Máy chủ không đồng bộ bộ dữ liệu này. Kiểm tra lại tên bộ dữ liệu trong địa chỉ yêu cầu (persons, encounters, immunizations).',
  'replication-device-required':
    'Máy trạm phải ký yêu cầu đồng bộ bằng khóa của thiết bị đã đăng ký. Đăng ký thiết bị bằng mã do quản trị viên cấp rồi đồng bộ lại.',
  'schema-version-outdated':
    'Phần mềm trạm dùng cấu trúc dữ liệu {collection} phiên bản {client}, máy chủ đã dùng phiên bản {server}. Hãy cập nhật phần mềm (mở lại ứng dụng để nhận bản cập nhật, hoặc báo bộ phận CNTT) rồi đồng bộ lại. Dữ liệu đã nhập vẫn được giữ nguyên trên máy và sẽ được gửi sau khi cập nhật.',
  'schema-version-ahead':
    'Phần mềm trạm dùng cấu trúc dữ liệu {collection} phiên bản {client}, mới hơn máy chủ (phiên bản {server}). Máy chủ chưa được cập nhật: báo bộ phận CNTT của Sở. Dữ liệu đã nhập vẫn được giữ nguyên trên máy và sẽ được gửi khi máy chủ được cập nhật.',
  'schema-version-header-invalid':
    'Phần mềm trạm gửi phiên bản cấu trúc dữ liệu không hợp lệ ({value}). Cài lại phần mềm bằng bộ cài chính thức của Sở Y tế.',
});
export type ReplicationIssueCode = Parameters<typeof replicationIssue>[0];

export const replicationIssueStatus: Readonly<Record<ReplicationIssueCode, 400 | 403 | 404 | 409 | 426>> = {
  'collection-unknown': 404,
  'replication-device-required': 403,
  'schema-version-outdated': 426,
  'schema-version-ahead': 409,
  'schema-version-header-invalid': 400,
};
