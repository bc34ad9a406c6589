import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DuplicateCandidate, DuplicateSide } from '#shared/server-api/duplicates.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { duplicateCandidates } from '../db/schema/duplicates.ts';
import { documents } from '../db/schema/replication.ts';
import { loadCommonParent } from '../org-units/common-parent-unit.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import { duplicateIssue, type DuplicateIssueCode } from './duplicate-issues.ts';

/** A pair opened for review: the records the admin may see, whole, side by side (`null` for a hidden side). */
export type CandidateDetail = DuplicateCandidate & {
  readonly persons: readonly [Person | null, Person | null];
};

/**
 * The duplicate review of the admin console: city and district admins list the candidate pairs where either resident
 * is managed inside their subtree, newest first. A pair is shown whole only to an admin whose subtree holds BOTH
 * records (the district for two of its communes, the city for two districts); an admin who manages one side sees
 * their own resident and the reasons, never the other record nor where it is managed, and the pair is decided by the
 * lowest unit above both (an escalation that needs no step: that unit's admins see it whole). Opening a pair decrypts
 * only the records the admin may see, each audited as a read; listing is audited too. Deciding (not a duplicate,
 * merge) needs `decide` access.
 */
export type DuplicateReview = {
  list(
    admin: Principal,
    filter: { state: 'open' | 'resolved'; beforeId?: number | undefined; limit: number },
  ): Promise<readonly DuplicateCandidate[]>;
  open(admin: Principal, id: number): Promise<Result<CandidateDetail, DuplicateIssueCode>>;
  markNotDuplicate(
    admin: Principal,
    id: number,
    note: string,
  ): Promise<Result<DuplicateCandidate, DuplicateIssueCode>>;
  /** Whether the admin may decide about the pair: both residents are managed inside the admin's subtree. */
  mayDecide(admin: Principal, id: number): Promise<Result<true, DuplicateIssueCode>>;
};

const docA = alias(documents, 'doc_a');
const docB = alias(documents, 'doc_b');

