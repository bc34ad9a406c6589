import {
  getIndexMeta,
  getPrimaryFieldOfPrimaryKey,
  getSchemaByObjectPath,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  objectPathMonad,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { indexKey } from './index-key.ts';

/** A query plan's bound on one index: one value per index field, as RxDB's query planner writes them. */
export type IndexBound = readonly (string | number | boolean | null | undefined)[];

/**
 * One schema index stored as a BLOB column of index keys (see `index-key.ts`): the key of a document, and the keys of
 * a query plan's lower and upper bounds, all in the same byte order as RxDB's indexable strings.
 */
export type IndexColumn<RxDocType> = {
  readonly column: string;
  readonly fields: readonly string[];
  readonly keyOf: (doc: RxDocumentData<RxDocType>) => Buffer;
  readonly lowerKey: (bound: IndexBound) => Buffer;
  readonly upperKey: (bound: IndexBound) => Buffer;
};

/**
 * The index columns of a table: one per schema index (`ix0…ixN`, in schema order), except RxDB's default
 * `['_meta.lwt', primaryKey]` index, which only RxDB's fallback for `getChangedDocumentsSince` would query; this
 * storage pages changes by its write counter instead. A query planned on an index without a column scans the table.
 */
export function indexColumns<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
): IndexColumn<RxDocType>[] {
  const changesIndex = `_meta.lwt,${getPrimaryFieldOfPrimaryKey(schema.primaryKey)}`;
  return (schema.indexes ?? [])
    .map((index) => (typeof index === 'string' ? [index] : [...index]))
    .filter((fields) => fields.join(',') !== changesIndex)
    .map((fields, i) => indexColumn(schema, fields, `ix${String(i)}`));
}

function indexColumn<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  fields: string[],
  column: string,
): IndexColumn<RxDocType> {
  const parts = fields.map((field) => fieldPart(schema, field));
  const boundParts = (bound: IndexBound, side: typeof getStartIndexStringFromLowerBound): string[] =>
    fields.map((field, i) => side(schema, [field], [bound[i]]));
  return {
    column,
    fields,
    keyOf: (doc) => indexKey(parts.map((part) => part(doc))),
    lowerKey: (bound) => indexKey(boundParts(bound, getStartIndexStringFromLowerBound)),
    upperKey: (bound) => indexKey(boundParts(bound, getStartIndexStringFromUpperBound)),
  };
}

type FieldPart<RxDocType> = (doc: RxDocumentData<RxDocType>) => string;

/**
 * RxDB's string part of one field (`getIndexMeta`), without padding a string: `indexKey` ignores trailing spaces.
 * As in RxDB, a missing string is ''.
 */
function fieldPart<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  field: string,
): FieldPart<RxDocType> {
  if (getSchemaByObjectPath(schema, field).type === 'string') {
    const value = objectPathMonad<RxDocumentData<RxDocType>, string | undefined>(field);
    return (doc) => value(doc) || '';
  }
  const [meta] = getIndexMeta(schema, [field]);
  if (meta === undefined) throw new Error(`no index meta for ${field}`);
  return meta.getIndexStringPart;
}
