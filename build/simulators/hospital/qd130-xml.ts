/**
 * SIMULATOR of a hospital's QĐ 130 export (not a real hospital system): writes hồ sơ giám định envelopes the way the
 * hospitals' exporters do (domain-reference §3.2): each table's XML in UTF-8, base64 in NOIDUNGFILE, free text in
 * CDATA. Used by `npm run simulate:hospital`, the intake tests and `bench:intake`.
 */

/** One table row: field name → value as written in the file. */
export type TableRow = Readonly<Record<string, string>>;

/** One hồ sơ as a hospital's system holds it before export: XML1 and the other tables it has. */
export type SimulatedHoso = {
  readonly xml1: TableRow;
  readonly xml2?: readonly TableRow[];
  readonly xml3?: readonly TableRow[];
  readonly xml4?: readonly TableRow[];
  readonly xml5?: readonly TableRow[];
  readonly xml7?: TableRow;
  readonly xml8?: TableRow;
  readonly xml9?: readonly TableRow[];
  readonly xml13?: TableRow;
  readonly xml14?: TableRow;
  /** Extra FILEHOSO items as sent, for deliberately broken hồ sơ (a type twice, base64 that is not). */
  readonly rawFiles?: readonly { readonly type: string; readonly content: string }[];
};

const tables = {
  xml2: ['XML2', 'CHITIEU_CHITIET_THUOC', 'DSACH_CHI_TIET_THUOC', 'CHI_TIET_THUOC'],
  xml3: ['XML3', 'CHITIEU_CHITIET_DVKT_VTYT', 'DSACH_CHI_TIET_DVKT', 'CHI_TIET_DVKT'],
  xml4: ['XML4', 'CHITIEU_CHITIET_DICHVUCANLAMSANG', 'DSACH_CHI_TIET_CLS', 'CHI_TIET_CLS'],
  xml5: [
    'XML5',
    'CHITIEU_CHITIET_DIENBIENLAMSANG',
    'DSACH_CHI_TIET_DIEN_BIEN_BENH',
    'CHI_TIET_DIEN_BIEN_BENH',
  ],
  xml9: ['XML9', 'CHI_TIEU_DU_LIEU_GIAY_CHUNG_SINH', 'DSACH_GIAYCHUNGSINH', 'DU_LIEU_GIAY_CHUNG_SINH'],
} as const;
const singles = {
  xml7: ['XML7', 'CHI_TIEU_DU_LIEU_GIAY_RA_VIEN'],
  xml8: ['XML8', 'CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN'],
  xml13: ['XML13', 'CHI_TIEU_GIAYCHUYENTUYEN'],
  xml14: ['XML14', 'CHI_TIEU_GIAYHEN_KHAMLAI'],
} as const;

/** Fields exporters wrap in CDATA (free text). */
const FREE_TEXT =
  /^(HO_TEN|DIA_CHI|LY_DO|CHAN_DOAN|GHI_CHU|TEN_|DIEN_BIEN|MO_TA|KET_LUAN|QT_BENHLY|TOMTAT|PP_|LIEU_DUNG|CACH_DUNG)/;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fieldXml(name: string, value: string): string {
  if (FREE_TEXT.test(name) && !value.includes(']]>')) return `<${name}><![CDATA[${value}]]></${name}>`;
  return `<${name}>${escapeXml(value)}</${name}>`;
}

function rowXml(element: string, row: TableRow): string {
  return `<${element}>${Object.entries(row)
    .map(([name, value]) => fieldXml(name, value))
    .join('')}</${element}>`;
}

const declaration = '<?xml version="1.0" encoding="utf-8"?>';

/** The XML of one table, as its NOIDUNGFILE carries it (before base64). */
export function tableXml(
  root: string,
  rows: readonly TableRow[],
  list?: { list: string; row: string },
): string {
  if (list === undefined) return `${declaration}${rowXml(root, rows[0] ?? {})}`;
  return `${declaration}<${root}><${list.list}>${rows.map((row) => rowXml(list.row, row)).join('')}</${list.list}></${root}>`;
}

const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

/** The FILEHOSO items of one hồ sơ: each table as base64 of its UTF-8 XML. */
export function hosoFiles(hoso: SimulatedHoso): { type: string; content: string }[] {
  const files = [{ type: 'XML1', content: base64(tableXml('TONG_HOP', [hoso.xml1])) }];
  for (const [key, [type, root, list, row]] of Object.entries(tables)) {
    const rows = hoso[key as keyof typeof tables];
    if (rows !== undefined && rows.length > 0)
      files.push({ type, content: base64(tableXml(root, rows, { list, row })) });
  }
  for (const [key, [type, root]] of Object.entries(singles)) {
    const row = hoso[key as keyof typeof singles];
    if (row !== undefined) files.push({ type, content: base64(tableXml(root, [row])) });
  }
  return [...files, ...(hoso.rawFiles ?? [])];
}

/** A whole hồ sơ giám định (GIAMDINHHS) of one facility, as sent to the gateway and to us. */
export function qd130EnvelopeXml(
  facilityCode: string,
  createdOn: string,
  records: readonly SimulatedHoso[],
): string {
  const hoso = records
    .map(
      (record) =>
        `<HOSO>${hosoFiles(record)
          .map(
            (file) =>
              `<FILEHOSO><LOAIHOSO>${file.type}</LOAIHOSO><NOIDUNGFILE>${file.content}</NOIDUNGFILE></FILEHOSO>`,
          )
          .join('')}</HOSO>`,
    )
    .join('');
  return (
    `${declaration}<GIAMDINHHS xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<THONGTINDONVI><MACSKCB>${escapeXml(facilityCode)}</MACSKCB></THONGTINDONVI>` +
    `<THONGTINHOSO><NGAYLAP>${createdOn}</NGAYLAP><SOLUONGHOSO>${String(records.length)}</SOLUONGHOSO>` +
    `<DANHSACHHOSO>${hoso}</DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>`
  );
}
