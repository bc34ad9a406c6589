import { defineIssues } from '#shared/errors/issue.ts';

/**
 * Why the server kept a client's write in the quarantine instead of the master (stored in `quarantine.reason`), with
 * the Vietnamese text the admin console shows. A quarantined write is never lost: its full content stays encrypted in
 * the quarantine until an admin resolves it.
 */
export const quarantineReasonIssue = defineIssues({
  'out-of-scope':
    'Trạm gửi lên hồ sơ ngoài phạm vi quản lý của đơn vị. Kiểm tra đơn vị quản lý của đối tượng rồi chuyển cho đúng đơn vị.',
  'document-invalid':
    'Hồ sơ gửi lên không hợp lệ nên chưa được lưu. Xem các trường bị lỗi, sửa trên máy trạm rồi đồng bộ lại.',
  'document-id-invalid': 'Hồ sơ gửi lên không có mã hồ sơ hợp lệ. Báo bộ phận CNTT kiểm tra phần mềm trạm.',
  'signed-record-changed':
    'Trạm sửa một phiếu khám đã ký. Phiếu đã ký không được sửa; lập phiếu bổ sung nếu cần điều chỉnh.',
  'append-only-record-changed':
    'Trạm sửa một mũi tiêm đã ghi. Chỉ được đánh dấu "ghi nhầm"; lập bản ghi mới nếu cần điều chỉnh.',
  'deletion-refused':
    'Trạm xóa một hồ sơ không được phép xóa. Dùng trạng thái (chuyển đi, đã gộp, ghi nhầm) thay cho xóa.',
  'deleted-on-server':
    'Trạm sửa một hồ sơ đã bị xóa trên máy chủ. Xem lại nội dung trạm gửi và khôi phục nếu cần.',
  'deletion-conflict':
    'Trạm xóa một hồ sơ đã được sửa trên máy chủ sau lần đồng bộ trước. Hồ sơ được giữ lại; xem lại nếu vẫn cần xóa.',
  'merge-quarantine':
    'Khi gộp thay đổi đồng thời, một phần dữ liệu của trạm không được áp dụng (ví dụ tử vong, phiếu đã ký). Xem lại và chuyển sang hồ sơ đúng.',
  'author-unknown':
    'Hồ sơ gửi lên ghi người cập nhật không phải tài khoản của đơn vị gửi. Hồ sơ chưa được lưu; kiểm tra tài khoản đã đăng nhập trên máy trạm rồi áp dụng lại.',
  'merge-invalid':
    'Kết quả gộp thay đổi đồng thời không hợp lệ nên giữ nguyên hồ sơ trên máy chủ. Xem lại nội dung trạm gửi.',
  'health-id-taken':
    'Mã định danh y tế của hồ sơ gửi lên đã thuộc về một người khác. Hồ sơ chưa được lưu; kiểm tra lại mã trên thẻ của người dân, nếu là cùng một người thì xử lý như hồ sơ trùng lặp.',
  'health-id-reserved':
    'Mã định danh y tế của hồ sơ gửi lên thuộc dải mã đã cấp cho một trạm khác, nên trạm gửi không được dùng. Hồ sơ chưa được lưu; kiểm tra lại mã (mã do phần mềm trạm tự cấp, không nhập tay mã của nơi khác).',
  'health-id-not-issued':
    'Mã định danh y tế của hồ sơ gửi lên không thuộc dải mã nào máy chủ đã cấp (mã tự đặt hoặc nhập sai). Hồ sơ chưa được lưu; mã định danh y tế chỉ do phần mềm trạm cấp từ dải mã của trạm, kiểm tra lại mã trên thẻ của người dân.',
  'care-relationship-missing':
    'Cơ sở khám chữa bệnh gửi lên hồ sơ của một người chưa có quan hệ điều trị với cơ sở (chưa có lượt khám được tiếp nhận hoặc được phê duyệt). Hồ sơ chưa được lưu; nếu đúng là bệnh nhân của cơ sở, áp dụng lại để phê duyệt quan hệ điều trị.',
  'access-event-account-unknown':
    'Nhật ký truy cập của máy trạm ghi tên một tài khoản không thuộc đơn vị của máy. Nhật ký chưa được lưu; kiểm tra máy trạm (phần mềm có thể bị sửa đổi) và báo bộ phận CNTT.',
  'access-event-person-out-of-scope':
    'Nhật ký truy cập của máy trạm ghi việc xem hồ sơ của một người ngoài phạm vi đơn vị của máy. Nhật ký chưa được lưu; kiểm tra máy trạm (phần mềm có thể bị sửa đổi) và báo bộ phận CNTT.',
});
export type QuarantineReason = Parameters<typeof quarantineReasonIssue>[0];
