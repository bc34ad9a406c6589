import { eq } from 'drizzle-orm';
import { createHlc, serializeHlc } from '#shared/clock/hlc.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { stampWrite } from '#shared/merge/stamp-write.ts';
import {
  encounterFieldGroups,
  immunizationFieldGroups,
  mergeablePersonGroups,
  personFieldGroups,
  type MergeablePersonGroup,
} from '#shared/schemas/field-groups.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database, Transaction } from '../db/database.ts';
import { duplicateCandidates } from '../db/schema/duplicates.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { CollectionRegistry } from '../replication/collection-registry.ts';
import {
  lockDocuments,
  lockDocumentsOfPerson,
  type StoredDocument,
} from '../replication/store/document-store.ts';
import type { EvictionReason } from '../replication/store/eviction-reason.ts';
import type { ReplicatedDocument } from '../replication/replicated-collection.ts';
import { scopeUnitIds } from '../replication/replication-scope.ts';
import {
  planConsequences,
  plannedWritesOf,
  type RecordCommit,
  type RecordTransaction,
  type WritePlan,
} from '../replication/store/record-commit.ts';
import { duplicateIssue, type DuplicateIssueCode } from './duplicate-issues.ts';

/** The field groups an admin chooses between when merging (shared with the console). */
export const mergeableGroups = mergeablePersonGroups;
export type MergeableGroup = MergeablePersonGroup;

/** Per field group, whose value the survivor keeps: its own (default) or the other record's. */
export type MergeChoice = Partial<Record<MergeableGroup, 'survivor' | 'other'>>;

/** `target` with `fields` as they are in `source` (a field absent there is absent in the result). */
function withFieldsOf(target: Person, source: Person, fields: readonly string[]): Person {
  const taken = new Set(fields);
  const from = source as Readonly<Record<string, unknown>>;
  return Object.fromEntries([
    ...Object.entries(target).filter(([field]) => !taken.has(field)),
    ...fields.flatMap((field) => (from[field] === undefined ? [] : [[field, from[field]] as const])),
  ]) as Person;
}

/** The field groups of the person-record collections, to stamp a record's change of owner. */
const recordFieldGroups: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  encounters: encounterFieldGroups,
  immunizations: immunizationFieldGroups,
};

/** What a merge changed, kept encrypted on the candidate so that it can be undone. */
type BeforeImages = {
  readonly survivor: Person;
  readonly loser: Person;
  readonly takenGroups: readonly MergeableGroup[];
  readonly records: readonly { readonly collection: string; readonly id: string }[];
};

export type MergeOutcome = {
  readonly survivorId: string;
  readonly loserId: string;
  readonly takenGroups: readonly MergeableGroup[];
  readonly repointed: number;
};

/**
 * Merging two records of one resident (Art. 8.2d, 13.5), one transaction: the survivor takes the chosen
 * field groups from the other record (never its health ID), the other becomes a redirect (`status: merged`,
 * `mergedInto`) managed where the survivor is, and every encounter and immunization of the redirect is repointed to
 * the survivor. All are written by the server as new versions (new HLC stamps, new sequence numbers), so they reach
 * every replica that holds them, with evictions where a document left a scope. Signed exams and doses are repointed
 * too — only their `personId` changes — which no station could do. Audited; undoable by a city admin, which restores
 * the groups taken, the redirect's own status and unit, and the records' owner, keeping later edits of other fields.
 */
export type DuplicateMerge = {
  merge(
    admin: Principal,
    candidateId: number,
    survivorId: string,
    choice: MergeChoice,
  ): Promise<Result<MergeOutcome, DuplicateIssueCode>>;
  undo(admin: Principal, candidateId: number): Promise<Result<MergeOutcome, DuplicateIssueCode>>;
};

type Write = { collection: string; doc: ReplicatedDocument; before: StoredDocument; reason: EvictionReason };

/** The replication core a merge writes through. */
export type DuplicateMergeCore = {
  db: Database;
  cipher: DocumentCipher;
  audit: AuditLog;
  clock: { now(): Date };
  registry: CollectionRegistry;
  commit: RecordCommit;
};