export function createDuplicateReview(deps: {
  db: Database;
  cipher: DocumentCipher;
  audit: AuditLog;
  clock: { now(): Date };
}): DuplicateReview {
  const { db } = deps;
  const select = (admin: Principal, where: SQL | undefined) =>
    db
      .select({
        candidate: duplicateCandidates,
        a: {
          scopeUnitId: docA.scopeUnitId,
          keyId: docA.keyId,
          body: docA.body,
          visible: sql<boolean>`(${inOrgUnitSubtree(docA.scopeUnitId, admin.orgUnitId)})`,
        },
        b: {
          scopeUnitId: docB.scopeUnitId,
          keyId: docB.keyId,
          body: docB.body,
          visible: sql<boolean>`(${inOrgUnitSubtree(docB.scopeUnitId, admin.orgUnitId)})`,
        },
      })
      .from(duplicateCandidates)
      .innerJoin(docA, and(eq(docA.collection, 'persons'), eq(docA.id, duplicateCandidates.personA)))
      .innerJoin(docB, and(eq(docB.collection, 'persons'), eq(docB.id, duplicateCandidates.personB)))
      .where(
        and(
          or(
            inOrgUnitSubtree(docA.scopeUnitId, admin.orgUnitId),
            inOrgUnitSubtree(docB.scopeUnitId, admin.orgUnitId),
          ),
          where,
        ),
      );
  type Row = Awaited<ReturnType<typeof select>>[number];
  type RowSide = Row['a'];
  const isVisible = (side: RowSide): boolean => side.visible;
  const personOf = (side: RowSide) =>
    decryptDocument(deps.cipher, side.keyId, side.body) as unknown as Person;
  const sideOf = (side: RowSide): DuplicateSide => {
    if (!isVisible(side)) return { visible: false };
    const person = personOf(side);
    return {
      visible: true,
      id: person.id,
      fullName: person.fullName,
      dateOfBirth: person.dateOfBirth,
      sex: person.sex,
      healthId: person.healthId,
      status: person.status,
      orgUnitId: side.scopeUnitId,
    };
  };
  const accessOf = (row: Row): DuplicateCandidate['access'] =>
    isVisible(row.a) && isVisible(row.b) ? 'decide' : 'own-side';
  const summariesOf = async (rows: readonly Row[]): Promise<DuplicateCandidate[]> => {
    const commonParent = await loadCommonParent(
      db,
      rows.flatMap((row) => [row.a.scopeUnitId, row.b.scopeUnitId]),
    );
    return rows.map((row) => ({
      id: row.candidate.id,
      reasons: row.candidate.reasons,
      state: row.candidate.state,
      createdAt: row.candidate.createdAt.toISOString(),
      resolvedAt: row.candidate.resolvedAt?.toISOString() ?? null,
      resolvedBy: row.candidate.resolvedBy,
      note: row.candidate.note,
      // The survivor's id says which side was kept; of a hidden side, not even that.
      survivorId:
        row.candidate.survivorId === null ||
        (row.candidate.survivorId === row.candidate.personA ? isVisible(row.a) : isVisible(row.b))
          ? row.candidate.survivorId
          : null,
      access: accessOf(row),
      decider: commonParent(row.a.scopeUnitId, row.b.scopeUnitId) ?? null,
      a: sideOf(row.a),
      b: sideOf(row.b),
    }));
  };
  const summaryOf = async (row: Row): Promise<DuplicateCandidate> => {
    const [summary] = await summariesOf([row]);
    if (summary === undefined) throw new Error('a summary of one row is missing');
    return summary;
  };
  const find = async (admin: Principal, id: number) =>
    (await select(admin, eq(duplicateCandidates.id, id)))[0];
  const decidable = async (admin: Principal, id: number): Promise<Result<Row, DuplicateIssueCode>> => {
    const row = await find(admin, id);
    if (row === undefined) return fail(duplicateIssue('duplicate-not-found', { id }));
    if (accessOf(row) !== 'decide') {
      const decider = (await summaryOf(row)).decider;
      return fail(duplicateIssue('duplicate-decided-above', { unit: decider?.name ?? 'Sở Y tế' }));
    }
    return ok(row);
  };

  return {
    async mayDecide(admin, id) {
      const row = await decidable(admin, id);
      return row.ok ? ok(true) : row;
    },
    async list(admin, filter) {
      const rows = await select(
        admin,
        and(
          filter.state === 'open'
            ? eq(duplicateCandidates.state, 'open')
            : or(eq(duplicateCandidates.state, 'not-duplicate'), eq(duplicateCandidates.state, 'merged')),
          filter.beforeId === undefined ? undefined : lt(duplicateCandidates.id, filter.beforeId),
        ),
      )
        .orderBy(desc(duplicateCandidates.id))
        .limit(filter.limit);
      await deps.audit.append(db, {
        action: 'duplicates-listed',
        actorAccountId: admin.accountId,
        orgUnitId: admin.orgUnitId,
        detail: { state: filter.state, count: rows.length },
      });
      return summariesOf(rows);
    },
    async open(admin, id) {
      const row = await find(admin, id);
      if (row === undefined) return fail(duplicateIssue('duplicate-not-found', { id }));
      const persons: [Person | null, Person | null] = [
        isVisible(row.a) ? personOf(row.a) : null,
        isVisible(row.b) ? personOf(row.b) : null,
      ];
      for (const [person, unit] of [
        [persons[0], row.a.scopeUnitId],
        [persons[1], row.b.scopeUnitId],
      ] as const) {
        if (person === null) continue;
        await deps.audit.append(db, {
          action: 'duplicate-reviewed',
          actorAccountId: admin.accountId,
          targetType: 'person',
          targetId: person.id,
          orgUnitId: unit,
          detail: { candidateId: id },
        });
      }
      return ok({ ...(await summaryOf(row)), persons });
    },
    async markNotDuplicate(admin, id, note) {
      const found = await decidable(admin, id);
      if (!found.ok) return found;
      const row = found.value;
      if (row.candidate.state !== 'open') {
        return fail(duplicateIssue('duplicate-already-decided', { state: row.candidate.state }));
      }
      const updated = await db.transaction(async (tx) => {
        const at = deps.clock.now();
        const [changed] = await tx
          .update(duplicateCandidates)
          .set({ state: 'not-duplicate', resolvedAt: at, resolvedBy: admin.accountId, note })
          .where(and(eq(duplicateCandidates.id, id), eq(duplicateCandidates.state, 'open')))
          .returning();
        if (changed === undefined) return undefined;
        await deps.audit.append(tx, {
          action: 'duplicate-dismissed',
          actorAccountId: admin.accountId,
          targetType: 'duplicate-candidate',
          targetId: String(id),
          orgUnitId: row.a.scopeUnitId,
          detail: { personA: changed.personA, personB: changed.personB, note },
        });
        return changed;
      });
      if (updated === undefined) return fail(duplicateIssue('duplicate-already-decided', { state: '?' }));
      return ok(await summaryOf({ ...row, candidate: updated }));
    },
  };
}
