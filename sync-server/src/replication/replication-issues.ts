import { defineIssues } from '../../../shared/errors/issue.ts';

/** Expected failures of the replication routes, with the HTTP status each maps to. */
export const replicationIssue = defineIssues({
  'collection-unknown':
    'Máy chủ không đồng bộ bộ dữ liệu này. Kiểm tra lại tên bộ dữ liệu trong địa chỉ yêu cầu (persons, encounters, immunizations).',
  'replication-device-required':
    'Máy trạm phải ký yêu cầu đồng bộ bằng khóa của thiết bị đã đăng ký. Đăng ký thiết bị bằng mã do quản trị viên cấp rồi đồng bộ lại.',
});
export type ReplicationIssueCode = Parameters<typeof replicationIssue>[0];

export const replicationIssueStatus: Readonly<Record<ReplicationIssueCode, 403 | 404>> = {
  'collection-unknown': 404,
  'replication-device-required': 403,
};
