import { defineIssues } from '#shared/errors/issue.ts';

/** What can go wrong with a station update, in words the staff can act on. */
export const updateIssue = defineIssues({
  'update-unsigned':
    'Bản cập nhật tải về không có chữ ký của Sở Y tế nên không được cài. Phần mềm vẫn dùng bản hiện tại; báo bộ phận CNTT.',
  'update-signature-invalid':
    'Chữ ký của bản cập nhật không đúng khóa phát hành của Sở Y tế nên bản này không được cài. Phần mềm vẫn dùng bản hiện tại; báo ngay bộ phận CNTT.',
  'update-mismatch':
    'Bản cập nhật tải về không khớp với bản Sở Y tế đã ký ({detail}) nên không được cài. Phần mềm vẫn dùng bản hiện tại; báo bộ phận CNTT.',
  'update-download-corrupt':
    'Tệp cập nhật tải về bị hỏng (sai mã kiểm tra) nên không được cài. Phần mềm sẽ tải lại ở lần kiểm tra sau; nếu vẫn lỗi, báo bộ phận CNTT.',
  'update-check-failed':
    'Chưa kiểm tra được bản cập nhật ({detail}). Phần mềm vẫn dùng bình thường và sẽ thử lại sau.',
  'update-not-ready':
    'Chưa có bản cập nhật nào đã tải về và được xác minh để cài. Thử kiểm tra cập nhật lại.',
});
export type UpdateIssueCode = Parameters<typeof updateIssue>[0];
