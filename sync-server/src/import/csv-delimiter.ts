/** The separators a list exported by Excel, LibreOffice or a legacy program may use. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How many times `delimiter` separates fields of `line`, outside double quotes. */
function fieldsSeparated(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === delimiter) count += 1;
  }
  return count;
}

/**
 * The delimiter of a CSV from its first lines: the one that splits the most lines into the same number of fields
 * (an Excel "CSV" in a Vietnamese locale is separated by semicolons, a tab-separated export by tabs); a comma when
 * nothing separates anything (a one-column list).
 */
export function detectCsvDelimiter(lines: readonly string[]): CsvDelimiter {
  const sample = lines.filter((line) => line.trim() !== '').slice(0, 50);
  let best: { delimiter: CsvDelimiter; consistent: number; fields: number } = {
    delimiter: ',',
    consistent: 0,
    fields: 0,
  };
  for (const delimiter of CSV_DELIMITERS) {
    const counts = sample.map((line) => fieldsSeparated(line, delimiter));
    const tally = new Map<number, number>();
    for (const count of counts) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    for (const [fields, consistent] of tally) {
      if (consistent > best.consistent || (consistent === best.consistent && fields > best.fields))
        best = { delimiter, consistent, fields };
    }
  }
  return best.delimiter;
}
