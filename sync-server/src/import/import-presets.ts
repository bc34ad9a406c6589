import { searchKey } from '#shared/text/search-keys.ts';
import type { SheetRow } from './sheet-row.ts';

/** What a column of an imported list can hold. */
export const importFields = [
  'fullName',
  'dateOfBirth',
  'sex',
  'personalId',
  'bhytCard',
  'phone',
  'address',
  'commune',
  'ethnicity',
  'motherName',
  'vaccine',
  'dose',
  'vaccinationDate',
  'lot',
  'facility',
] as const;
export type ImportField = (typeof importFields)[number];

/** Which column holds each field (0-based), as detected or as the person importing mapped it. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export type ImportPreset = {
  /** What each row adds: residents only, or a dose (with its resident). */
  readonly rows: 'residents' | 'doses';
  readonly required: readonly ImportField[];
  readonly optional: readonly ImportField[];
};

/**
 * The layouts the regulation names (Art. 8.1): the COVID-19 campaign's export, the national immunisation system's
 * export (a child, the mother, a dose per row), and a station's or household register's resident list. Columns are
 * found by their headers, so any order and extra columns work; a layout seen again is saved as the importer's own
 * mapping.
 */
export const importPresets = {
  'covid-19': {
    rows: 'doses',
    required: ['fullName', 'dateOfBirth', 'sex', 'vaccine', 'dose', 'vaccinationDate'],
    optional: ['personalId', 'phone', 'address', 'commune', 'lot', 'facility'],
  },
  'immunisation-system': {
    rows: 'doses',
    required: ['fullName', 'dateOfBirth', 'sex', 'vaccine', 'vaccinationDate'],
    optional: ['dose', 'motherName', 'personalId', 'phone', 'address', 'commune', 'lot', 'facility'],
  },
  residents: {
    rows: 'residents',
    required: ['fullName', 'dateOfBirth', 'sex'],
    optional: ['personalId', 'bhytCard', 'phone', 'address', 'commune', 'ethnicity'],
  },
} as const satisfies Record<string, ImportPreset>;
export type ImportPresetName = keyof typeof importPresets;

/**
 * Headers each field goes by in the lists seen (folded: no diacritics, lower case, words only). A column takes the
 * field whose longest phrase its header holds ("Họ tên mẹ" is the mother's name, not the child's).
 */
const HEADERS: Readonly<Record<ImportField, readonly string[]>> = {
  fullName: ['ho va ten', 'ho ten', 'ten', 'ho ten nguoi duoc tiem', 'ho ten tre', 'ho va ten doi tuong'],
  dateOfBirth: ['ngay sinh', 'ngay thang nam sinh', 'nam sinh', 'ns', 'sinh ngay'],
  sex: ['gioi tinh', 'gioi', 'nam nu', 'gt'],
  personalId: [
    'cccd',
    'so cccd',
    'cmnd',
    'cccd cmnd',
    'so cmnd',
    'so dinh danh',
    'so dinh danh ca nhan',
    'can cuoc',
    'so can cuoc',
    'cmnd cccd',
  ],
  bhytCard: ['so the bhyt', 'ma the bhyt', 'bhyt', 'the bhyt', 'so bhyt'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'dien thoai lien he'],
  address: [
    'dia chi',
    'noi o',
    'noi o hien tai',
    'thon',
    'to dan pho',
    'so nha',
    'dia chi thuong tru',
    'thon to',
  ],
  commune: ['xa', 'phuong', 'xa phuong', 'ma xa', 'xa phuong thi tran', 'ma xa phuong'],
  ethnicity: ['dan toc'],
  motherName: ['ho ten me', 'ten me', 'me', 'ho va ten me', 'ho ten me nguoi cham soc'],
  vaccine: ['ten vac xin', 'loai vac xin', 'vac xin', 'vaccine', 'khang nguyen', 'ten vaccine'],
  dose: ['mui', 'mui tiem', 'mui thu', 'lan tiem', 'so mui', 'mui so'],
  vaccinationDate: ['ngay tiem', 'ngay tiem chung', 'thoi gian tiem', 'ngay tiem vac xin'],
  lot: ['so lo', 'lo vac xin', 'lo', 'so lo vac xin'],
  facility: ['co so tiem', 'noi tiem', 'don vi tiem', 'diem tiem', 'co so tiem chung', 'don vi tiem chung'],
};

const folded = (text: string) =>
  ` ${searchKey(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** The field a header names and how specific the match is (the phrase's length); undefined when none. */
function fieldOfHeader(header: string): { field: ImportField; length: number } | undefined {
  const text = folded(header);
  let best: { field: ImportField; length: number; exact: boolean } | undefined;
  for (const field of importFields) {
    for (const phrase of HEADERS[field]) {
      if (!text.includes(` ${phrase} `)) continue;
      const exact = text.trim() === phrase;
      if (
        best === undefined ||
        (exact && !best.exact) ||
        (exact === best.exact && phrase.length > best.length)
      )
        best = { field, length: phrase.length, exact };
    }
  }
  return best;
}

/** Columns to fields by their headers: each column names at most one field, each field takes its best column. */
export function mapColumns(headers: readonly string[]): ColumnMapping {
  const candidates = headers
    .map((header, column) => ({ column, match: fieldOfHeader(header) }))
    .filter(
      (c): c is { column: number; match: { field: ImportField; length: number } } => c.match !== undefined,
    )
    .sort((a, b) => b.match.length - a.match.length || a.column - b.column);
  const mapping: ColumnMapping = {};
  for (const { column, match } of candidates) mapping[match.field] ??= column;
  return mapping;
}

/** Rows searched for the header row: exports often carry a title, a unit and a date above it. */
const HEADER_SEARCH_ROWS = 20;

/**
 * The header row of a sheet: among its first rows, the one whose cells name the most fields (two at least; the
 * first such row on a tie), with its mapping. Undefined when no row names two fields: the person maps by hand.
 */
export function findHeaderRow(
  rows: readonly SheetRow[],
): { line: number; mapping: ColumnMapping } | undefined {
  let best: { line: number; mapping: ColumnMapping; count: number } | undefined;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const mapping = mapColumns(row.cells);
    const count = Object.keys(mapping).length;
    if (count >= 2 && (best === undefined || count > best.count)) best = { line: row.line, mapping, count };
  }
  return best === undefined ? undefined : { line: best.line, mapping: best.mapping };
}

/** The preset a header row fits best: the one with all its required fields mapped and the most fields in all. */
export function presetOf(mapping: ColumnMapping): ImportPresetName | undefined {
  const fits = (Object.keys(importPresets) as ImportPresetName[])
    .filter((name) => importPresets[name].required.every((field) => mapping[field] !== undefined))
    .map((name) => {
      const preset: ImportPreset = importPresets[name];
      return {
        name,
        score: [...preset.required, ...preset.optional].filter((f) => mapping[f] !== undefined).length,
      };
    })
    .sort((a, b) => b.score - a.score);
  return fits[0]?.name;
}
