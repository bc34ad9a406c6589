import { defineIssues } from '#shared/errors/issue.ts';

/** Expected failures of the duplicate review with the HTTP status each maps to. */
export const duplicateIssue = defineIssues({
  'duplicate-not-found':
    'Không tìm thấy cặp hồ sơ nghi trùng {id} trong phạm vi quản lý của tài khoản. Tải lại danh sách rồi chọn lại.',
  'duplicate-already-decided':
    'Cặp hồ sơ này đã được xử lý ({state}). Tải lại danh sách để xem trạng thái mới nhất.',
  'duplicate-survivor-invalid':
    'Hồ sơ giữ lại ({survivorId}) không thuộc cặp này. Chọn một trong hai hồ sơ của cặp làm hồ sơ giữ lại.',
  'duplicate-not-merged': 'Cặp hồ sơ này chưa được gộp ({state}) nên không có gì để hoàn tác.',
  'duplicate-decided-above':
    'Hai hồ sơ của cặp này do hai đơn vị khác nhau quản lý, trong đó có đơn vị ngoài phạm vi của tài khoản. Chỉ quản trị viên của {unit} (đơn vị quản lý chung của cả hai) được xem đủ hai hồ sơ và quyết định; đề nghị {unit} xem xét cặp này.',
  'duplicate-undo-city-only':
    'Chỉ quản trị viên cấp thành phố (Sở Y tế) được hoàn tác việc gộp hồ sơ. Đề nghị Sở Y tế thực hiện.',
});
export type DuplicateIssueCode = Parameters<typeof duplicateIssue>[0];

export const duplicateIssueStatus = {
  'duplicate-not-found': 404,
  'duplicate-already-decided': 409,
  'duplicate-survivor-invalid': 400,
  'duplicate-not-merged': 409,
  'duplicate-decided-above': 403,
  'duplicate-undo-city-only': 403,
} as const satisfies Record<DuplicateIssueCode, 400 | 403 | 404 | 409>;
