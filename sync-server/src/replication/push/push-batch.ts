import type { DocumentCipher } from '../../crypto/document-cipher.ts';
import type { Transaction } from '../../db/database.ts';
import type { ClientDocument } from '../store/client-document.ts';
import { decryptDocument } from '../store/client-document.ts';
import { planCareGrants } from './care-grants.ts';
import type { CollectionRegistry } from '../collection-registry.ts';
import {
  lockDocuments,
  lockPersonScopes,
  personIdsOfDocuments,
  type StoredDocument,
} from '../store/document-store.ts';
import type { EvictionReason } from '../store/eviction-reason.ts';
import {
  decidePushRow,
  parsePushRow,
  type MasterState,
  type ParsedPushRow,
  type PushRowDecision,
} from './push-row.ts';
import type { QuarantineReason } from './quarantine-reason.ts';
import { placementOf, type DocumentPlacement } from '../store/document-placement.ts';
import { pushAuthors } from './push-authors.ts';
import { pushScopeChecks } from './push-scope.ts';
import { lockUniqueKeyHolders, storeUniqueKeys } from '../store/unique-keys.ts';
import type {
  ReplicatedCollection,
  ReplicatedDocument,
  VersionedDocument,
} from '../replicated-collection.ts';
import type { ReplicationScope } from '../replication-scope.ts';
import {
  evictionsIn,
  planConsequences,
  plannedWritesOf,
  type RecordTransaction,
  type WritePlan,
} from '../store/record-commit.ts';
import { planPersonRecordMoves } from './person-record-moves.ts';
import { recordPush } from './push-audit.ts';
import type { PushDependencies, PushRequest } from './push-request.ts';

export type PushOutcome = {
  /** RxDB's push answer: the master state of every row the client must adopt, in row order. */
  readonly conflicts: ClientDocument[];
};

/**
 * Applies one RxDB push batch in one transaction (DESIGN.md §5): rows are validated before the transaction, then the
 * masters are locked (persons first, then the pushed rows, then the sequence counters), each row is decided on its
 * own (`decidePushRow`: one bad row never blocks the others), moves of residents carry their records along with
 * evictions for the scope they left, and accepted writes get sequence numbers in commit order. Quarantines, merges
 * and a summary of the push are audited inside the same transaction, committed through the record's one commit path.
 */
export async function pushBatch(deps: PushDependencies, request: PushRequest): Promise<PushOutcome> {
  const parsed = request.rows.map((row) => parsePushRow(request.collection, row));
  const { conflicts } = await deps.commit.transaction((record) => pushBatchIn(record, deps, request, parsed));
  return { conflicts };
}

/**
 * `pushBatch` inside a record transaction the caller owns, so that what it does with the outcome commits or rolls
 * back with the push (the quarantine review's re-apply resolves its entry in the same transaction).
 * `refusals`: why each quarantined row was refused.
 */
