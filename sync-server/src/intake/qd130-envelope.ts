import { fail, ok, type Result } from '#shared/errors/result.ts';
import { cleanText } from '#shared/text/clean-text.ts';
import { intakeIssue, type IntakeIssue, type IntakeIssueCode } from './intake-issues.ts';
import {
  isReadTable,
  qd130TableTypes,
  readTable,
  type FieldRow,
  type ReadTableType,
} from './qd130-tables.ts';
import { childOf, childrenOf, parseXmlTree, type XmlLimits } from './xml-tree.ts';

/** One FILEHOSO as sent: its LOAIHOSO and the base64 of its table's XML (not decoded yet). */
export type EnvelopeFile = { readonly type: string; readonly base64: string };

/** One hồ sơ (HOSO) of an envelope, by its position (1-based) in DANHSACHHOSO. */
export type EnvelopeRecord = { readonly position: number; readonly files: readonly EnvelopeFile[] };

/** A hồ sơ giám định (GIAMDINHHS, domain-reference §3.2) as read, before any hồ sơ in it is. */
export type Qd130Envelope = {
  readonly facilityCode: string;
  /** NGAYLAP as sent (yyyyMMdd), if any. */
  readonly createdOn: string | undefined;
  readonly records: readonly EnvelopeRecord[];
};

export type EnvelopeLimits = XmlLimits & { readonly maxRecords: number };

/**
 * Reads the envelope of a QĐ 130 submission: the sending facility (THONGTINDONVI/MACSKCB), NGAYLAP and each HOSO's
 * files. Fails as a whole only where nothing in it can be trusted (not XML, not a GIAMDINHHS, no facility, no hồ sơ,
 * too many); a hồ sơ's own faults are found when it is read (`readEnvelopeRecord`), so one never blocks the others.
 */
export function readQd130Envelope(
  bytes: Uint8Array,
  limits: EnvelopeLimits,
): Result<Qd130Envelope, IntakeIssueCode> {
  const tree = parseXmlTree(bytes, limits, 'Hồ sơ giám định');
  if (!tree.ok) return tree;
  const root = tree.value;
  if (root.name !== 'GIAMDINHHS') return fail(intakeIssue('envelope-root-wrong', { root: root.name }));
  const facilityCode = cleanText(
    childOf(root, 'THONGTINDONVI')?.children.find((c) => c.name === 'MACSKCB')?.text ?? '',
  );
  if (facilityCode === '')
    return fail(intakeIssue('envelope-part-missing', { part: 'THONGTINDONVI/MACSKCB' }));
  const info = childOf(root, 'THONGTINHOSO');
  if (info === undefined) return fail(intakeIssue('envelope-part-missing', { part: 'THONGTINHOSO' }));
  const list = childOf(info, 'DANHSACHHOSO');
  if (list === undefined) return fail(intakeIssue('envelope-part-missing', { part: 'DANHSACHHOSO' }));
  const hoso = childrenOf(list, 'HOSO');
  if (hoso.length === 0) return fail(intakeIssue('envelope-empty'));
  if (hoso.length > limits.maxRecords) {
    return fail(intakeIssue('envelope-too-many-records', { count: hoso.length, limit: limits.maxRecords }));
  }
  const createdOn = cleanText(childOf(info, 'NGAYLAP')?.text ?? '');
  return ok({
    facilityCode,
    createdOn: createdOn === '' ? undefined : createdOn,
    records: hoso.map((element, index) => ({
      position: index + 1,
      files: childrenOf(element, 'FILEHOSO').map((file) => ({
        type: cleanText(childOf(file, 'LOAIHOSO')?.text ?? '').toUpperCase(),
        base64: childOf(file, 'NOIDUNGFILE')?.text ?? '',
      })),
    })),
  });
}

/** A hồ sơ read: its tables' rows, and every file as sent (for the encrypted original). */
export type Qd130Record = {
  readonly position: number;
  readonly tables: ReadonlyMap<ReadTableType, FieldRow[]>;
  readonly files: readonly EnvelopeFile[];
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads one hồ sơ: each file's base64 strictly decoded (whitespace allowed between characters, as exporters wrap
 * lines), every table the intake reads parsed, the types QĐ 130 names but the intake does not read yet kept as sent.
 * XML1 must be there; a type is sent at most once. Every fault found is returned, not just the first.
 */
export function readEnvelopeRecord(
  record: EnvelopeRecord,
  limits: XmlLimits,
): Result<Qd130Record, IntakeIssueCode> {
  const issues: IntakeIssue[] = [];
  const tables = new Map<ReadTableType, FieldRow[]>();
  const seen = new Set<string>();
  const files: EnvelopeFile[] = [];
  for (const file of record.files) {
    if (!qd130TableTypes.includes(file.type)) {
      issues.push(intakeIssue('record-file-type-unknown', { type: file.type }, 'LOAIHOSO'));
      continue;
    }
    if (seen.has(file.type)) {
      issues.push(intakeIssue('record-file-repeated', { label: file.type }, file.type));
      continue;
    }
    seen.add(file.type);
    const base64 = file.base64.replace(/\s+/g, '');
    if (base64.length % 4 !== 0 || !BASE64.test(base64)) {
      issues.push(intakeIssue('record-base64-invalid', { label: file.type }, `${file.type}/NOIDUNGFILE`));
      continue;
    }
    files.push({ type: file.type, base64 });
    if (!isReadTable(file.type)) continue;
    const rows = readTable(file.type, Buffer.from(base64, 'base64'), limits);
    if (rows.ok) tables.set(file.type, rows.value);
    else
      issues.push(
        ...rows.errors.map((issue) => ({
          ...issue,
          path: `${file.type}${issue.path === undefined ? '' : `/${issue.path}`}`,
        })),
      );
  }
  if (!seen.has('XML1')) issues.push(intakeIssue('record-file-missing', { label: 'XML1' }, 'XML1'));
  const [first, ...rest] = issues;
  if (first !== undefined) return fail(first, ...rest);
  return ok({ position: record.position, tables, files });
}

/** The MA_LK of a hồ sơ whose other parts may be unreadable, so that even its refusal names the visit. */
export function visitKeyOf(record: EnvelopeRecord, limits: XmlLimits): string | undefined {
  const xml1 = record.files.find((file) => file.type === 'XML1');
  if (xml1 === undefined) return undefined;
  const base64 = xml1.base64.replace(/\s+/g, '');
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return undefined;
  const rows = readTable('XML1', Buffer.from(base64, 'base64'), limits);
  return rows.ok ? rows.value[0]?.get('MA_LK') : undefined;
}
