import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type {
  ReplicatedCollection,
  ReplicatedDocument,
  VersionedDocument,
} from '../replicated-collection.ts';

/** A document as RxDB exchanges it: the client fields plus `_deleted`. */
export type ClientDocument = Readonly<Record<string, unknown>> & { readonly _deleted: boolean };

/**
 * The document in the client's shape: only the properties of the client's RxDB schema, plus `_deleted`. RxDB rejects
 * a pulled document with an unknown field and retries it forever, so nothing server-side may ever leak through here.
 */
export function toClientDocument(
  collection: ReplicatedCollection,
  version: VersionedDocument<ReplicatedDocument>,
): ClientDocument {
  const picked: Record<string, unknown> = {};
  for (const field of collection.clientFields) {
    if (version.doc[field] !== undefined) picked[field] = version.doc[field];
  }
  return { ...picked, _deleted: version.deleted };
}

/** The eviction tombstone of `id` in the client's shape. */
export function evictionDocument(collection: ReplicatedCollection, id: string): ClientDocument {
  return toClientDocument(collection, { doc: collection.evictionTombstone(id), deleted: true });
}

/**
 * Splits what a client sent into the document and its deleted flag. RxDB strips `_meta`, `_rev` and `_attachments`
 * before pushing; if a client sends them anyway they stay in the document and the strict validator refuses it.
 */
export function fromClientDocument(input: Readonly<Record<string, unknown>>): {
  readonly doc: Readonly<Record<string, unknown>>;
  readonly deleted: boolean;
  readonly deletedFlagValid: boolean;
} {
  const { _deleted: deleted, ...doc } = input;
  return {
    doc,
    deleted: deleted === true,
    deletedFlagValid: deleted === undefined || typeof deleted === 'boolean',
  };
}

/** Decrypts a stored body; an unreadable body is data corruption or a missing key, never client input: it throws. */
export function decryptDocument(cipher: DocumentCipher, keyId: string, body: Uint8Array): ReplicatedDocument {
  const opened = cipher.decrypt(keyId, body);
  if (!opened.ok) throw new Error(`stored document cannot be decrypted: ${opened.errors[0].code}`);
  const value = opened.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('stored document is not an object');
  }
  return value as ReplicatedDocument;
}
