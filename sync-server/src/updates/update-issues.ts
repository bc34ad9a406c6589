import { defineIssues } from '#shared/errors/issue.ts';
import type { ReleaseSignatureIssueCode } from '#shared/releases/release-manifest.ts';

/** Expected failures of the update feed, the release admin API and the minimum-version check. */
export const updateIssue = defineIssues({
  'app-version-unsupported':
    'Phần mềm trạm y tế phiên bản {version} đã quá cũ: máy chủ chỉ đồng bộ với phiên bản {minimum} trở lên. Hãy cập nhật phần mềm (mở lại ứng dụng để nhận bản cập nhật, hoặc báo bộ phận CNTT cài bản mới) rồi đồng bộ lại. Dữ liệu đã nhập vẫn được giữ nguyên trên máy.',
  'app-version-header-invalid':
    'Phần mềm trạm gửi số phiên bản không hợp lệ ({version}). Cài lại phần mềm bằng bộ cài chính thức của Sở Y tế.',
  'update-feed-empty':
    'Chưa có bản phát hành nào trên kênh {channel} cho hệ điều hành này. Không cần làm gì; phần mềm sẽ kiểm tra lại sau.',
  'update-file-not-found': 'Không có tệp {file} trên kênh cập nhật {channel}. Kiểm tra lại địa chỉ tải.',
  'update-range-unsatisfiable': 'Đoạn dữ liệu yêu cầu nằm ngoài tệp. Tải lại toàn bộ tệp.',
  'artifact-conflict':
    'Tệp {file} đã có trên kênh {channel} với nội dung khác. Tệp đã tải lên không bao giờ bị thay: đặt tên khác (tăng số phiên bản) rồi tải lên lại.',
  'artifact-too-large': 'Tệp tải lên vượt quá giới hạn {limit} byte. Kiểm tra lại tệp cài đặt.',
  'artifact-missing':
    'Bản phát hành nhắc đến tệp {file} nhưng tệp này chưa được tải lên kênh {channel}. Tải tệp lên trước rồi công bố lại.',
  'artifact-mismatch':
    'Tệp {file} trên máy chủ không khớp với SHA-512 hoặc kích thước trong bản phát hành đã ký. Tải lên đúng tệp đã ký rồi công bố lại.',
  'release-channel-mismatch':
    'Bản phát hành đã ký cho kênh {signed} nhưng được gửi lên kênh {requested}. Ký lại cho đúng kênh.',
  'release-version-not-newer':
    'Phiên bản {version} không mới hơn bản {latest} đã công bố trên kênh này. Muốn quay lại bản cũ thì phát hành lại nội dung cũ với số phiên bản cao hơn (ví dụ {latest} → bản vá tiếp theo).',
  'release-not-found': 'Không tìm thấy bản phát hành này. Tải lại danh sách bản phát hành.',
  'release-org-unit-unknown': 'Đơn vị {orgUnitId} không có trong danh mục. Chọn đơn vị có trong danh mục.',
  'release-change-empty': 'Không có thay đổi nào được gửi. Chọn trạng thái, tỷ lệ hoặc khu vực cần đổi.',
});
export type UpdateIssueCode = Parameters<typeof updateIssue>[0];

/** The HTTP status of every update and release-signature issue code: the one place they map to HTTP. */
export const updateIssueStatus: Readonly<Record<UpdateIssueCode | ReleaseSignatureIssueCode, number>> = {
  'app-version-unsupported': 426,
  'app-version-header-invalid': 400,
  'update-feed-empty': 404,
  'update-file-not-found': 404,
  'update-range-unsatisfiable': 416,
  'artifact-conflict': 409,
  'artifact-too-large': 413,
  'artifact-missing': 409,
  'artifact-mismatch': 409,
  'release-channel-mismatch': 400,
  'release-version-not-newer': 409,
  'release-not-found': 404,
  'release-org-unit-unknown': 400,
  'release-change-empty': 400,
  'release-manifest-invalid': 400,
  'release-signature-invalid': 400,
  'release-key-unknown': 400,
};
