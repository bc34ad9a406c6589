/** One row of an uploaded sheet or CSV: its line (or row) number in the file, and its cells as text. */
export type SheetRow = { readonly line: number; readonly cells: readonly string[] };
