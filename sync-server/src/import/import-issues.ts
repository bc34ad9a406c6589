import { defineIssues, type Issue } from '#shared/errors/issue.ts';

/**
 * Why a file cannot be imported, or one of its rows: stable codes with Vietnamese messages for the data officer or
 * the station staff, saying what to do. File-level codes stop the import before a row is written; row-level ones
 * refuse that row and never its neighbours.
 */
export const importIssue = defineIssues({
  'file-empty': 'Tệp không có dữ liệu. Chọn đúng tệp danh sách rồi tải lên lại.',
  'file-kind-unknown':
    'Tệp "{name}" không phải bảng tính Excel (.xlsx) hay tệp CSV, dù tên tệp là vậy. Mở tệp bằng Excel rồi lưu lại thành .xlsx hoặc CSV.',
  'file-xls-legacy':
    'Tệp "{name}" là bảng tính Excel 97–2003 (.xls). Mở bằng Excel, chọn Lưu thành (Save As) kiểu Excel Workbook (.xlsx) rồi tải lên lại.',
  'xlsx-unreadable':
    'Không đọc được bảng tính ({detail}). Mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại.',
  'xlsx-too-large':
    'Bảng tính giải nén ra hơn {limit} byte, quá lớn để nhập một lần (hoặc tệp bị làm giả). Chia thành nhiều tệp nhỏ hơn.',
  'xlsx-suspicious-compression':
    'Phần "{entry}" của bảng tính nén chặt bất thường (1 byte thành {ratio} byte): tệp có dấu hiệu bị làm giả nên không được mở. Xuất lại bảng tính từ phần mềm gốc.',
  'xlsx-no-sheet': 'Bảng tính không có trang tính nào có dữ liệu.',
  'csv-unreadable': 'Không đọc được tệp CSV ở dòng {line} ({detail}). Kiểm tra dấu ngoặc kép ở dòng đó.',
  'too-many-rows': 'Tệp có hơn {limit} dòng dữ liệu. Chia thành nhiều tệp, mỗi tệp không quá {limit} dòng.',
});
export type ImportIssueCode = Parameters<typeof importIssue>[0];
export type ImportIssue = Issue<ImportIssueCode>;