export async function pushBatchIn(
  record: RecordTransaction,
  deps: PushDependencies,
  request: PushRequest,
  parsed: readonly ParsedPushRow[] = request.rows.map((row) => parsePushRow(request.collection, row)),
): Promise<PushOutcome & { readonly refusals: readonly QuarantineReason[] }> {
  const { tx } = record;
  const { collection } = request;
  const ids = parsed.flatMap((p) => (p.id === undefined ? [] : [p.id]));
  const at = deps.clock.now();
  const { scope } = request;
  const personIds = await personIdsOfPush(tx, collection, parsed, ids);
  const personScopes = await lockPersonsOfRecords(tx, deps.registry, collection, personIds, scope);
  const stored = await lockDocuments(tx, collection.name, ids);
  const masters = new Map<string, MasterState>();
  for (const [id, row] of stored) masters.set(id, masterOf(deps.cipher, row));
  const holders = await lockUniqueKeyHolders(
    tx,
    collection,
    parsed.flatMap((p) => (p.ours.ok && !p.ours.value.deleted ? [p.ours.value.doc] : [])),
  );
  const checked = await collection.checkWrites?.(
    tx,
    parsed.flatMap((p) =>
      p.id !== undefined && p.ours.ok && !p.ours.value.deleted
        ? [{ id: p.id, doc: p.ours.value.doc, master: masters.get(p.id)?.doc }]
        : [],
    ),
    request,
  );
  const context = {
    collection,
    writeRefusalOf: (id: string) => checked?.get(id),
    ...(await pushScopeChecks(tx, request, collection, personIds, personScopes)),
    authorKnown: await pushAuthors(tx, request, parsed),
    placementOf: (doc: ReplicatedDocument) => placementOf(collection, personScopes, doc),
    uniqueKeyTaken: (id: string, doc: ReplicatedDocument) => {
      const key = collection.uniqueKey?.keyOf(doc);
      const holder = key === undefined ? undefined : holders.get(key);
      return holder !== undefined && holder !== id;
    },
  };
  const decisions: PushRowDecision[] = [];
  const accepted = new Map<string, VersionedDocument<ReplicatedDocument> & DocumentPlacement>();
  for (const row of parsed) {
    const decision = decidePushRow(context, row, row.id === undefined ? undefined : masters.get(row.id));
    decisions.push(decision);
    if (decision.id !== undefined && decision.write !== undefined) {
      masters.set(decision.id, decision.write);
      accepted.set(decision.id, decision.write);
      // A key taken by an earlier row of this batch is taken for the rows after it.
      const key = decision.write.deleted ? undefined : collection.uniqueKey?.keyOf(decision.write.doc);
      if (key !== undefined) holders.set(key, decision.id);
    }
  }
  await storeUniqueKeys(
    tx,
    collection,
    [...accepted].flatMap(([id, write]) => (write.deleted ? [] : [{ id, doc: write.doc }])),
  );

  const plan: WritePlan = new Map([[collection.name, []]]);
  for (const [id, write] of accepted) {
    const before = stored.get(id);
    const sealed = deps.cipher.encrypt(write.doc);
    const moved = before !== undefined && before.scopeUnitId !== write.scopeUnitId;
    plannedWritesOf(plan, collection.name).push({
      id,
      scopeUnitId: write.scopeUnitId,
      personId: write.personId,
      deleted: write.deleted,
      keyId: sealed.keyId,
      body: sealed.body,
      ...(moved
        ? { leaves: { scopeUnitId: before.scopeUnitId, reason: leaveReason(collection, before, write) } }
        : {}),
    });
  }
  const moves = await planPersonRecordMoves(tx, deps.registry, collection, stored, accepted, plan);
  const approval = request.careApproval;
  const grants =
    approval === undefined
      ? []
      : await planCareGrants(
          tx,
          deps.registry,
          {
            unitId: approval.unitId,
            grantedBy: approval.approvedBy,
            acceptedRecords: acceptedPersons(accepted),
            at,
          },
          plan,
        );

  const live = [...accepted.values()].filter((write) => !write.deleted).map((write) => write.doc);
  await planConsequences(tx, deps, collection, live, request.principal, at, plan);
  // Audited before the write: from the write's sequence lock to the commit nothing else waits.
  await recordPush(tx, deps, request, { decisions, accepted, moves, grants, evicted: evictionsIn(plan) }, at);
  await record.write(plan, at);
  const conflicts = decisions.flatMap((d) => (d.conflict === undefined ? [] : [d.conflict]));
  const refusals = decisions.flatMap((d) => (d.quarantine === undefined ? [] : [d.quarantine.reason]));
  return { conflicts, refusals };
}

function masterOf(cipher: DocumentCipher, row: StoredDocument): MasterState {
  return {
    doc: decryptDocument(cipher, row.keyId, row.body),
    deleted: row.deleted,
    scopeUnitId: row.scopeUnitId,
    personId: row.personId,
  };
}

/**
 * The persons a push concerns: the pushed persons themselves, or for person records those the rows name and those
 * their stored masters belong to.
 */
async function personIdsOfPush(
  tx: Transaction,
  collection: ReplicatedCollection,
  parsed: readonly ReturnType<typeof parsePushRow>[],
  ids: readonly string[],
): Promise<string[]> {
  const rule = collection.scope;
  if (rule.kind === 'person') return [...new Set(ids)];
  if (rule.kind !== 'person-record') return [];
  return [
    ...new Set([
      ...parsed.flatMap((p) => (p.ours.ok ? [rule.personIdOf(p.ours.value.doc)] : [])),
      ...(await personIdsOfDocuments(tx, collection.name, ids)),
    ]),
  ];
}

/**
 * For a collection of person records, locks the persons of the push before the rows themselves and returns their
 * scopes; empty for other collections. `FOR SHARE`, or `FOR UPDATE` for a care scope, whose push may start care
 * relationships and so rewrite the persons.
 */
async function lockPersonsOfRecords(
  tx: Transaction,
  registry: CollectionRegistry,
  collection: ReplicatedCollection,
  personIds: readonly string[],
  scope: ReplicationScope,
): Promise<Map<string, string>> {
  const persons = registry.personCollection;
  if (collection.scope.kind !== 'person-record' || persons === undefined) return new Map();
  return lockPersonScopes(tx, persons.name, personIds, scope.kind === 'care' ? 'update' : 'share');
}

/** Person id → id of the first accepted live record of that person (what starts a care relationship). */
function acceptedPersons(
  accepted: ReadonlyMap<string, VersionedDocument<ReplicatedDocument> & DocumentPlacement>,
): Map<string, string> {
  const persons = new Map<string, string>();
  for (const [id, write] of accepted) {
    if (write.personId !== null && !write.deleted && !persons.has(write.personId))
      persons.set(write.personId, id);
  }
  return persons;
}

function leaveReason(
  collection: ReplicatedCollection,
  before: StoredDocument,
  after: VersionedDocument<ReplicatedDocument> & DocumentPlacement,
): EvictionReason {
  const rule = collection.scope;
  if (rule.kind === 'person') return rule.leaveReason(after.doc);
  return before.personId !== after.personId ? 'person-changed' : 'moved';
}
