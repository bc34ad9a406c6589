import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { detectCsvDelimiter, type CsvDelimiter } from './csv-delimiter.ts';
import { decodeTextLines, type TextChoice, type TextReport } from './decode-text.ts';
import { importIssue, type ImportIssueCode } from './import-issues.ts';
import type { SheetRow } from './sheet-row.ts';

export type CsvReport = TextReport & { readonly delimiter: CsvDelimiter };

/** Lines read to guess the delimiter before parsing starts. */
const DELIMITER_SAMPLE = 50;

/**
 * The rows of a CSV file, streamed (csv-parse, chosen as the maintained streaming parser of the node-csv project
 * that handles quoted fields across lines, doubled quotes and ragged rows): the text decoded by `decodeTextLines`
 * (UTF-8 with or without BOM, UTF-16, TCVN3, VNI, Windows-1252, or a mix), the delimiter detected, rows of blank
 * cells skipped, rows with fewer or more cells kept as they are. Each row carries the line it starts on. A quoting
 * error ends the rows with `csv-unreadable` at its line; rows before it are kept.
 */
export async function readCsvRows(
  source: AsyncIterable<Uint8Array>,
  choice: TextChoice,
): Promise<{ rows: AsyncIterable<Result<SheetRow, ImportIssueCode>>; report: () => CsvReport }> {
  const decoded = await decodeTextLines(source, choice);
  const iterator = decoded.lines[Symbol.asyncIterator]();
  const first: string[] = [];
  let ended = false;
  while (first.length < DELIMITER_SAMPLE) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    first.push(next.value);
  }
  const delimiter = detectCsvDelimiter(first);
  async function* text(): AsyncGenerator<string> {
    for (const line of first) yield `${line}\n`;
    if (ended) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next())
      yield `${next.value}\n`;
  }
  const skipped: { code: string; lines: number; message: string }[] = [];
  const parser = Readable.from(text()).pipe(
    parse({
      delimiter,
      bom: false,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // A record that cannot be read is reported after the others, which are all kept.
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error !== undefined)
          skipped.push({ code: error.code, lines: Number(error.lines), message: error.message });
      },
    }),
  );
  async function* rows(): AsyncGenerator<Result<SheetRow, ImportIssueCode>> {
    let lastLine = 0;
    for await (const entry of parser) {
      const { record, info } = entry as { record: string[]; info: { lines: number } };
      lastLine = info.lines;
      yield ok({ line: info.lines - countNewlines(record), cells: record.map((cell) => cell.trim()) });
    }
    for (const error of skipped) {
      // An unclosed quote swallows the rest of the file: the line to fix is the one after the last row read.
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : error.lines;
      yield fail(importIssue('csv-unreadable', { line, detail: error.message }));
    }
  }
  return { rows: rows(), report: () => ({ ...decoded.report(), delimiter }) };
}

/** Line breaks inside a record's quoted cells (a record ends on `info.lines`; it starts this many lines earlier). */
function countNewlines(record: readonly string[]): number {
  let count = 0;
  for (const cell of record) for (const char of cell) if (char === '\n') count += 1;
  return count;
}