export function createDuplicateMerge(
  deps: DuplicateMergeCore & {
    /** Whether the admin may decide about the candidate: both residents inside the admin's subtree (the review's check). */
    mayDecide(admin: Principal, candidateId: number): Promise<Result<true, DuplicateIssueCode>>;
  },
): DuplicateMerge {
  const hlc = createHlc({ node: 'server', now: () => deps.clock.now().getTime() });
  const decrypt = (row: StoredDocument) => decryptDocument(deps.cipher, row.keyId, row.body);

  /**
   * Plans `writes` in their scopes (validated, normalized, encrypted), with evictions from scopes they left and the
   * consequences every accepted write has (duplicate detection), and writes them through the record's commit path.
   */
  async function store(record: RecordTransaction, admin: Principal, writes: readonly Write[], at: Date) {
    const persons = deps.registry.personCollection;
    const survivorScopes = new Map<string, string>();
    for (const write of writes)
      if (write.collection === persons?.name)
        survivorScopes.set(String(write.doc['id']), String(write.doc['orgUnitId']));
    const plan: WritePlan = new Map();
    for (const name of [...new Set(writes.map((w) => w.collection))].sort()) {
      const collection = deps.registry.get(name);
      if (collection === undefined) throw new Error(`merge writes to unregistered collection ${name}`);
      const docs: ReplicatedDocument[] = [];
      for (const write of writes.filter((w) => w.collection === name)) {
        const doc = collection.normalize ? collection.normalize(write.doc) : write.doc;
        const valid = collection.validate(doc);
        if (!valid.ok) throw new Error(`merge produced an invalid ${name} document: ${valid.errors[0].code}`);
        docs.push(valid.value);
        const sealed = deps.cipher.encrypt(valid.value);
        const personId = collection.scope.kind === 'person' ? String(doc['id']) : write.before.personId;
        const owner = collection.scope.kind === 'person-record' ? collection.scope.personIdOf(doc) : personId;
        const scopeUnitId =
          collection.scope.kind === 'person'
            ? collection.scope.unitOf(doc)
            : (survivorScopes.get(owner ?? '') ?? write.before.scopeUnitId);
        plannedWritesOf(plan, name).push({
          id: String(doc['id']),
          scopeUnitId,
          personId: owner,
          deleted: false,
          keyId: sealed.keyId,
          body: sealed.body,
          leaves:
            write.before.scopeUnitId === scopeUnitId
              ? undefined
              : { scopeUnitId: write.before.scopeUnitId, reason: write.reason },
        });
      }
      await planConsequences(record.tx, deps, collection, docs, admin, at, plan);
    }
    await record.write(plan, at);
  }

  /** Locks the candidate row and both persons; undefined when the candidate is not there. */
  async function lockPair(tx: Transaction, admin: Principal, candidateId: number) {
    const [candidate] = await tx
      .select()
      .from(duplicateCandidates)
      .where(eq(duplicateCandidates.id, candidateId))
      .for('update');
    if (candidate === undefined) return undefined;
    const persons = await lockDocuments(tx, 'persons', [candidate.personA, candidate.personB]);
    return { candidate, persons };
  }

  async function recordsOf(tx: Transaction, personId: string) {
    const records: { collection: string; row: StoredDocument }[] = [];
    for (const collection of deps.registry.personRecordCollections) {
      for (const row of await lockDocumentsOfPerson(tx, collection.name, personId)) {
        records.push({ collection: collection.name, row });
      }
    }
    return records;
  }

  /** `by`: the admin who merged or undid, credited with the change (`updatedBy`). */
  const stampPerson = (before: Person, after: Person, at: Date, by: string): ReplicatedDocument =>
    stampWrite<Person>(before, after, personFieldGroups, serializeHlc(hlc.now()), at.toISOString(), by);
  /** A record of `collection` given to `personId`, stamped as the server's change of the group holding `personId`. */
  const repointed = (
    collection: string,
    doc: ReplicatedDocument,
    personId: string,
    at: Date,
    by: string,
  ): ReplicatedDocument => {
    const groups = recordFieldGroups[collection];
    if (groups === undefined) throw new Error(`no field groups for ${collection}`);
    type Stamped = { readonly stamps: Readonly<Record<string, string>>; readonly personId: string };
    const before = doc as unknown as Stamped;
    return stampWrite<Stamped>(
      before,
      { ...before, personId },
      groups,
      serializeHlc(hlc.now()),
      at.toISOString(),
      by,
    );
  };

  return {
    async merge(admin, candidateId, survivorId, choice) {
      // Checked before the transaction: with embedded PGlite a second connection would wait for this one forever.
      const allowed = await deps.mayDecide(admin, candidateId);
      if (!allowed.ok) return allowed;
      return deps.commit.transaction(async (record): Promise<Result<MergeOutcome, DuplicateIssueCode>> => {
        const { tx } = record;
        const at = deps.clock.now();
        const pair = await lockPair(tx, admin, candidateId);
        if (pair === undefined) return fail(duplicateIssue('duplicate-not-found', { id: candidateId }));
        const { candidate, persons } = pair;
        if (candidate.state !== 'open') {
          return fail(duplicateIssue('duplicate-already-decided', { state: candidate.state }));
        }
        if (survivorId !== candidate.personA && survivorId !== candidate.personB) {
          return fail(duplicateIssue('duplicate-survivor-invalid', { survivorId }));
        }
        const loserId = survivorId === candidate.personA ? candidate.personB : candidate.personA;
        const survivorRow = persons.get(survivorId);
        const loserRow = persons.get(loserId);
        if (survivorRow === undefined || loserRow === undefined) {
          return fail(duplicateIssue('duplicate-not-found', { id: candidateId }));
        }
        // Where either resident is managed may have changed since the check: a merge that moves a person needs
        // authority over both units, held at the moment both records are locked.
        const units = await scopeUnitIds(tx, { kind: 'subtree', rootUnitId: admin.orgUnitId });
        if (!units.has(survivorRow.scopeUnitId) || !units.has(loserRow.scopeUnitId)) {
          return fail(duplicateIssue('duplicate-not-found', { id: candidateId }));
        }
        const survivor = decrypt(survivorRow) as unknown as Person;
        const loser = decrypt(loserRow) as unknown as Person;
        if (survivor.status === 'merged' || loser.status === 'merged') {
          return fail(duplicateIssue('duplicate-already-decided', { state: 'merged' }));
        }

        const takenGroups = mergeableGroups.filter((group) => choice[group] === 'other');
        // The survivor's health ID stays: it is the one printed on the resident's card.
        const merged = withFieldsOf(
          survivor,
          loser,
          takenGroups.flatMap((group) => personFieldGroups[group]).filter((field) => field !== 'healthId'),
        );
        const redirect: Person = {
          ...loser,
          status: 'merged',
          mergedInto: survivor.id,
          orgUnitId: survivor.orgUnitId,
        };
        const records = await recordsOf(tx, loserId);
        const writes: Write[] = [
          {
            collection: 'persons',
            doc: stampPerson(survivor, merged, at, admin.userName),
            before: survivorRow,
            reason: 'moved',
          },
          {
            collection: 'persons',
            doc: stampPerson(loser, redirect, at, admin.userName),
            before: loserRow,
            reason: 'merged-away',
          },
          ...records.map(({ collection, row }) => {
            return {
              collection,
              doc: repointed(collection, decrypt(row), survivor.id, at, admin.userName),
              before: row,
              reason: 'person-changed' as const,
            };
          }),
        ];
        await store(record, admin, writes, at);
        const images: BeforeImages = {
          survivor,
          loser,
          takenGroups,
          records: records.map(({ collection, row }) => ({ collection, id: row.id })),
        };
        const sealed = deps.cipher.encrypt(images);
        await tx
          .update(duplicateCandidates)
          .set({
            state: 'merged',
            survivorId,
            resolvedAt: at,
            resolvedBy: admin.accountId,
            keyId: sealed.keyId,
            beforeImages: sealed.body,
          })
          .where(eq(duplicateCandidates.id, candidateId));
        await deps.audit.append(tx, {
          action: 'duplicate-merged',
          actorAccountId: admin.accountId,
          targetType: 'person',
          targetId: survivorId,
          orgUnitId: survivor.orgUnitId,
          detail: { candidateId, mergedAway: loserId, takenGroups, repointed: records.length },
        });
        return ok({ survivorId, loserId, takenGroups, repointed: records.length });
      });
    },

    async undo(admin, candidateId) {
      if (admin.role !== 'city-admin') return fail(duplicateIssue('duplicate-undo-city-only'));
      const allowed = await deps.mayDecide(admin, candidateId);
      if (!allowed.ok) return allowed;
      return deps.commit.transaction(async (record): Promise<Result<MergeOutcome, DuplicateIssueCode>> => {
        const { tx } = record;
        const at = deps.clock.now();
        const pair = await lockPair(tx, admin, candidateId);
        if (pair === undefined) return fail(duplicateIssue('duplicate-not-found', { id: candidateId }));
        const { candidate, persons } = pair;
        if (candidate.state !== 'merged' || candidate.keyId === null || candidate.beforeImages === null) {
          return fail(duplicateIssue('duplicate-not-merged', { state: candidate.state }));
        }
        const opened = deps.cipher.decrypt(candidate.keyId, candidate.beforeImages);
        if (!opened.ok) throw new Error(`the merge's before-images cannot be read: ${opened.errors[0].code}`);
        const images = opened.value as BeforeImages;
        const survivorRow = persons.get(images.survivor.id);
        const loserRow = persons.get(images.loser.id);
        if (survivorRow === undefined || loserRow === undefined) {
          return fail(duplicateIssue('duplicate-not-found', { id: candidateId }));
        }
        const survivorNow = decrypt(survivorRow) as unknown as Person;
        const loserNow = decrypt(loserRow) as unknown as Person;
        const restored = withFieldsOf(
          survivorNow,
          images.survivor,
          images.takenGroups.flatMap((group) => personFieldGroups[group]),
        );
        const { mergedInto: _mergedInto, ...loserBase } = loserNow;
        const revived: Person = {
          ...loserBase,
          status: images.loser.status,
          orgUnitId: images.loser.orgUnitId,
          ...(images.loser.movedOutTo === undefined ? {} : { movedOutTo: images.loser.movedOutTo }),
          ...(images.loser.deathDate === undefined ? {} : { deathDate: images.loser.deathDate }),
        };
        const moved = new Set(images.records.map((r) => `${r.collection}:${r.id}`));
        const writes: Write[] = [
          {
            collection: 'persons',
            doc: stampPerson(survivorNow, restored, at, admin.userName),
            before: survivorRow,
            reason: 'moved',
          },
          {
            collection: 'persons',
            doc: stampPerson(loserNow, revived, at, admin.userName),
            before: loserRow,
            reason: 'moved',
          },
        ];
        for (const collection of deps.registry.personRecordCollections) {
          for (const row of await lockDocumentsOfPerson(tx, collection.name, images.survivor.id)) {
            if (!moved.has(`${collection.name}:${row.id}`)) continue;
            writes.push({
              collection: collection.name,
              doc: repointed(collection.name, decrypt(row), images.loser.id, at, admin.userName),
              before: row,
              reason: 'person-changed',
            });
          }
        }
        await store(record, admin, writes, at);
        await tx
          .update(duplicateCandidates)
          .set({
            state: 'open',
            survivorId: null,
            resolvedAt: null,
            resolvedBy: null,
            keyId: null,
            beforeImages: null,
            note: null,
          })
          .where(eq(duplicateCandidates.id, candidateId));
        await deps.audit.append(tx, {
          action: 'duplicate-merge-undone',
          actorAccountId: admin.accountId,
          targetType: 'person',
          targetId: images.survivor.id,
          orgUnitId: survivorNow.orgUnitId,
          detail: { candidateId, revived: images.loser.id, repointed: writes.length - 2 },
        });
        return ok({
          survivorId: images.survivor.id,
          loserId: images.loser.id,
          takenGroups: images.takenGroups,
          repointed: writes.length - 2,
        });
      });
    },
  };
}
