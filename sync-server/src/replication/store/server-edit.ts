import { createHlc, serializeHlc } from '#shared/clock/hlc.ts';
import { stampWrite } from '#shared/merge/stamp-write.ts';
import type { Principal } from '../../auth/principal.ts';
import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import type { ReplicatedDocument } from '../replicated-collection.ts';
import { scopeUnitIds } from '../replication-scope.ts';
import { decryptDocument } from './client-document.ts';
import { lockDocuments, type StoredDocument } from './document-store.ts';
import { planConsequences, type RecordTransaction, type WritePlan } from './record-commit.ts';

type Stamped = ReplicatedDocument & { readonly stamps: Readonly<Record<string, string>> };

/** One stored document an admin may edit: its locked row and what it holds, decrypted. */
export type EditableDocument = { readonly row: StoredDocument; readonly doc: ReplicatedDocument };

/**
 * The server's own edit of one stored document by an admin (a district correcting a death, coding a diagnosis), inside
 * a transaction of the record's commit path. `lock` finds the live document only inside the admin's subtree (so an
 * edit never reaches past the admin's scope). `write` stamps the changed field groups with a server HLC and credits
 * the admin (as a station's write would be), validates, encrypts and writes it with its consequences (`onAccepted`);
 * every station that holds the document has it at its next sync. An invalid result is a bug in the caller and throws,
 * rolling the transaction back. The caller audits.
 */
export type ServerEdit = {
  lock(
    record: RecordTransaction,
    collection: string,
    id: string,
    admin: Principal,
  ): Promise<EditableDocument | undefined>;
  write<D extends Stamped>(
    record: RecordTransaction,
    edit: {
      readonly collection: string;
      readonly row: StoredDocument;
      readonly before: D;
      readonly after: D;
      readonly fieldGroups: Readonly<Record<string, readonly string[]>>;
      readonly admin: Principal;
      readonly at: Date;
    },
  ): Promise<D>;
};

export function createServerEdit(deps: {
  readonly cipher: DocumentCipher;
  readonly registry: CollectionRegistry;
  readonly clock: { now(): Date };
}): ServerEdit {
  const hlc = createHlc({ node: 'server', now: () => deps.clock.now().getTime() });
  return {
    async lock(record, collection, id, admin) {
      const row = (await lockDocuments(record.tx, collection, [id])).get(id);
      if (row === undefined || row.deleted) return undefined;
      const subtree = await scopeUnitIds(record.tx, { kind: 'subtree', rootUnitId: admin.orgUnitId });
      if (!subtree.has(row.scopeUnitId)) return undefined;
      return { row, doc: decryptDocument(deps.cipher, row.keyId, row.body) };
    },

    async write(record, edit) {
      const collection = deps.registry.get(edit.collection);
      if (collection === undefined) throw new Error(`unknown collection ${edit.collection}`);
      const stamped = stampWrite(
        edit.before,
        edit.after,
        edit.fieldGroups,
        serializeHlc(hlc.now()),
        edit.at.toISOString(),
        edit.admin.userName,
      );
      const valid = collection.validate(stamped);
      if (!valid.ok) throw new Error(`server edit produced an invalid document: ${valid.errors[0].code}`);
      const sealed = deps.cipher.encrypt(valid.value);
      const plan: WritePlan = new Map([
        [
          collection.name,
          [
            {
              id: edit.row.id,
              scopeUnitId: edit.row.scopeUnitId,
              personId: edit.row.personId,
              deleted: false,
              keyId: sealed.keyId,
              body: sealed.body,
            },
          ],
        ],
      ]);
      await planConsequences(record.tx, deps, collection, [valid.value], edit.admin, edit.at, plan);
      await record.write(plan, edit.at);
      return stamped;
    },
  };
}
