import { defineIssues } from '#shared/errors/issue.ts';

/** Expected failures of the quarantine and merge review, with the HTTP status each maps to. */
export const reviewIssue = defineIssues({
  'review-entry-not-found':
    'Không tìm thấy mục {id} trong phạm vi quản lý của tài khoản. Tải lại danh sách rồi chọn lại.',
  'review-already-resolved':
    'Mục này đã được xử lý ({resolution}) lúc {resolvedAt}. Tải lại danh sách để xem trạng thái mới nhất.',
  'review-reapply-refused':
    'Không áp dụng lại được: máy chủ vẫn từ chối bản ghi này ({reason}). Mục vẫn được giữ; sửa trên máy trạm hoặc bỏ qua kèm ghi chú.',
  'review-collection-unknown':
    'Loại hồ sơ "{collection}" không còn được đồng bộ nên không áp dụng lại được. Bỏ qua mục này kèm ghi chú.',
});
export type ReviewIssueCode = Parameters<typeof reviewIssue>[0];

export const reviewIssueStatus = {
  'review-entry-not-found': 404,
  'review-already-resolved': 409,
  'review-reapply-refused': 409,
  'review-collection-unknown': 409,
} as const satisfies Record<ReviewIssueCode, 404 | 409>;
