import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fillWithDefaultSettings,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  type MangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageWriteError,
} from 'rxdb';
import { onTestFinished } from 'vitest';
import type { SqliteRxStorage } from './sqlite-rx-storage.ts';
import type { SqliteRxStorageInstance } from './sqlite-rx-storage-instance.ts';

/** Two distinct 32-byte keys. */
export const TEST_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
export const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

/** A fresh directory, removed when the current test finishes. */
export function tempDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-replica-'));
  onTestFinished(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export type TestDoc = { key: string; value: string; n?: number };

/** RxDB's storage-suite document shape: primary key `key`, an indexed string `value`, an optional number. */
export function testSchema(
  options: { attachments?: boolean; indexes?: string[][] } = {},
): RxJsonSchema<RxDocumentData<TestDoc>> {
  return fillWithDefaultSettings<TestDoc>({
    version: 0,
    type: 'object',
    primaryKey: 'key',
    properties: {
      key: { type: 'string', maxLength: 100 },
      value: { type: 'string', maxLength: 100 },
      n: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 1 },
    },
    required: ['key', 'value'],
    indexes: options.indexes ?? [['value']],
    ...(options.attachments ? { attachments: {} } : {}),
  });
}

/** Creates a storage instance that is closed (if still open) when the current test finishes. */
export async function createTestInstance(
  storage: SqliteRxStorage,
  names: { databaseName?: string; collectionName?: string } = {},
  schema: RxJsonSchema<RxDocumentData<TestDoc>> = testSchema(),
): Promise<SqliteRxStorageInstance<TestDoc>> {
  const instance = await storage.createStorageInstance<TestDoc>({
    databaseInstanceToken: randomToken(10),
    databaseName: names.databaseName ?? 'station',
    collectionName: names.collectionName ?? 'docs',
    schema,
    options: {},
    multiInstance: false,
    devMode: true,
  });
  onTestFinished(() => instance.close());
  return instance;
}

/** The stored document a 409 carries (fails the test for any other error). */
export function conflictDocument(error: RxStorageWriteError<TestDoc> | undefined): RxDocumentData<TestDoc> {
  if (error?.status !== 409) throw new Error(`expected a 409 conflict, got ${String(error?.status)}`);
  return error.documentInDb;
}

let revisionCounter = 0;

/** A stored document as RxDB would write it (`_rev` unique per call). */
export function testDoc(
  key: string,
  value: string,
  extra: { deleted?: boolean; lwt?: number; n?: number; rev?: string } = {},
): RxDocumentData<TestDoc> {
  revisionCounter++;
  return {
    key,
    value,
    ...(extra.n === undefined ? {} : { n: extra.n }),
    _deleted: extra.deleted ?? false,
    _attachments: {},
    _meta: { lwt: extra.lwt ?? 1_700_000_000_000 + revisionCounter },
    _rev: extra.rev ?? `${String(revisionCounter)}-rev${String(revisionCounter)}`,
  };
}

/** The next version of `doc`, as RxDB's update path writes it (new `_rev`, new `lwt`). */
export function nextVersion(
  doc: RxDocumentData<TestDoc>,
  change: Partial<Pick<RxDocumentData<TestDoc>, 'value' | 'n' | '_deleted' | '_attachments'>> & {
    lwt?: number;
  } = {},
): RxDocumentData<TestDoc> {
  const { lwt, ...fields } = change;
  const next = testDoc(doc.key, doc.value, { ...(lwt === undefined ? {} : { lwt }) });
  return { ...doc, ...fields, _rev: next._rev, _meta: next._meta };
}

/** Prepares a query as RxDB does before calling the storage; selectors may name `_deleted`. */
export function preparedQuery(
  schema: RxJsonSchema<RxDocumentData<TestDoc>>,
  query: MangoQuery<RxDocumentData<TestDoc>>,
): PreparedQuery<TestDoc> {
  return prepareQuery(schema, normalizeMangoQuery(schema, query as MangoQuery<TestDoc>));
}
