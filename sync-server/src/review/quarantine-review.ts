import { and, desc, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database, Transaction } from '../db/database.ts';
import { documents, quarantine } from '../db/schema/replication.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { CollectionRegistry } from '../replication/collection-registry.ts';
import { pushBatchIn } from '../replication/push/push-batch.ts';
import type { PushRow } from '../replication/push/push-row.ts';
import { quarantineReasonIssue, type QuarantineReason } from '../replication/push/quarantine-reason.ts';
import { replicationScopeOf } from '../replication/replication-scope.ts';
import type { RecordCommit } from '../replication/store/record-commit.ts';
import { reviewIssue, type ReviewIssueCode } from './review-issues.ts';
import type { QuarantineDetail, QuarantineSummary } from '#shared/server-api/review.ts';

/**
 * The quarantine review of the admin console (DESIGN.md §5 "nothing is lost"): city and district admins list
 * the writes the server refused inside their subtree (the pusher's unit), open one to see the write beside the
 * current record (audited as a read), and resolve it: dismiss with a note, or re-apply it to the current record — a
 * push by the admin through the same validation, scope and three-way merge as any push. A re-apply the server still
 * refuses leaves the entry open and says why. Every resolution is audited; entries are never deleted.
 */
export type QuarantineReview = {
  list(
    admin: Principal,
    filter: { state: 'open' | 'resolved'; beforeId?: number | undefined; limit: number },
  ): Promise<readonly QuarantineSummary[]>;
  open(admin: Principal, id: number): Promise<Result<QuarantineDetail, ReviewIssueCode>>;
  dismiss(admin: Principal, id: number, note: string): Promise<Result<QuarantineSummary, ReviewIssueCode>>;
  reapply(admin: Principal, id: number): Promise<Result<QuarantineSummary, ReviewIssueCode>>;
};

type Row = typeof quarantine.$inferSelect;
type Resolution = { readonly resolution: string; readonly note?: string };

function resolutionOf(row: Row): Resolution | null {
  const detail = row.detail as { review?: Resolution } | null;
  return detail?.review ?? null;
}

function summaryOf(row: Row): QuarantineSummary {
  const review = resolutionOf(row);
  return {
    id: row.id,
    collection: row.collection,
    documentId: row.documentId,
    orgUnitId: row.orgUnitId,
    accountId: row.accountId,
    deviceId: row.deviceId,
    reason: row.reason,
    reasonMessage: quarantineReasonIssue(row.reason as QuarantineReason).message,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolution: review?.resolution ?? null,
    note: review?.note ?? null,
  };
}

