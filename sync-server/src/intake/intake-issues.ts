import { defineIssues, type Issue } from '#shared/errors/issue.ts';

/**
 * Why a hospital's QĐ 130 submission, or one hồ sơ in it, was refused: stable codes a hospital's system can match on,
 * with Vietnamese messages for the hospital's IT staff that name the table (`{label}`: XML1, XML4…), the field and the
 * rule. Envelope-level codes refuse the whole request; the others refuse one hồ sơ and never its neighbours.
 */
export const intakeIssue = defineIssues({
  // The document as a whole (the envelope, or one table inside a hồ sơ).
  'xml-too-large': '{label} có {bytes} byte, vượt giới hạn {limit} byte. Gửi ít hồ sơ hơn trong mỗi lần gửi.',
  'xml-not-utf8':
    '{label} không phải văn bản UTF-8 hợp lệ. QĐ 130 quy định mã hóa UTF-8: xuất lại tệp với mã hóa UTF-8.',
  'xml-encoding-declared':
    '{label} khai báo mã hóa "{encoding}" trong khi QĐ 130 quy định UTF-8. Xuất lại tệp với encoding="utf-8".',
  'xml-doctype-refused':
    '{label} có khai báo DOCTYPE/DTD. Tệp theo QĐ 130 không dùng DTD; xóa khai báo DOCTYPE rồi gửi lại.',
  'xml-too-deep':
    '{label} lồng thẻ sâu quá {limit} cấp, không phải cấu trúc QĐ 130. Kiểm tra lại phần mềm xuất XML.',
  'xml-too-many-elements':
    '{label} có quá {limit} thẻ. Chia thành nhiều lần gửi, hoặc kiểm tra lại phần mềm xuất XML.',
  'xml-malformed': '{label} không phải XML hợp lệ ({detail}). Kiểm tra lại phần mềm xuất XML rồi gửi lại.',
  'envelope-root-wrong':
    'Thẻ gốc là <{root}>, cần <GIAMDINHHS> (hồ sơ giám định theo QĐ 130/4750). Gửi đúng tệp hồ sơ giám định.',
  'envelope-part-missing': 'Hồ sơ giám định thiếu thẻ <{part}>. Bổ sung theo mẫu QĐ 4750 rồi gửi lại.',
  'envelope-empty': 'Hồ sơ giám định không có hồ sơ nào trong <DANHSACHHOSO>. Kiểm tra lại tệp gửi.',
  'envelope-too-many-records':
    'Hồ sơ giám định có {count} hồ sơ, vượt giới hạn {limit} mỗi lần gửi. Chia thành nhiều lần gửi.',
  'facility-not-yours':
    'Mã cơ sở KCB {field} là "{code}" nhưng tài khoản liên thông thuộc cơ sở {own}. Mỗi cơ sở chỉ gửi hồ sơ của chính mình.',
  'facility-unknown':
    'Tài khoản liên thông chưa gắn với cơ sở KCB có mã. Liên hệ Sở Y tế để kiểm tra tài khoản.',
  // A batch (a zip of envelopes).
  'batch-not-zip':
    'Tệp gửi không phải tệp nén ZIP đọc được ({detail}). Nén các tệp hồ sơ giám định (.xml) thành một tệp ZIP.',
  'batch-too-many-files': 'Tệp ZIP có hơn {limit} tệp. Chia thành nhiều tệp ZIP nhỏ hơn.',
  'batch-too-large': 'Các tệp trong ZIP giải nén ra hơn {limit} byte. Chia thành nhiều tệp ZIP nhỏ hơn.',
  'batch-file-too-large':
    'Tệp {name} giải nén ra {bytes} byte, vượt giới hạn {limit} byte mỗi hồ sơ giám định.',
  'batch-file-not-xml': 'Tệp {name} không phải tệp .xml. Trong ZIP chỉ để các tệp hồ sơ giám định (.xml).',
  'batch-file-unreadable': 'Không giải nén được tệp {name} ({detail}). Nén lại tệp ZIP rồi gửi lại.',
  // One hồ sơ.
  'record-file-missing': 'Hồ sơ thiếu bảng {label}. Mỗi hồ sơ phải có XML1 (TONG_HOP).',
  'record-file-repeated': 'Hồ sơ có hai bảng {label}. Mỗi loại bảng chỉ gửi một lần trong một hồ sơ.',
  'record-file-type-unknown':
    'LOAIHOSO "{type}" không có trong QĐ 130/4750 (XML0–XML15). Kiểm tra lại phần mềm xuất XML.',
  'record-base64-invalid':
    'NOIDUNGFILE của {label} không phải base64 hợp lệ. Mã hóa nội dung bảng bằng base64 chuẩn rồi gửi lại.',
  'table-root-wrong': '{label} có thẻ gốc <{root}>, cần <{expected}>. Kiểm tra lại phần mềm xuất XML.',
  'table-record-missing': '{label} không có bản ghi <{expected}> nào. Xóa bảng rỗng hoặc bổ sung bản ghi.',
  'table-too-many-rows': '{label} có {count} dòng, vượt giới hạn {limit}. Kiểm tra lại dữ liệu hồ sơ.',
  'field-missing': 'Thiếu trường {field} ({label}). Trường này bắt buộc theo QĐ 130.',
  'field-repeated':
    'Trường {field} ({label}) xuất hiện hai lần trong một bản ghi. Mỗi trường chỉ ghi một lần.',
  'field-too-long': 'Trường {field} ({label}) dài {length} ký tự, tối đa {limit} theo QĐ 130.',
  'field-datetime-format':
    'Trường {field} ({label}) là "{value}", cần dạng yyyyMMddHHmm (12 chữ số, giờ 24h), ví dụ 202407050830.',
  'field-date-format': 'Trường {field} ({label}) là "{value}", cần dạng yyyyMMdd (8 chữ số), ví dụ 20240705.',
  'field-birth-date-format':
    'Trường NGAY_SINH ({label}) là "{value}", cần yyyyMMddHHmm (12 chữ số; tháng/ngày chưa rõ ghi 00), ví dụ 198005120000.',
  'field-code-invalid': 'Trường {field} ({label}) là "{value}", không phải mã hợp lệ: {rule}.',
  'field-number-invalid':
    'Trường {field} ({label}) là "{value}", cần một số (dấu chấm thập phân), ví dụ 52.50.',
  'field-icd10-unknown':
    'Mã bệnh "{value}" ở trường {field} ({label}) không có trong danh mục ICD-10 hiện hành của Bộ Y tế. Kiểm tra lại mã bệnh.',
  'field-icd10-too-many': 'Trường MA_BENH_KT ({label}) có {count} mã, tối đa 12 mã theo QĐ 130.',
  'field-bhyt-card-invalid': 'Mã thẻ BHYT "{value}" ({label}) không đúng dạng: {rule}.',
  'discharge-before-admission':
    'NGAY_RA ({dischargedAt}) đứng trước NGAY_VAO ({admittedAt}). Kiểm tra lại thời điểm vào và ra viện.',
  'admission-in-future':
    'NGAY_VAO ({admittedAt}) ở tương lai. Kiểm tra lại đồng hồ và dữ liệu của phần mềm bệnh viện.',
  'birth-after-admission': 'NGAY_SINH đứng sau NGAY_VAO. Kiểm tra lại ngày sinh của người bệnh.',
  'record-key-mismatch':
    'MA_LK của {label} là "{value}", khác MA_LK "{expected}" của XML1. Các bảng của một hồ sơ phải cùng MA_LK.',
  'patient-address-missing':
    'Không có người bệnh nào khớp và hồ sơ thiếu địa chỉ cư trú (MAXA_CU_TRU) để lập hồ sơ sức khỏe mới. Bổ sung mã xã cư trú.',
  'newborn-mother-unknown':
    'Giấy chứng sinh (XML9) cần người mẹ trong hồ sơ (XML1) đã được xác định. Hồ sơ được giữ để tuyến quận xem xét.',
});
export type IntakeIssueCode = Parameters<typeof intakeIssue>[0];
export type IntakeIssue = Issue<IntakeIssueCode>;
