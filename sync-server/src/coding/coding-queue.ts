import { and, desc, eq, sql } from 'drizzle-orm';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { loadIcd10Full } from '#shared/reference-data/icd10-list.ts';
import { isValidOn } from '#shared/reference-data/reference-types.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import { encounterFieldGroups } from '#shared/schemas/field-groups.ts';
import type { UncodedDiagnosis } from '#shared/server-api/coding-queue.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { documents } from '../db/schema/replication.ts';
import { orgUnitSubtreeIds } from '../org-units/org-unit-subtree.ts';
import type { CollectionRegistry } from '../replication/collection-registry.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { RecordCommit } from '../replication/store/record-commit.ts';
import { createServerEdit } from '../replication/store/server-edit.ts';

export const codingIssue = defineIssues({
  'coding-diagnosis-not-found':
    'Không còn chẩn đoán chưa mã hóa "{name}" trong lần khám này (có thể đã được mã hóa). Tải lại danh sách.',
  'coding-code-unknown':
    'Mã {icd10} không có trong danh mục ICD-10 áp dụng ngày khám {date}. Chọn mã trong danh mục.',
});
export type CodingIssueCode = Parameters<typeof codingIssue>[0];
export const codingIssueStatus = {
  'coding-diagnosis-not-found': 404,
  'coding-code-unknown': 400,
} as const satisfies Record<CodingIssueCode, 400 | 404>;

/** How many of the subtree's newest visits one look at the queue reads (visits are encrypted: there is no index). */
export const CODING_SCAN_LIMIT = 5000;

/**
 * Diagnoses written at a station without an ICD-10 code (`uncoded`), for the district to code: the newest visits of
 * the admin's subtree are read (at most `CODING_SCAN_LIMIT`, decrypted on the server) and their uncoded diagnoses
 * listed. Coding one is the server's own write of the visit — signed or not, only that diagnosis changes: it gets the
 * code valid on the visit's date, keeps the words written, loses `uncoded` and names the coder in `codedBy` — in one
 * transaction through the record's commit path, so the station has it at its next sync. Audited.
 */
export type CodingQueue = {
  list(
    admin: Principal,
    limit: number,
  ): Promise<{ items: UncodedDiagnosis[]; scanned: number; more: boolean }>;
  code(
    admin: Principal,
    encounterId: string,
    request: { name: string; icd10: string },
  ): Promise<Result<UncodedDiagnosis & { icd10: string }, CodingIssueCode>>;
};

export function createCodingQueue(deps: {
  db: Database;
  cipher: DocumentCipher;
  audit: AuditLog;
  clock: { now(): Date };
  registry: CollectionRegistry;
  commit: RecordCommit;
}): CodingQueue {
  const edits = createServerEdit(deps);
  const open = (row: { keyId: string; body: Uint8Array }) =>
    decryptDocument(deps.cipher, row.keyId, row.body) as unknown as Encounter;
  const itemOf = (encounter: Encounter, name: string): UncodedDiagnosis => ({
    encounterId: encounter.id,
    personId: encounter.personId,
    date: encounter.date,
    orgUnitId: encounter.orgUnitId,
    name,
    signed: encounter.status === 'signed',
  });

  return {
    async list(admin, limit) {
      const rows = await deps.db
        .select({ keyId: documents.keyId, body: documents.body })
        .from(documents)
        .where(
          and(
            eq(documents.collection, 'encounters'),
            eq(documents.deleted, false),
            sql`${documents.scopeUnitId} in (${orgUnitSubtreeIds(admin.orgUnitId)})`,
          ),
        )
        .orderBy(desc(documents.seq))
        .limit(CODING_SCAN_LIMIT + 1);
      const items: UncodedDiagnosis[] = [];
      for (const row of rows.slice(0, CODING_SCAN_LIMIT)) {
        const encounter = open(row);
        for (const diagnosis of encounter.diagnoses)
          if (diagnosis.uncoded === true) items.push(itemOf(encounter, diagnosis.name));
      }
      items.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
      return {
        items: items.slice(0, limit),
        scanned: Math.min(rows.length, CODING_SCAN_LIMIT),
        more: rows.length > CODING_SCAN_LIMIT,
      };
    },

    async code(admin, encounterId, request) {
      const at = deps.clock.now();
      const list = await loadIcd10Full();
      return deps.commit.transaction(async (record) => {
        const found = await edits.lock(record, 'encounters', encounterId, admin);
        const before = found?.doc as Encounter | undefined;
        const index = before?.diagnoses.findIndex((d) => d.uncoded === true && d.name === request.name) ?? -1;
        if (found === undefined || before === undefined || index < 0)
          return fail(codingIssue('coding-diagnosis-not-found', { name: request.name }));
        const entry = list.find((e) => e.code === request.icd10 && isValidOn(e, before.date));
        if (entry === undefined)
          return fail(codingIssue('coding-code-unknown', { icd10: request.icd10, date: before.date }));
        const diagnoses = before.diagnoses.map((diagnosis, i) => {
          if (i !== index) return diagnosis;
          const { uncoded: _uncoded, ...written } = diagnosis;
          return { ...written, icd10: entry.code, codedBy: admin.userName };
        });
        await edits.write(record, {
          collection: 'encounters',
          row: found.row,
          before,
          after: { ...before, diagnoses },
          fieldGroups: encounterFieldGroups,
          admin,
          at,
        });
        await deps.audit.append(record.tx, {
          action: 'diagnosis-coded',
          actorAccountId: admin.accountId,
          targetType: 'person',
          targetId: before.personId,
          orgUnitId: found.row.scopeUnitId,
          detail: { encounterId },
        });
        return ok({ ...itemOf(before, request.name), icd10: entry.code });
      });
    },
  };
}
