import type { AuditEntry } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Transaction } from '../../db/database.ts';
import type { ReplicatedDocument, VersionedDocument } from '../replicated-collection.ts';
import type { CareGrant } from './care-grants.ts';
import { insertConflictLog, type ConflictLogEntry } from './conflict-log-store.ts';
import type { PersonMove } from './person-record-moves.ts';
import type { PushDependencies, PushRequest } from './push-request.ts';
import type { PushRowDecision } from './push-row.ts';
import { insertQuarantine, type QuarantineEntry } from './quarantine-store.ts';

/** What one push did, for its audit entries. */
export type PushAuditFacts = {
  readonly decisions: readonly PushRowDecision[];
  readonly accepted: ReadonlyMap<string, VersionedDocument<ReplicatedDocument>>;
  readonly moves: readonly PersonMove[];
  readonly grants: readonly CareGrant[];
  readonly evicted: number;
};

/**
 * Records what a push decided, inside its transaction: the quarantined rows and the merges it made (encrypted, each
 * audited), each resident it moved with their records, each care relationship it started, and one summary entry of
 * the push (rows, written, merged, quarantined, conflicts, evicted, writes per author). The entries are written
 * together and chained moments later (`appendDeferred`): a push never waits for the audit chain's lock.
 */
export async function recordPush(
  tx: Transaction,
  deps: Pick<PushDependencies, 'cipher' | 'audit'>,
  request: PushRequest,
  facts: PushAuditFacts,
  at: Date,
): Promise<void> {
  const { decisions } = facts;
  const entries = await recordOutcome(tx, deps, request, decisions, at);
  for (const move of facts.moves) entries.push(auditOf(request.principal, move));
  for (const grant of facts.grants) entries.push(grantAuditOf(request.principal, grant));
  entries.push({
    ...actorOf(request.principal),
    action: 'push',
    targetType: 'collection',
    targetId: request.collection.name,
    detail: {
      rows: request.rows.length,
      written: facts.accepted.size,
      merged: decisions.filter((d) => d.merge !== undefined).length,
      quarantined: decisions.filter((d) => d.quarantine !== undefined).length,
      conflicts: decisions.filter((d) => d.conflict !== undefined).length,
      evicted: facts.evicted,
      authors: authorsOf(facts.accepted.values()),
    },
  });
  await deps.audit.appendDeferred(tx, entries);
}

function actorOf(principal: Principal): Pick<AuditEntry, 'actorAccountId' | 'actorDeviceId' | 'orgUnitId'> {
  return {
    actorAccountId: principal.accountId,
    actorDeviceId: principal.deviceId,
    orgUnitId: principal.orgUnitId,
  };
}

function grantAuditOf(principal: Principal, grant: CareGrant): AuditEntry {
  return {
    ...actorOf(principal),
    action: 'care-relationship-started',
    targetType: 'persons',
    targetId: grant.personId,
    detail: { unitId: grant.unitId, grantedBy: grant.grantedBy, documents: grant.documents },
  };
}

function auditOf(principal: Principal, move: PersonMove): AuditEntry {
  return {
    ...actorOf(principal),
    action: 'eviction',
    targetType: 'persons',
    targetId: move.personId,
    detail: {
      fromUnitId: move.fromUnitId,
      toUnitId: move.toUnitId,
      reason: move.reason,
      records: move.records,
    },
  };
}

/** Writes the quarantine and conflict-log rows of the batch; answers the audit entry of each quarantine and merge. */
async function recordOutcome(
  tx: Transaction,
  deps: Pick<PushDependencies, 'cipher' | 'audit'>,
  request: PushRequest,
  decisions: readonly PushRowDecision[],
  at: Date,
): Promise<AuditEntry[]> {
  const { principal, collection, rows } = request;
  const quarantines: QuarantineEntry[] = [];
  const merges: ConflictLogEntry[] = [];
  decisions.forEach((decision, index) => {
    const documentId = decision.id ?? '';
    if (decision.quarantine !== undefined) {
      quarantines.push({
        collection: collection.name,
        documentId,
        accountId: principal.accountId,
        deviceId: principal.deviceId,
        orgUnitId: principal.orgUnitId,
        reason: decision.quarantine.reason,
        detail: decision.quarantine.detail,
        content: rows[index],
      });
    }
    if (decision.merge !== undefined) {
      merges.push({
        collection: collection.name,
        documentId,
        accountId: principal.accountId,
        deviceId: principal.deviceId,
        merge: decision.merge,
      });
    }
  });
  await insertQuarantine(tx, deps.cipher, quarantines, at);
  await insertConflictLog(tx, deps.cipher, merges, at);
  return [
    ...quarantines.map((entry): AuditEntry => ({
      ...actorOf(principal),
      action: 'quarantine',
      targetType: collection.name,
      targetId: entry.documentId,
      detail: { reason: entry.reason },
    })),
    ...merges.map((entry): AuditEntry => ({
      ...actorOf(principal),
      action: 'merge',
      targetType: collection.name,
      targetId: entry.documentId,
      detail: { rules: [...new Set(entry.merge.decisions.map((d) => d.rule))] },
    })),
  ];
}

/** How many of the accepted writes each account is credited with (`updatedBy`; `-` for writes made by no person). */
function authorsOf(writes: Iterable<VersionedDocument<ReplicatedDocument>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const write of writes) {
    const author = typeof write.doc['updatedBy'] === 'string' ? write.doc['updatedBy'] : '-';
    counts[author] = (counts[author] ?? 0) + 1;
  }
  return counts;
}
