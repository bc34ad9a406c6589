import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fromBufferPromise, type Entry, type ZipFile as ZipReader } from 'yauzl';
import { ZipFile as ZipWriter } from 'yazl';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { nextZipEntry } from '../zip/next-zip-entry.ts';
import { importIssue, type ImportIssueCode } from './import-issues.ts';
import type { SheetRow } from './sheet-row.ts';

export type XlsxLimits = {
  /** Decompressed bytes of the parts read (workbook, styles, shared strings, worksheets). */
  readonly maxPartBytes: number;
  /** A part larger than `suspiciousAbove` that inflates more than this many times is a bomb, not a sheet. */
  readonly maxCompressionRatio: number;
  readonly suspiciousAbove: number;
};

/**
 * A sheet of a million rows and a dozen columns is about 0.5 GB of XML, compressed 10–30 times; deflate cannot
 * compress more than about 1,030 times, so a part that does it is made of one repeated byte.
 */
export const defaultXlsxLimits: XlsxLimits = {
  maxPartBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 500,
  suspiciousAbove: 10 * 1024 * 1024,
};

/** The parts the reader needs, in the order it needs them: relationships and shared strings before any sheet. */
const PARTS_FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

type Opened = { readonly zip: ZipReader; readonly parts: readonly Entry[] };

/** Opens the archive and checks every part it will read against the limits, from the central directory only. */
async function openChecked(buffer: Buffer, limits: XlsxLimits): Promise<Result<Opened, ImportIssueCode>> {
  let zip: ZipReader;
  try {
    zip = await fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    return fail(
      importIssue('xlsx-unreadable', { detail: error instanceof Error ? error.message : String(error) }),
    );
  }
  const wanted = new Map<string, Entry>();
  try {
    for (let entry = await nextZipEntry(zip); entry !== undefined; entry = await nextZipEntry(zip)) {
      if (PARTS_FIRST.includes(entry.fileName) || WORKSHEET.test(entry.fileName))
        wanted.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    return fail(
      importIssue('xlsx-unreadable', { detail: error instanceof Error ? error.message : String(error) }),
    );
  }
  const sheets = [...wanted.values()]
    .filter((entry) => WORKSHEET.test(entry.fileName))
    .sort((a, b) => sheetNumber(a) - sheetNumber(b));
  const parts = [...PARTS_FIRST.flatMap((name) => wanted.get(name) ?? []), ...sheets];
  const refuse = (code: Result<never, ImportIssueCode>) => {
    zip.close();
    return code;
  };
  if (!wanted.has('xl/workbook.xml') || sheets.length === 0)
    return refuse(
      fail(importIssue('xlsx-unreadable', { detail: 'không có xl/workbook.xml hay trang tính' })),
    );
  let total = 0;
  for (const part of parts) {
    total += part.uncompressedSize;
    const ratio = part.uncompressedSize / Math.max(1, part.compressedSize);
    if (part.uncompressedSize > limits.suspiciousAbove && ratio > limits.maxCompressionRatio) {
      return refuse(
        fail(importIssue('xlsx-suspicious-compression', { entry: part.fileName, ratio: Math.round(ratio) })),
      );
    }
    if (total > limits.maxPartBytes)
      return refuse(fail(importIssue('xlsx-too-large', { limit: limits.maxPartBytes })));
  }
  return ok({ zip, parts });
}

const sheetNumber = (entry: Entry) => Number(WORKSHEET.exec(entry.fileName)?.[1] ?? 0);

/**
 * The same workbook re-packed in reading order. exceljs's streaming reader writes any worksheet that comes before the
 * shared strings to a temporary file, and Excel often stores them after: that would put the sheet's personal data on
 * disk in clear. Re-packed (deflate level 1, in memory, part by part), the shared strings come first.
 */
function inReadingOrder(opened: Opened): Readable {
  const writer = new ZipWriter();
  for (const part of opened.parts) {
    writer.addReadStreamLazy(part.fileName, { compressionLevel: 1 }, (callback) => {
      opened.zip.openReadStream(part, (error, stream) => {
        callback(error, stream);
      });
    });
  }
  writer.end();
  const output = new PassThrough();
  writer.outputStream.pipe(output);
  output.on('close', () => {
    opened.zip.close();
  });
  return output;
}

/** The text of one cell as exceljs gives it: dates as yyyy-mm-dd (with the time when there is one), numbers plain. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16);
  }
  if ('richText' in value)
    return value.richText
      .map((run) => run.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('hyperlink' in value) return cellText(value.text);
  return '';
}

/**
 * The rows of an XLSX workbook's first sheet that has any, streamed (exceljs's streaming reader: shared strings and
 * styles cached, the sheet never loaded whole), after the archive is checked part by part from its directory (a bomb
 * is refused before a byte is inflated). Blank rows are skipped; a merged range's value is in its first cell only.
 * Each row carries its row number in the sheet; a sheet that cannot be read ends the rows with `xlsx-unreadable`.
 */
export async function readXlsxRows(
  buffer: Buffer,
  limits: XlsxLimits = defaultXlsxLimits,
): Promise<Result<AsyncIterable<Result<SheetRow, ImportIssueCode>>, ImportIssueCode>> {
  const opened = await openChecked(buffer, limits);
  if (!opened.ok) return opened;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(inReadingOrder(opened.value), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  async function* rows(): AsyncGenerator<Result<SheetRow, ImportIssueCode>> {
    let emitted = false;
    try {
      for await (const worksheet of reader) {
        for await (const row of worksheet) {
          const values = Array.isArray(row.values) ? row.values.slice(1) : [];
          const cells = Array.from(values, (value) => cellText(value));
          if (cells.every((cell) => cell === '')) continue;
          emitted = true;
          yield ok({ line: row.number, cells });
        }
        if (emitted) return;
      }
      yield fail(importIssue('xlsx-no-sheet'));
    } catch (error) {
      yield fail(
        importIssue('xlsx-unreadable', { detail: error instanceof Error ? error.message : String(error) }),
      );
    }
  }
  return ok(rows());
}
