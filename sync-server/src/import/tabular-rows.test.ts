import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fromBufferPromise } from 'yauzl';
import { ZipFile as ZipWriter } from 'yazl';
import { describe, expect, it } from 'vitest';
import type { Result } from '#shared/errors/result.ts';
import { encodeWith } from '#shared/text/legacy-tables.test-support.ts';
import { nextZipEntry } from '../zip/next-zip-entry.ts';
import { readCsvRows } from './csv-rows.ts';
import type { TextChoice } from './decode-text.ts';
import { sniffFileKind } from './file-kind.ts';
import type { SheetRow } from './sheet-row.ts';
import { readXlsxRows } from './xlsx-rows.ts';

const HEADER = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Địa chỉ'];
const PEOPLE = [
  ['Nguyễn Văn Đức', '12/03/1985', 'Nam', '001085012345', 'Số 5, ngõ 12 Đội Cấn'],
  ['Trần Thị Hồng Nhung', '01/11/1990', 'Nữ', '001190054321', 'Thôn Đoài, xã Phù Đổng'],
  ['LÊ THỊ THỦY', '23/07/1978', 'Nữ', '', 'Ngõ 3 Yên Lãng'],
];

/** A fixture's bytes in a legacy encoding (the independent letter tables of shared/text's tests). */
const tcvn3Bytes = (text: string) => Buffer.from(encodeWith(text, 'tcvn3'), 'latin1');
const vniBytes = (text: string) => Buffer.from(encodeWith(text, 'vni'), 'latin1');

const csvLine = (cells: readonly string[], delimiter: string) =>
  cells.map((cell) => (cell.includes(delimiter) ? `"${cell}"` : cell)).join(delimiter);
const csvText = (delimiter: string, eol = '\r\n') =>
  [HEADER, ...PEOPLE].map((cells) => csvLine(cells, delimiter)).join(eol) + eol;

/** A byte stream in small chunks, as an upload arrives (and so lines and characters split across chunks). */
const chunked = (bytes: Buffer, size = 7): AsyncIterable<Uint8Array> =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

async function collect(rows: AsyncIterable<Result<SheetRow>>) {
  const ok: SheetRow[] = [];
  const failed: string[] = [];
  const messages: string[] = [];
  for await (const row of rows) {
    if (row.ok) ok.push(row.value);
    else {
      failed.push(row.errors[0].code);
      messages.push(row.errors[0].message);
    }
  }
  return { rows: ok, failed, messages };
}

async function csv(bytes: Buffer, choice: TextChoice = 'auto') {
  const read = await readCsvRows(chunked(bytes), choice);
  const result = await collect(read.rows);
  return { ...result, report: read.report() };
}

const EXPECTED = [HEADER, ...PEOPLE];

