/**
 * File and table names derived from RxDB's database and collection names.
 *
 * Names come from the application, never from users, but they still never reach the file system or SQL unchecked:
 * every character outside `[a-z0-9-]` (upper case included, because Windows and macOS file systems and SQLite
 * identifiers ignore case) becomes `_` plus its four-digit hex UTF-16 code unit. The mapping is injective, so two
 * names never share a file or a table, and the result is safe in a file name and inside a quoted SQL identifier.
 */
export function escapeName(name: string): string {
  let escaped = '';
  for (let i = 0; i < name.length; i++) {
    const char = name.charAt(i);
    escaped += /[a-z0-9-]/.test(char) ? char : `_${name.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return escaped;
}

/** Longest escaped database name we turn into a file name (file systems cap a name at 255 bytes). */
const MAX_ESCAPED_FILE_NAME = 200;

/** The file holding every collection of one RxDB database, inside the storage's directory. */
export function databaseFileName(databaseName: string): string {
  const escaped = escapeName(databaseName);
  if (escaped.length === 0 || escaped.length > MAX_ESCAPED_FILE_NAME) {
    throw new Error(`RxDB database name cannot become a file name: ${JSON.stringify(databaseName)}`);
  }
  return `${escaped}.db`;
}

/** The document table of one collection at one schema version; its attachments live in `<table>_att`. */
export function documentTableName(collectionName: string, schemaVersion: number): string {
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 0) {
    throw new Error(`invalid RxDB schema version: ${String(schemaVersion)}`);
  }
  return `docs_${escapeName(collectionName)}_v${String(schemaVersion)}`;
}