export function createQuarantineReview(deps: {
  db: Database;
  cipher: DocumentCipher;
  audit: AuditLog;
  clock: { now(): Date };
  registry: CollectionRegistry;
  commit: RecordCommit;
}): QuarantineReview {
  const { db } = deps;
  const inScope = (admin: Principal) => inOrgUnitSubtree(quarantine.orgUnitId, admin.orgUnitId);

  async function find(admin: Principal, id: number): Promise<Row | undefined> {
    const [row] = await db
      .select()
      .from(quarantine)
      .where(and(eq(quarantine.id, id), inScope(admin)));
    return row;
  }

  async function resolve(
    admin: Principal,
    row: Row,
    review: Resolution,
    action: 'quarantine-dismissed' | 'quarantine-reapplied',
  ): Promise<Result<QuarantineSummary, ReviewIssueCode>> {
    const resolved = await db.transaction((tx) => resolveIn(tx, admin, row, review, action));
    return resolved ?? alreadyResolved(admin, row.id);
  }

  /** Marks an open entry resolved and audits it, in `tx`; undefined when it was resolved meanwhile. */
  async function resolveIn(
    tx: Transaction,
    admin: Principal,
    row: Row,
    review: Resolution,
    action: 'quarantine-dismissed' | 'quarantine-reapplied',
  ): Promise<Result<QuarantineSummary, ReviewIssueCode> | undefined> {
    const at = deps.clock.now();
    const [updated] = await tx
      .update(quarantine)
      .set({
        resolvedAt: at,
        resolvedBy: admin.accountId,
        detail: sql`coalesce(${quarantine.detail}, '{}'::jsonb) || ${JSON.stringify({ review })}::jsonb`,
      })
      .where(and(eq(quarantine.id, row.id), isNull(quarantine.resolvedAt)))
      .returning();
    if (updated === undefined) return undefined;
    await deps.audit.append(tx, {
      action,
      actorAccountId: admin.accountId,
      targetType: row.collection,
      targetId: row.documentId,
      orgUnitId: row.orgUnitId ?? undefined,
      detail: {
        quarantineId: row.id,
        reason: row.reason,
        ...(review.note === undefined ? {} : { note: review.note }),
      },
    });
    return ok(summaryOf(updated));
  }

  async function alreadyResolved(admin: Principal, id: number): Promise<Result<never, ReviewIssueCode>> {
    const current = await find(admin, id);
    return fail(
      reviewIssue('review-already-resolved', {
        resolution: (current === undefined ? null : resolutionOf(current))?.resolution ?? '?',
        resolvedAt: current?.resolvedAt?.toISOString() ?? '?',
      }),
    );
  }

  return {
    async list(admin, filter) {
      const rows = await db
        .select()
        .from(quarantine)
        .where(
          and(
            inScope(admin),
            filter.state === 'open' ? isNull(quarantine.resolvedAt) : isNotNull(quarantine.resolvedAt),
            filter.beforeId === undefined ? undefined : lt(quarantine.id, filter.beforeId),
          ),
        )
        .orderBy(desc(quarantine.id))
        .limit(filter.limit);
      return rows.map(summaryOf);
    },

    async open(admin, id) {
      const row = await find(admin, id);
      if (row === undefined) return fail(reviewIssue('review-entry-not-found', { id }));
      const write = decryptDocument(deps.cipher, row.keyId, row.payload) as unknown as PushRow;
      const [stored] =
        row.documentId === ''
          ? []
          : await db
              .select({ keyId: documents.keyId, body: documents.body, deleted: documents.deleted })
              .from(documents)
              .where(
                and(
                  eq(documents.collection, row.collection),
                  eq(documents.id, row.documentId),
                  // The record as it is now, only when it lies in the admin's own subtree: a write is often
                  // quarantined precisely because the record belongs to another district.
                  inOrgUnitSubtree(documents.scopeUnitId, admin.orgUnitId),
                ),
              );
      await deps.audit.append(db, {
        action: 'quarantine-reviewed',
        actorAccountId: admin.accountId,
        targetType: row.collection,
        targetId: row.documentId,
        orgUnitId: row.orgUnitId ?? undefined,
        detail: { quarantineId: row.id },
      });
      return ok({
        ...summaryOf(row),
        write,
        current:
          stored === undefined
            ? null
            : { document: decryptDocument(deps.cipher, stored.keyId, stored.body), deleted: stored.deleted },
      });
    },

    async dismiss(admin, id, note) {
      const row = await find(admin, id);
      if (row === undefined) return fail(reviewIssue('review-entry-not-found', { id }));
      if (row.resolvedAt !== null) return alreadyResolved(admin, id);
      return resolve(admin, row, { resolution: 'dismissed', note }, 'quarantine-dismissed');
    },

    async reapply(admin, id) {
      const row = await find(admin, id);
      if (row === undefined) return fail(reviewIssue('review-entry-not-found', { id }));
      if (row.resolvedAt !== null) return alreadyResolved(admin, id);
      const collection = deps.registry.get(row.collection);
      if (collection === undefined) {
        return fail(reviewIssue('review-collection-unknown', { collection: row.collection }));
      }
      const scope = replicationScopeOf(admin);
      if (!scope.ok) throw new Error(`role ${admin.role} reached the quarantine review past its role guard`);
      const sent = decryptDocument(deps.cipher, row.keyId, row.payload) as unknown as PushRow;
      const author = sent.newDocumentState['updatedBy'];
      // The write keeps the credit of the staff member who wrote it when that account is in the admin's subtree. One
      // refused for its author (`author-unknown`) is credited to the admin who decides to apply it; the resolution
      // keeps the author it named.
      const recredit = row.reason === 'author-unknown';
      const write: PushRow = recredit
        ? { ...sent, newDocumentState: { ...sent.newDocumentState, updatedBy: admin.userName } }
        : sent;
      // One transaction: the entry is locked first, the push applied, and the entry resolved (or the admin's refused
      // attempt closed) before anything commits. A crash or a second admin in between can neither leave the write
      // applied with its entry open nor apply it twice.
      const result = await deps.commit.transaction(
        async (record): Promise<Result<QuarantineSummary, ReviewIssueCode> | undefined> => {
          const { tx } = record;
          const [locked] = await tx
            .select()
            .from(quarantine)
            .where(and(eq(quarantine.id, row.id), isNull(quarantine.resolvedAt)))
            .for('update');
          if (locked === undefined) return undefined;
          const [last] = await tx
            .select({ id: quarantine.id })
            .from(quarantine)
            .orderBy(desc(quarantine.id))
            .limit(1);
          const outcome = await pushBatchIn(record, deps, {
            collection,
            principal: admin,
            scope: scope.value,
            rows: [write],
            alsoCredit: typeof author === 'string' ? author : undefined,
            // Re-applying a hospital's record refused for want of a care relationship is the approval that starts
            // it: the admin (whose subtree holds both the hospital and the person) vouches for the visit.
            careApproval:
              row.reason === 'care-relationship-missing' && row.orgUnitId !== null
                ? { unitId: row.orgUnitId, approvedBy: `quarantine/${String(row.id)} ${admin.userName}` }
                : undefined,
          });
          const [refusal] = outcome.refusals;
          if (refusal === undefined) {
            return resolveIn(
              tx,
              admin,
              locked,
              { resolution: 'reapplied', ...(recredit ? { note: `updatedBy ${String(author)}` } : {}) },
              'quarantine-reapplied',
            );
          }
          // Refused again: the push kept the admin's attempt in the quarantine; close it as such, keep the original open.
          await tx
            .update(quarantine)
            .set({
              resolvedAt: deps.clock.now(),
              resolvedBy: admin.accountId,
              detail: sql`coalesce(${quarantine.detail}, '{}'::jsonb) || ${JSON.stringify({
                review: { resolution: 'reapply-refused', note: `quarantine ${String(row.id)}` },
              })}::jsonb`,
            })
            .where(
              and(
                gt(quarantine.id, last?.id ?? 0),
                eq(quarantine.accountId, admin.accountId),
                eq(quarantine.collection, row.collection),
                eq(quarantine.documentId, row.documentId),
              ),
            );
          return fail(
            reviewIssue('review-reapply-refused', { reason: quarantineReasonIssue(refusal).message }),
          );
        },
      );
      return result ?? alreadyResolved(admin, id);
    },
  };
}