describe('reading CSV files', () => {
  it('reads UTF-8 with or without BOM, separated by commas, semicolons, tabs or bars', async () => {
    for (const delimiter of [',', ';', '\t', '|']) {
      const text = csvText(delimiter);
      for (const bytes of [
        Buffer.from(text),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      ]) {
        const read = await csv(bytes);
        expect(
          read.rows.map((row) => row.cells),
          JSON.stringify(delimiter),
        ).toEqual(EXPECTED);
        expect(read.report).toMatchObject({ bytes: 'utf-8', delimiter, textEncoding: 'unicode' });
      }
    }
  });

  it('reads UTF-16 with its BOM (Excel’s "Unicode text") and without one', async () => {
    const text = csvText('\t');
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [bytes, order] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
      [Buffer.from(text, 'utf16le'), 'utf-16le'],
    ] as const) {
      const read = await csv(bytes);
      expect(
        read.rows.map((row) => row.cells),
        order,
      ).toEqual(EXPECTED);
      expect(read.report.bytes).toBe(order);
    }
  });

  it('turns a TCVN3 or VNI file into the same NFC text as its Unicode original, detected or chosen', async () => {
    const text = csvText(',');
    for (const [bytes, encoding] of [
      [tcvn3Bytes(text), 'tcvn3'],
      [vniBytes(text), 'vni'],
    ] as const) {
      for (const choice of ['auto', encoding] as const) {
        const read = await csv(bytes, choice);
        expect(
          read.rows.map((row) => row.cells),
          `${encoding} ${choice}`,
        ).toEqual(EXPECTED);
        expect(read.report).toMatchObject({ bytes: 'single-byte', byteEncoding: encoding });
      }
    }
    // TCVN3 text re-saved as UTF-8 ("NguyÔn" in UTF-8 bytes) is converted too.
    const resaved = Buffer.from(tcvn3Bytes(text).toString('latin1'), 'utf8');
    const read = await csv(resaved);
    expect(read.rows.map((row) => row.cells)).toEqual(EXPECTED);
    expect(read.report).toMatchObject({ bytes: 'utf-8', textEncoding: 'tcvn3' });
  });

  it('keeps every line of a file appended to in two programs (UTF-8 and TCVN3 lines), and says it was mixed', async () => {
    const [header, first, second, third] = csvText(',').split('\r\n');
    const bytes = Buffer.concat([
      Buffer.from(`${header}\r\n${first}\r\n`),
      tcvn3Bytes(`${second}\r\n${third}\r\n`),
    ]);
    const read = await csv(bytes);
    expect(read.rows.map((row) => row.cells)).toEqual(EXPECTED);
    expect(read.report).toMatchObject({
      bytes: 'mixed',
      textEncoding: 'unicode',
      byteEncoding: 'tcvn3',
      singleByteLines: 2,
    });
  });

  it('keeps quoted delimiters and line breaks, skips blank lines, keeps ragged rows, and numbers each row by its line', async () => {
    const text = 'Họ tên;Ghi chú\n\nAn;"Ho, sốt; ""nặng""\ntừ hôm qua"\n;;\nBình\nChi;a;b\n';
    const read = await csv(Buffer.from(text));
    expect(read.rows).toEqual([
      { line: 1, cells: ['Họ tên', 'Ghi chú'] },
      { line: 3, cells: ['An', 'Ho, sốt; "nặng"\ntừ hôm qua'] },
      { line: 6, cells: ['Bình'] },
      { line: 7, cells: ['Chi', 'a', 'b'] },
    ]);
  });

  it('ends with a clear refusal at a quote that never closes, keeping the rows before it', async () => {
    const read = await csv(Buffer.from('Họ tên,Ghi chú\nAn,ổn\nBình,"chưa đóng\nChi,ổn\n'));
    expect(read.rows.map((row) => row.cells[0])).toEqual(['Họ tên', 'An']);
    expect(read.failed).toEqual(['csv-unreadable']);
    expect(read.messages[0]).toContain('dòng 3');
  });
});

