import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { IntakeReviewDecision, IntakeReviewItem } from '#shared/server-api/interop.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { intakeVisits } from '../db/schema/intake.ts';
import { orgUnits } from '../db/schema/org-units.ts';
import { documents } from '../db/schema/replication.ts';
import type { ServerHealthIds } from '../health-ids/server-health-ids.ts';
import { inOrgUnitSubtree } from '../org-units/org-unit-subtree.ts';
import { communeStationId } from '../org-units/commune-station.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import type { RecordCommit } from '../replication/store/record-commit.ts';
import type { HospitalIntake, ReviewDecision } from './hospital-intake.ts';

export const intakeReviewIssue = defineIssues({
  'intake-review-not-found':
    'Không tìm thấy hồ sơ {visitKey} của cơ sở {facilityCode} trong danh sách chờ xử lý thuộc phạm vi của tài khoản. Tải lại danh sách.',
  'intake-review-candidate-unknown':
    'Người dân được chọn không nằm trong danh sách người có thể khớp của hồ sơ này. Chọn một người trong danh sách, hoặc lập hồ sơ mới.',
  'intake-review-commune-outside':
    'Xã/phường {communeCode} không có trạm y tế thuộc phạm vi quản lý của tài khoản. Chọn xã/phường nơi người bệnh cư trú.',
  'intake-review-unreadable':
    'Không đọc lại được hồ sơ đã lưu. Báo bộ phận CNTT kiểm tra khóa mã hóa của máy chủ; hồ sơ vẫn được giữ.',
});
export type IntakeReviewIssueCode = Parameters<typeof intakeReviewIssue>[0];
export const intakeReviewIssueStatus = {
  'intake-review-not-found': 404,
  'intake-review-candidate-unknown': 409,
  'intake-review-commune-outside': 409,
  'intake-review-unreadable': 409,
} as const satisfies Record<IntakeReviewIssueCode, 404 | 409>;

const MAX_ITEMS = 200;

export type IntakeReview = {
  list(admin: Principal): Promise<readonly IntakeReviewItem[]>;
  resolve(
    admin: Principal,
    key: { readonly facilityCode: string; readonly visitKey: string },
    decision: IntakeReviewDecision,
  ): Promise<Result<{ personId: string; healthId: string; encounterId: string }, IntakeReviewIssueCode>>;
};

/**
 * The district's review of hospital visits the intake could not place (Art. 13.5): a district admin sees the hồ sơ
 * whose address's station, or one of whose candidate residents, lies in their subtree; a city admin sees every one,
 * including those whose address names no Hanoi station. Deciding stores the visit through the intake's own path
 * (attached to a candidate, or on a new resident of a commune within the admin's subtree) and audits it.
 */
