import { fail, ok, type Result } from '#shared/errors/result.ts';
import { toNfc } from '#shared/text/clean-text.ts';
import { intakeIssue, type IntakeIssue, type IntakeIssueCode } from './intake-issues.ts';
import { childOf, childrenOf, parseXmlTree, type XmlElement, type XmlLimits } from './xml-tree.ts';

/**
 * The QĐ 130/4750 tables the intake reads (domain-reference §3.1): each table's inner root element and, for tables
 * of many rows, its list and row elements. The other types (XML0, XML6, XML10–XML12, XML15) are kept in the original
 * but not read yet.
 */
export const qd130Tables = {
  XML1: { root: 'TONG_HOP' },
  XML2: { root: 'CHITIEU_CHITIET_THUOC', list: 'DSACH_CHI_TIET_THUOC', row: 'CHI_TIET_THUOC' },
  XML3: { root: 'CHITIEU_CHITIET_DVKT_VTYT', list: 'DSACH_CHI_TIET_DVKT', row: 'CHI_TIET_DVKT' },
  XML4: { root: 'CHITIEU_CHITIET_DICHVUCANLAMSANG', list: 'DSACH_CHI_TIET_CLS', row: 'CHI_TIET_CLS' },
  XML5: {
    root: 'CHITIEU_CHITIET_DIENBIENLAMSANG',
    list: 'DSACH_CHI_TIET_DIEN_BIEN_BENH',
    row: 'CHI_TIET_DIEN_BIEN_BENH',
  },
  XML7: { root: 'CHI_TIEU_DU_LIEU_GIAY_RA_VIEN' },
  XML8: { root: 'CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN' },
  XML9: {
    root: 'CHI_TIEU_DU_LIEU_GIAY_CHUNG_SINH',
    list: 'DSACH_GIAYCHUNGSINH',
    row: 'DU_LIEU_GIAY_CHUNG_SINH',
  },
  XML13: { root: 'CHI_TIEU_GIAYCHUYENTUYEN' },
  XML14: { root: 'CHI_TIEU_GIAYHEN_KHAMLAI' },
} as const satisfies Record<string, { root: string; list?: string; row?: string }>;
export type ReadTableType = keyof typeof qd130Tables;

/** Every LOAIHOSO of QĐ 130 as amended by 4750 (XML0 check-in … XML15 TB treatment). */
export const qd130TableTypes = Array.from({ length: 16 }, (_, n) => `XML${n}`);

export function isReadTable(type: string): type is ReadTableType {
  return Object.hasOwn(qd130Tables, type);
}

/** One row of a table: field name → its text (trimmed, NFC). Empty fields are absent. */
export type FieldRow = ReadonlyMap<string, string>;

/** Rows one table may have (drugs, services and results of a long inpatient stay). */
export const MAX_TABLE_ROWS = 2000;

/**
 * Reads one table of a hồ sơ from the bytes its NOIDUNGFILE decodes to: the right root, then its row (single-record
 * tables) or rows (list tables), each a map of field → text. A field written twice in one row is refused; an element
 * that is not a field (has children) is ignored. Never throws on bad input.
 */
export function readTable(
  type: ReadTableType,
  bytes: Uint8Array,
  limits: XmlLimits,
): Result<FieldRow[], IntakeIssueCode> {
  const tree = parseXmlTree(bytes, limits, type);
  if (!tree.ok) return tree;
  const table: { root: string; list?: string; row?: string } = qd130Tables[type];
  const root = tree.value;
  if (root.name !== table.root) {
    return fail(intakeIssue('table-root-wrong', { label: type, root: root.name, expected: table.root }));
  }
  let elements: XmlElement[];
  if (table.list === undefined || table.row === undefined) {
    elements = [root];
  } else {
    const list = childOf(root, table.list);
    elements = list === undefined ? childrenOf(root, table.row) : childrenOf(list, table.row);
    if (elements.length === 0) {
      return fail(intakeIssue('table-record-missing', { label: type, expected: table.row }));
    }
    if (elements.length > MAX_TABLE_ROWS) {
      return fail(
        intakeIssue('table-too-many-rows', { label: type, count: elements.length, limit: MAX_TABLE_ROWS }),
      );
    }
  }
  const rows: FieldRow[] = [];
  const issues: IntakeIssue[] = [];
  for (const element of elements) {
    const row = new Map<string, string>();
    for (const field of element.children) {
      if (field.children.length > 0) continue;
      if (row.has(field.name)) {
        issues.push(intakeIssue('field-repeated', { label: type, field: field.name }, field.name));
        continue;
      }
      const value = toNfc(field.text).trim();
      if (value !== '') row.set(field.name, value);
    }
    rows.push(row);
  }
  const [first, ...rest] = issues;
  return first === undefined ? ok(rows) : fail(first, ...rest);
}