async function workbookBuffer(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Danh sách'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same archive with its parts in another order (as Excel writes them: shared strings after the sheets). */
async function reordered(buffer: Buffer, first: (name: string) => boolean): Promise<Buffer> {
  const zip = await fromBufferPromise(buffer, { lazyEntries: true });
  const entries = [];
  for (let entry = await nextZipEntry(zip); entry !== undefined; entry = await nextZipEntry(zip))
    if (!entry.fileName.endsWith('/')) entries.push(entry);
  const writer = new ZipWriter();
  for (const entry of [
    ...entries.filter((e) => first(e.fileName)),
    ...entries.filter((e) => !first(e.fileName)),
  ]) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    writer.addBuffer(Buffer.concat(chunks), entry.fileName);
  }
  writer.end();
  const out: Buffer[] = [];
  for await (const chunk of writer.outputStream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

async function xlsx(buffer: Buffer) {
  const opened = await readXlsxRows(buffer);
  if (!opened.ok) return { rows: [], failed: [opened.errors[0].code], messages: [opened.errors[0].message] };
  return collect(opened.value);
}

describe('reading XLSX workbooks', () => {
  const fixture = () =>
    workbookBuffer((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow([]);
      sheet.addRow(['Nguyễn Văn Đức', new Date(Date.UTC(1985, 2, 12)), 'Nam', 1085012345, 'Đội Cấn']);
      sheet.addRow([
        'Trần Thị Hồng Nhung',
        32813,
        'Nữ',
        '001190054321',
        { richText: [{ text: 'Thôn ' }, { text: 'Đoài' }] },
      ]);
      sheet.addRow(['', null, '', '', '']);
      sheet.addRow([
        'Lê Thị Thủy',
        '23/07/1978',
        'Nữ',
        { formula: '"0011"&"78000111"', result: '001178000111' },
        'Ỷ La',
      ]);
      sheet.mergeCells('E6:E7');
      sheet.addRow(['Phạm Quốc Việt', '01/01/2001', 'Nam', '', '']);
      sheet.getCell('B3').numFmt = 'dd/mm/yyyy';
    });

  it('streams the first sheet’s rows as text: dates, numbers as typed, rich text, formulas’ results, blank rows skipped', async () => {
    const read = await xlsx(await fixture());
    expect(read.failed).toEqual([]);
    expect(read.rows).toEqual([
      { line: 1, cells: HEADER },
      { line: 3, cells: ['Nguyễn Văn Đức', '1985-03-12', 'Nam', '1085012345', 'Đội Cấn'] },
      { line: 4, cells: ['Trần Thị Hồng Nhung', '32813', 'Nữ', '001190054321', 'Thôn Đoài'] },
      { line: 6, cells: ['Lê Thị Thủy', '23/07/1978', 'Nữ', '001178000111', 'Ỷ La'] },
      // A merged range's value is in its first cell only (row 7, merged into E6, is blank); trailing blanks dropped.
      { line: 8, cells: ['Phạm Quốc Việt', '01/01/2001', 'Nam'] },
    ]);
  });

  it('reads a workbook whose shared strings come after its sheets, as Excel stores them', async () => {
    const buffer = await reordered(await fixture(), (name) => name.startsWith('xl/worksheets/'));
    const read = await xlsx(buffer);
    expect(read.rows.map((row) => row.cells[0])).toEqual([
      'Họ và tên',
      'Nguyễn Văn Đức',
      'Trần Thị Hồng Nhung',
      'Lê Thị Thủy',
      'Phạm Quốc Việt',
    ]);
  });

  it('refuses a ZIP bomb posing as a workbook from its directory, before inflating it', async () => {
    const writer = new ZipWriter();
    writer.addBuffer(Buffer.from('<workbook/>'), 'xl/workbook.xml');
    writer.addBuffer(Buffer.alloc(64 * 1024 * 1024, 0x20), 'xl/worksheets/sheet1.xml', {
      compressionLevel: 9,
    });
    writer.end();
    const chunks: Buffer[] = [];
    for await (const chunk of writer.outputStream) chunks.push(chunk as Buffer);
    const bomb = Buffer.concat(chunks);
    expect(bomb.length).toBeLessThan(200_000);
    expect((await xlsx(bomb)).failed).toEqual(['xlsx-suspicious-compression']);
    expect(
      (
        await readXlsxRows(await fixture(), {
          maxPartBytes: 1000,
          maxCompressionRatio: 500,
          suspiciousAbove: 1e9,
        })
      ).ok,
    ).toBe(false);
  });

  it('says so when no sheet has a row', async () => {
    expect((await xlsx(await workbookBuffer(() => undefined))).failed).toEqual(['xlsx-no-sheet']);
  });

  it('refuses what is not a workbook with a clear code', async () => {
    expect((await xlsx(Buffer.from('PK\x03\x04 not really a zip'))).failed).toEqual(['xlsx-unreadable']);
  });
});

describe('telling what a file is', () => {
  it('by its bytes, not its name', () => {
    expect(sniffFileKind(Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(sniffFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('xls');
    expect(sniffFileKind(Buffer.from('%PDF-1.7\n'))).toBe('unknown');
    expect(sniffFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe('unknown');
    expect(sniffFileKind(Buffer.from(csvText(',')))).toBe('text');
    expect(sniffFileKind(tcvn3Bytes(csvText(',')))).toBe('text');
    expect(sniffFileKind(Buffer.from(csvText('\t'), 'utf16le'))).toBe('text');
    expect(sniffFileKind(Buffer.from([0x41, 0, 0, 0x42, 0x43, 0]))).toBe('unknown');
  });
});
