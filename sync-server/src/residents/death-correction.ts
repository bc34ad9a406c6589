import { and, eq } from 'drizzle-orm';
import { birthDateAfterToday } from '#shared/dates/birth-date-after-today.ts';
import { parsePartialDate, partialDateBounds } from '#shared/dates/partial-date.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { personFieldGroups } from '#shared/schemas/field-groups.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DeathCorrectionRequest, ResidentCard } from '#shared/server-api/residents.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { documents } from '../db/schema/replication.ts';
import { documentUniqueKeys } from '../db/schema/unique-keys.ts';
import type { HealthIdKey } from '../health-ids/health-id-key.ts';
import type { CollectionRegistry } from '../replication/collection-registry.ts';
import { scopeUnitIds } from '../replication/replication-scope.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { StoredDocument } from '../replication/store/document-store.ts';
import type { RecordCommit } from '../replication/store/record-commit.ts';
import { createServerEdit } from '../replication/store/server-edit.ts';

export const residentIssue = defineIssues({
  'resident-not-found':
    'Không tìm thấy người dân có mã định danh y tế này trong phạm vi quản lý của tài khoản. Kiểm tra lại mã.',
  'resident-not-deceased':
    'Hồ sơ này không ghi là đã mất nên không có gì để sửa. Tải lại hồ sơ để xem trạng thái mới nhất.',
  'death-date-invalid': 'Ngày mất "{deathDate}" không hợp lệ. Ghi dạng ngày/tháng/năm, tháng/năm hoặc năm.',
  'death-date-before-birth': 'Ngày mất {deathDate} trước ngày sinh {dateOfBirth}. Kiểm tra lại.',
  'death-date-in-future': 'Ngày mất {deathDate} ở sau hôm nay. Kiểm tra lại.',
});
export type ResidentIssueCode = Parameters<typeof residentIssue>[0];
export const residentIssueStatus = {
  'resident-not-found': 404,
  'resident-not-deceased': 409,
  'death-date-invalid': 400,
  'death-date-before-birth': 400,
  'death-date-in-future': 400,
} as const satisfies Record<ResidentIssueCode, 400 | 404 | 409>;

/**
 * A district's look at one resident and its correction of a recorded death (a person marked deceased by mistake, or
 * with the wrong date). Only a resident managed inside the admin's subtree is found. The correction is the server's
 * own write of the person (new HLC stamp of the status group, credited to the admin), in one transaction through the
 * record's commit path, so it reaches every station that holds the person at its next sync; the reason and what
 * the record said before are in the audit log.
 */
export type DeathCorrection = {
  lookUp(admin: Principal, healthId: string): Promise<Result<ResidentCard, ResidentIssueCode>>;
  correct(
    admin: Principal,
    personId: string,
    request: DeathCorrectionRequest,
  ): Promise<Result<ResidentCard, ResidentIssueCode>>;
};

export function createDeathCorrection(deps: {
  db: Database;
  cipher: DocumentCipher;
  audit: AuditLog;
  clock: { now(): Date };
  registry: CollectionRegistry;
  commit: RecordCommit;
  healthIdKey: HealthIdKey;
}): DeathCorrection {
  const edits = createServerEdit(deps);
  const personOf = (row: StoredDocument) =>
    decryptDocument(deps.cipher, row.keyId, row.body) as unknown as Person;

  return {
    async lookUp(admin, healthId) {
      const [found] = await deps.db
        .select({ id: documentUniqueKeys.documentId })
        .from(documentUniqueKeys)
        .where(
          and(
            eq(documentUniqueKeys.collection, 'persons'),
            eq(documentUniqueKeys.keyHash, deps.healthIdKey(healthId)),
          ),
        );
      const [row] =
        found === undefined
          ? []
          : await deps.db
              .select()
              .from(documents)
              .where(and(eq(documents.collection, 'persons'), eq(documents.id, found.id)));
      const inScope =
        row !== undefined &&
        !row.deleted &&
        (await scopeUnitIds(deps.db, { kind: 'subtree', rootUnitId: admin.orgUnitId })).has(row.scopeUnitId);
      if (!inScope) return fail(residentIssue('resident-not-found'));
      const person = personOf(row);
      await deps.audit.append(deps.db, {
        action: 'person-looked-up',
        actorAccountId: admin.accountId,
        targetType: 'person',
        targetId: person.id,
        orgUnitId: admin.orgUnitId,
        detail: {},
      });
      return ok(cardOf(person));
    },

    async correct(admin, personId, request) {
      const at = deps.clock.now();
      return deps.commit.transaction(async (record): Promise<Result<ResidentCard, ResidentIssueCode>> => {
        const found = await edits.lock(record, 'persons', personId, admin);
        if (found === undefined) return fail(residentIssue('resident-not-found'));
        const { row } = found;
        const before = found.doc as unknown as Person;
        if (before.status !== 'deceased') return fail(residentIssue('resident-not-deceased'));
        const { correction } = request;
        let after: Person;
        if (correction.kind === 'alive') {
          const { deathDate: _deathDate, ...alive } = before;
          after = { ...alive, status: 'active' };
        } else {
          const checked = checkDeathDate(correction.deathDate, before, hanoiCalendarDate(at));
          if (!checked.ok) return checked;
          after = { ...before, deathDate: checked.value };
        }
        const written = await edits.write(record, {
          collection: 'persons',
          row,
          before,
          after,
          fieldGroups: personFieldGroups,
          admin,
          at,
        });
        await deps.audit.append(record.tx, {
          action: 'death-corrected',
          actorAccountId: admin.accountId,
          targetType: 'person',
          targetId: personId,
          orgUnitId: row.scopeUnitId,
          detail: {
            correction: correction.kind,
            previousDeathDate: before.deathDate ?? null,
            ...(correction.kind === 'death-date' ? { deathDate: after.deathDate } : {}),
            reason: request.reason,
          },
        });
        return ok(cardOf(written));
      });
    },
  };
}

function checkDeathDate(
  text: string,
  person: Person,
  today: string,
): Result<Person['dateOfBirth'], ResidentIssueCode> {
  const parsed = parsePartialDate(text);
  if (!parsed.ok) return fail(residentIssue('death-date-invalid', { deathDate: text }));
  const date = parsed.value;
  if (partialDateBounds(date).latest < partialDateBounds(person.dateOfBirth).earliest)
    return fail(
      residentIssue('death-date-before-birth', { deathDate: text, dateOfBirth: person.dateOfBirth }),
    );
  if (birthDateAfterToday(date, today) !== undefined)
    return fail(residentIssue('death-date-in-future', { deathDate: text }));
  return ok(date);
}

function cardOf(person: Person): ResidentCard {
  return {
    id: person.id,
    healthId: person.healthId,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    status: person.status,
    ...(person.deathDate === undefined ? {} : { deathDate: person.deathDate }),
    orgUnitId: person.orgUnitId,
    ...(person.updatedBy === undefined ? {} : { updatedBy: person.updatedBy }),
    updatedAt: person.updatedAt,
  };
}
