import { defineIssues } from '#shared/errors/issue.ts';

/** The problems of the HTTP layer itself, before or around any route: bad input, size, media type, limits, bugs. */
export const httpIssue = defineIssues({
  'request-invalid': 'Yêu cầu gửi lên không đúng định dạng. Kiểm tra các trường được nêu rồi gửi lại.',
  'json-malformed': 'Nội dung gửi lên không phải JSON hợp lệ. Kiểm tra lại dữ liệu rồi gửi lại.',
  'body-too-large': 'Dữ liệu gửi lên quá lớn (tối đa {limit} byte). Chia nhỏ rồi gửi lại.',
  'media-type-unsupported': 'Kiểu nội dung không được hỗ trợ. Gửi dữ liệu dạng application/json.',
  'content-encoding-unsupported':
    'Máy chủ không giải nén được kiểu nén này. Gửi dữ liệu không nén, hoặc nén gzip hay br.',
  'content-encoding-invalid':
    'Dữ liệu nén gửi lên bị hỏng, không giải nén được. Gửi lại; nếu vẫn lỗi, báo bộ phận CNTT.',
  'route-not-found': 'Không có chức năng này trên máy chủ ({method} {url}). Kiểm tra lại địa chỉ.',
  'internal-error':
    'Máy chủ gặp lỗi khi xử lý yêu cầu. Thử lại sau; nếu vẫn lỗi, báo bộ phận CNTT kèm mã {requestId}.',
  'rate-limited': 'Gửi quá nhiều yêu cầu trong thời gian ngắn. Chờ {seconds} giây rồi thử lại.',
  'streams-too-many':
    'Đã mở quá nhiều luồng đồng bộ "{collection}" cùng lúc từ phiên hoặc máy này. Đóng bớt cửa sổ ứng dụng đang mở, hoặc chờ {seconds} giây rồi thử lại.',
});