export function createIntakeReview(deps: {
  readonly db: Database;
  readonly cipher: DocumentCipher;
  readonly audit: AuditLog;
  readonly clock: { now(): Date };
  readonly commit: RecordCommit;
  readonly intake: HospitalIntake;
  readonly healthIds: ServerHealthIds;
  readonly personCollection: string;
}): IntakeReview {
  const persons = async (ids: readonly string[]) => {
    if (ids.length === 0) return [];
    const rows = await deps.db
      .select({ keyId: documents.keyId, body: documents.body })
      .from(documents)
      .where(and(eq(documents.collection, deps.personCollection), inArray(documents.id, [...ids])));
    return rows.map((row) => decryptDocument(deps.cipher, row.keyId, row.body) as Person);
  };

  /** The kept visits the admin may decide: in their subtree by the address's station or a candidate's. */
  const visible = (admin: Principal) =>
    admin.role === 'city-admin'
      ? sql`true`
      : or(
          inOrgUnitSubtree(intakeVisits.reviewUnitId, admin.orgUnitId),
          sql`exists (select 1 from ${documents} d where d.collection = ${deps.personCollection}
                and d.id in (select jsonb_array_elements_text(${intakeVisits.candidates}))
                and ${inOrgUnitSubtree(sql`d.scope_unit_id`, admin.orgUnitId)})`,
        );

  return {
    async list(admin) {
      const rows = await deps.db
        .select({
          facilityCode: intakeVisits.facilityCode,
          visitKey: intakeVisits.visitKey,
          reason: intakeVisits.reviewReason,
          candidates: intakeVisits.candidates,
          receiptId: intakeVisits.receiptId,
          updatedAt: intakeVisits.updatedAt,
          facilityName: orgUnits.name,
        })
        .from(intakeVisits)
        .innerJoin(orgUnits, eq(orgUnits.id, intakeVisits.hospitalUnitId))
        .where(and(eq(intakeVisits.state, 'review'), visible(admin)))
        .orderBy(asc(intakeVisits.updatedAt))
        .limit(MAX_ITEMS);
      const items: IntakeReviewItem[] = [];
      for (const row of rows) {
        const reading = await deps.intake.readKept(row.receiptId);
        if (reading === undefined) continue;
        const card = reading.patient.bhytCards.at(-1)?.code;
        const candidates = await persons(row.candidates ?? []);
        items.push({
          facilityCode: row.facilityCode,
          facilityName: row.facilityName,
          visitKey: row.visitKey,
          reason: row.reason === 'ambiguous' ? 'ambiguous' : 'address-unplaceable',
          receivedAt: row.updatedAt.toISOString(),
          visitDate: reading.date,
          diagnoses: reading.diagnoses.map((d) => ({
            icd10: d.icd10 ?? '',
            name: d.name,
            primary: d.primary,
          })),
          patient: {
            fullName: reading.patient.fullName,
            dateOfBirth: reading.patient.dateOfBirth,
            sex: reading.patient.sex,
            ...(reading.patient.personalId === undefined ? {} : { personalId: reading.patient.personalId }),
            ...(card === undefined ? {} : { bhytCard: card }),
            ...(reading.patient.address === undefined
              ? {}
              : {
                  provinceCode: reading.patient.address.provinceCode,
                  communeCode: reading.patient.address.communeCode,
                  ...(reading.patient.address.detail === undefined
                    ? {}
                    : { addressDetail: reading.patient.address.detail }),
                }),
          },
          candidates: candidates.map((person) => ({
            id: person.id,
            fullName: person.fullName,
            dateOfBirth: person.dateOfBirth,
            sex: person.sex,
            healthId: person.healthId,
            ...(person.personalId === undefined ? {} : { personalId: person.personalId }),
            orgUnitId: person.orgUnitId,
            status: person.status,
          })),
        });
      }
      await deps.audit.append(deps.db, {
        action: 'intake-review-listed',
        actorAccountId: admin.accountId,
        orgUnitId: admin.orgUnitId,
        detail: { items: items.length },
      });
      return items;
    },

    async resolve(admin, key, request) {
      const [row] = await deps.db
        .select()
        .from(intakeVisits)
        .where(
          and(
            eq(intakeVisits.facilityCode, key.facilityCode),
            eq(intakeVisits.visitKey, key.visitKey),
            eq(intakeVisits.state, 'review'),
            visible(admin),
          ),
        );
      if (row === undefined) return fail(intakeReviewIssue('intake-review-not-found', key));
      let decision: ReviewDecision;
      if (request.action === 'attach') {
        if (!(row.candidates ?? []).includes(request.personId)) {
          return fail(intakeReviewIssue('intake-review-candidate-unknown'));
        }
        decision = { personId: request.personId };
      } else {
        const station = await communeStationId(
          deps.db,
          request.communeCode,
          deps.clock.now().toISOString().slice(0, 10),
          admin.orgUnitId,
        );
        if (station === undefined) {
          return fail(
            intakeReviewIssue('intake-review-commune-outside', { communeCode: request.communeCode }),
          );
        }
        decision = { create: { stationId: station, communeCode: request.communeCode } };
      }
      const reading = await deps.intake.readKept(row.receiptId);
      if (reading === undefined) return fail(intakeReviewIssue('intake-review-unreadable'));
      const ids = await deps.healthIds.reserve(1 + reading.newborns.length);
      const at = deps.clock.now();
      try {
        return await deps.commit.transaction(async (record) => {
          // Decided once: a second admin deciding at the same moment finds it decided and changes nothing.
          const claimed = await record.tx
            .update(intakeVisits)
            .set({ state: 'accepted', resolvedBy: admin.userName, updatedAt: at })
            .where(
              and(
                eq(intakeVisits.facilityCode, key.facilityCode),
                eq(intakeVisits.visitKey, key.visitKey),
                eq(intakeVisits.state, 'review'),
              ),
            )
            .returning({ visitKey: intakeVisits.visitKey });
          if (claimed.length === 0) return fail(intakeReviewIssue('intake-review-not-found', key));
          const accepted = await deps.intake.acceptDecided(record, {
            hospitalUnitId: row.hospitalUnitId,
            admin,
            reading,
            decision,
            ids,
            at,
          });
          await record.tx
            .update(intakeVisits)
            .set({
              personId: accepted.person.id,
              encounterId: accepted.encounter.id,
              reviewReason: null,
              candidates: null,
              reviewUnitId: null,
            })
            .where(
              and(eq(intakeVisits.facilityCode, key.facilityCode), eq(intakeVisits.visitKey, key.visitKey)),
            );
          await deps.audit.append(record.tx, {
            action: 'intake-reviewed',
            actorAccountId: admin.accountId,
            orgUnitId: admin.orgUnitId,
            targetType: 'persons',
            targetId: accepted.person.id,
            detail: {
              facilityCode: key.facilityCode,
              encounterId: accepted.encounter.id,
              decision: request.action,
              reason: row.reviewReason,
            },
          });
          return ok({
            personId: accepted.person.id,
            healthId: accepted.person.healthId,
            encounterId: accepted.encounter.id,
          });
        });
      } finally {
        ids.release();
      }
    },
  };
}
