import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { fail, ok, type Result } from '../../../shared/errors/result.ts';
import type { Person } from '../../../shared/schemas/person.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { duplicateCandidates } from '../db/schema/duplicates.ts';
import { documents } from '../db/schema/replication.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { decryptDocument } from '../replication/client-document.ts';
import { duplicateIssue, type DuplicateIssueCode } from './duplicate-issues.ts';

/** One side of a candidate pair as the review list shows it: who, born when, where managed. */
export type CandidateSide = {
  readonly id: string;
  readonly fullName: string;
  readonly dateOfBirth: string;
  readonly sex: string;
  readonly healthId: string;
  readonly status: string;
  readonly orgUnitId: string;
};

export type CandidateSummary = {
  readonly id: number;
  readonly reasons: string[];
  readonly state: string;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly note: string | null;
  readonly survivorId: string | null;
  readonly a: CandidateSide;
  readonly b: CandidateSide;
};

/** A pair opened for review: both records whole, side by side. */
export type CandidateDetail = CandidateSummary & { readonly persons: readonly [Person, Person] };

/**
 * The duplicate review of the admin console (issue 7): city and district admins list the candidate pairs where
 * EITHER resident is managed inside their subtree (so both districts of a cross-commune pair see it), newest first;
 * open one (both records decrypted, audited as a read of each), or decide it is not a duplicate (with a note,
 * audited). Listing shows names and dates of birth, which is a read of personal data: it is audited too.
 */
export type DuplicateReview = {
  list(
    admin: Principal,
    filter: { state: 'open' | 'resolved'; beforeId?: number | undefined; limit: number },
  ): Promise<readonly CandidateSummary[]>;
  open(admin: Principal, id: number): Promise<Result<CandidateDetail, DuplicateIssueCode>>;
  markNotDuplicate(
    admin: Principal,
    id: number,
    note: string,
  ): Promise<Result<CandidateSummary, DuplicateIssueCode>>;
  /** Whether the pair is in the admin's scope (either resident managed inside the admin's subtree). */
  inScope(admin: Principal, id: number): Promise<boolean>;
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
        a: { scopeUnitId: docA.scopeUnitId, keyId: docA.keyId, body: docA.body },
        b: { scopeUnitId: docB.scopeUnitId, keyId: docB.keyId, body: docB.body },
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
  const personOf = (side: Row['a']) =>
    decryptDocument(deps.cipher, side.keyId, side.body) as unknown as Person;
  const sideOf = (person: Person, orgUnitId: string): CandidateSide => ({
    id: person.id,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    healthId: person.healthId,
    status: person.status,
    orgUnitId,
  });
  const summaryOf = (row: Row): CandidateSummary => ({
    id: row.candidate.id,
    reasons: row.candidate.reasons,
    state: row.candidate.state,
    createdAt: row.candidate.createdAt.toISOString(),
    resolvedAt: row.candidate.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.candidate.resolvedBy,
    note: row.candidate.note,
    survivorId: row.candidate.survivorId,
    a: sideOf(personOf(row.a), row.a.scopeUnitId),
    b: sideOf(personOf(row.b), row.b.scopeUnitId),
  });
  const find = async (admin: Principal, id: number) =>
    (await select(admin, eq(duplicateCandidates.id, id)))[0];

  return {
    inScope: async (admin, id) => (await find(admin, id)) !== undefined,
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
      return rows.map(summaryOf);
    },
    async open(admin, id) {
      const row = await find(admin, id);
      if (row === undefined) return fail(duplicateIssue('duplicate-not-found', { id }));
      const persons: [Person, Person] = [personOf(row.a), personOf(row.b)];
      for (const [person, unit] of [
        [persons[0], row.a.scopeUnitId],
        [persons[1], row.b.scopeUnitId],
      ] as const) {
        await deps.audit.append(db, {
          action: 'duplicate-reviewed',
          actorAccountId: admin.accountId,
          targetType: 'person',
          targetId: person.id,
          orgUnitId: unit,
          detail: { candidateId: id },
        });
      }
      return ok({ ...summaryOf(row), persons });
    },
    async markNotDuplicate(admin, id, note) {
      const row = await find(admin, id);
      if (row === undefined) return fail(duplicateIssue('duplicate-not-found', { id }));
      if (row.candidate.state !== 'open') {
        return fail(duplicateIssue('duplicate-already-decided', { state: row.candidate.state }));
      }
      return db.transaction(async (tx) => {
        const at = deps.clock.now();
        const [updated] = await tx
          .update(duplicateCandidates)
          .set({ state: 'not-duplicate', resolvedAt: at, resolvedBy: admin.accountId, note })
          .where(and(eq(duplicateCandidates.id, id), eq(duplicateCandidates.state, 'open')))
          .returning();
        if (updated === undefined) return fail(duplicateIssue('duplicate-already-decided', { state: '?' }));
        await deps.audit.append(tx, {
          action: 'duplicate-dismissed',
          actorAccountId: admin.accountId,
          targetType: 'duplicate-candidate',
          targetId: String(id),
          orgUnitId: row.a.scopeUnitId,
          detail: { personA: updated.personA, personB: updated.personB, note },
        });
        return ok(summaryOf({ ...row, candidate: updated }));
      });
    },
  };
}
