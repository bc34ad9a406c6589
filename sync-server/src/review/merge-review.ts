import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { MergeSummary } from '#shared/server-api/review.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { conflictLog, documents } from '../db/schema/replication.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { MergeRecord } from '../replication/push/push-row.ts';
import { reviewIssue, type ReviewIssueCode } from './review-issues.ts';

/** One merge opened for review: base, the station's version, the server's, the result, and each decision. */
export type MergeDetail = MergeSummary & { readonly merge: MergeRecord };

/**
 * The merge review of the admin console: the three-way merges the server made, for documents that lie in
 * the admin's subtree now. Listing shows rules and who; opening one decrypts the three versions side by side and is
 * audited as a read.
 */
export type MergeReview = {
  list(
    admin: Principal,
    filter: { beforeId?: number | undefined; limit: number },
  ): Promise<readonly MergeSummary[]>;
  open(admin: Principal, id: number): Promise<Result<MergeDetail, ReviewIssueCode>>;
};

export function createMergeReview(deps: {
  db: Database;
  cipher: DocumentCipher;
  audit: AuditLog;
}): MergeReview {
  const { db } = deps;
  const columns = {
    id: conflictLog.id,
    collection: conflictLog.collection,
    documentId: conflictLog.documentId,
    scopeUnitId: documents.scopeUnitId,
    accountId: conflictLog.accountId,
    deviceId: conflictLog.deviceId,
    rules: conflictLog.rules,
    createdAt: conflictLog.createdAt,
    keyId: conflictLog.keyId,
    payload: conflictLog.payload,
  };
  const select = (admin: Principal, where: SQL | undefined) =>
    db
      .select(columns)
      .from(conflictLog)
      .innerJoin(
        documents,
        and(eq(documents.collection, conflictLog.collection), eq(documents.id, conflictLog.documentId)),
      )
      .where(and(inOrgUnitSubtree(documents.scopeUnitId, admin.orgUnitId), where));
  const summaryOf = (
    row: Omit<MergeSummary, 'rules' | 'createdAt'> & { rules: string[]; createdAt: Date },
  ): MergeSummary => ({
    id: row.id,
    collection: row.collection,
    documentId: row.documentId,
    scopeUnitId: row.scopeUnitId,
    accountId: row.accountId,
    deviceId: row.deviceId,
    rules: row.rules,
    createdAt: row.createdAt.toISOString(),
  });

  return {
    async list(admin, filter) {
      const rows = await select(
        admin,
        filter.beforeId === undefined ? undefined : lt(conflictLog.id, filter.beforeId),
      )
        .orderBy(desc(conflictLog.id))
        .limit(filter.limit);
      return rows.map(summaryOf);
    },
    async open(admin, id) {
      const [row] = await select(admin, eq(conflictLog.id, id));
      if (row === undefined) return fail(reviewIssue('review-entry-not-found', { id }));
      await deps.audit.append(db, {
        action: 'merge-reviewed',
        actorAccountId: admin.accountId,
        targetType: row.collection,
        targetId: row.documentId,
        orgUnitId: row.scopeUnitId,
        detail: { conflictId: row.id },
      });
      return ok({
        ...summaryOf(row),
        merge: decryptDocument(deps.cipher, row.keyId, row.payload) as unknown as MergeRecord,
      });
    },
  };
}
