import { defineIssues } from '../../../shared/errors/issue.ts';

/** Expected failures of the duplicate review (issue 7), with the HTTP status each maps to. */
export const duplicateIssue = defineIssues({
  'duplicate-not-found':
    'Không tìm thấy cặp hồ sơ nghi trùng {id} trong phạm vi quản lý của tài khoản. Tải lại danh sách rồi chọn lại.',
  'duplicate-already-decided':
    'Cặp hồ sơ này đã được xử lý ({state}). Tải lại danh sách để xem trạng thái mới nhất.',
});
export type DuplicateIssueCode = Parameters<typeof duplicateIssue>[0];

export const duplicateIssueStatus = {
  'duplicate-not-found': 404,
  'duplicate-already-decided': 409,
} as const satisfies Record<DuplicateIssueCode, 404 | 409>;
