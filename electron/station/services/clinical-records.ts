import { randomUUID } from 'node:crypto';
import { doseSafety, notVaccinatedSafety } from '#shared/clinical/dose-safety.ts';
import { immunizationsDue, type ImmunizationDue } from '#shared/clinical/immunization-due.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { tcmrSchedule } from '#shared/reference-data/vaccine-schedule.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import { withBmi } from '#shared/schemas/vitals.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import type { ReplicaWriter } from './replica-writer.ts';

/** What the exam form sends; the station fills ids, unit, stamps, status and source. */
export type ExamDraft = Omit<
  Encounter,
  | 'id'
  | 'orgUnitId'
  | 'createdAt'
  | 'updatedAt'
  | 'synthetic'
  | 'stamps'
  | 'status'
  | 'signer'
  | 'signedAt'
  | 'amends'
  | 'source'
>;
export type ImmunizationEntry = Omit<
  Immunization,
  'id' | 'orgUnitId' | 'createdAt' | 'updatedAt' | 'synthetic' | 'stamps' | 'status' | 'source' | 'amends'
>;

const issue = defineIssues({
  'exam-not-found': 'Không tìm thấy phiếu khám này trên máy trạm. Tải lại hồ sơ rồi thử lại.',
  'exam-signed-read-only': 'Phiếu khám đã ký không sửa được. Dùng "Bổ sung" để lập phiếu điều chỉnh.',
  'exam-not-signed': 'Chỉ lập phiếu bổ sung cho phiếu đã ký. Phiếu nháp thì sửa trực tiếp.',
  'immunization-not-found': 'Không tìm thấy mũi tiêm này trên máy trạm. Tải lại hồ sơ rồi thử lại.',
  'resident-unknown': 'Không tìm thấy người này trên máy trạm. Tìm lại hoặc đồng bộ rồi thử lại.',
  'resident-not-active': 'Người này đã chuyển đi, đã mất hoặc đã gộp hồ sơ; không ghi thêm khám hay tiêm.',
});

export type ClinicalRecords = {
  /** Saves a new draft exam (no `id`) or updates a draft; BMI is computed from weight and height. */
  saveExamDraft(draft: ExamDraft, id?: string): Promise<Result<Encounter>>;
  /** Signs a draft: from then on it never changes (Art. 8; corrections are amendments). */
  signExam(id: string, signer: Encounter['signer'] & object): Promise<Result<Encounter>>;
  /** A new draft that amends a signed exam, starting from its content. */
  amendExam(id: string): Promise<Result<Encounter>>;
  /**
   * Records a dose after the schedule's safety checks: a dose that cannot have happened is refused; one the schedule
   * questions (too young, too soon, past the series) is refused unless `reason` says why, which is kept with it. The
   * result carries the schema's warnings (a vaccine outside the catalogue, …). With `notVaccinated`, notes instead
   * that the person has not had this dose ("Chưa chủng ngừa", status `not-vaccinated`; no lot or reaction kept):
   * refused for a dose already recorded as given.
   */
  recordImmunization(
    entry: ImmunizationEntry,
    options?: { readonly reason?: string | undefined; readonly notVaccinated?: boolean | undefined },
  ): Promise<Result<Immunization>>;
  /**
   * Marks a recorded dose `entered-in-error` (a dose recorded by mistake: doses are append-only, so it is never
   * deleted or edited); it then no longer counts for the schedule. Marking it again changes nothing.
   */
  markImmunizationEnteredInError(id: string): Promise<Result<Immunization>>;
  /** The resident's next doses of the child schedule with their status on `onDate` (overdue, due, upcoming). */
  immunizationsDueFor(personId: string, onDate: string): Promise<Result<readonly ImmunizationDue[]>>;
};

/**
 * Exams (QĐ 831 part D) and immunizations (part C) on the station. Every write goes through the replica writer:
 * stamped with the device's HLC, validated against the shared schema, stored with its outbox entry.
 */
export function createClinicalRecords(deps: {
  db: StationDatabase;
  writer: ReplicaWriter;
  clock: { now(): Date };
  orgUnitId: string;
  facilityCode: string;
}): ClinicalRecords {
  const { db } = deps;
  const now = () => deps.clock.now().toISOString();

  async function activePerson(personId: string): Promise<Result<Person>> {
    const doc = await db.persons.findOne(personId).exec();
    if (doc === null) return fail(issue('resident-unknown'));
    const person = doc.toJSON() as Person;
    return person.status === 'active' ? ok(person) : fail(issue('resident-not-active'));
  }

  function storeEncounter(before: Encounter | undefined, next: Omit<Encounter, 'stamps' | 'updatedAt'>) {
    return deps.writer.write('encounters', before, { ...next, stamps: before?.stamps ?? {} });
  }

  async function storedEncounter(id: string): Promise<Encounter | undefined> {
    return (await db.encounters.findOne(id).exec())?.toJSON() as Encounter | undefined;
  }

  return {
    async saveExamDraft(draft, id) {
      const person = await activePerson(draft.personId);
      if (!person.ok) return person;
      const before = id === undefined ? undefined : await storedEncounter(id);
      if (id !== undefined && before === undefined) return fail(issue('exam-not-found'));
      if (before?.status === 'signed') return fail(issue('exam-signed-read-only'));
      return storeEncounter(before, {
        ...draft,
        ...(draft.vitals === undefined ? {} : { vitals: withBmi(draft.vitals) }),
        id: before?.id ?? randomUUID(),
        orgUnitId: before?.orgUnitId ?? deps.orgUnitId,
        createdAt: before?.createdAt ?? now(),
        synthetic: before?.synthetic ?? false,
        status: 'draft',
        ...(before?.amends === undefined ? {} : { amends: before.amends }),
        source: { kind: 'station', facilityCode: deps.facilityCode },
      });
    },
    async signExam(id, signer) {
      const before = await storedEncounter(id);
      if (before === undefined) return fail(issue('exam-not-found'));
      if (before.status === 'signed') return fail(issue('exam-signed-read-only'));
      return storeEncounter(before, { ...before, status: 'signed', signer, signedAt: now() });
    },
    async amendExam(id) {
      const original = await storedEncounter(id);
      if (original === undefined) return fail(issue('exam-not-found'));
      if (original.status !== 'signed') return fail(issue('exam-not-signed'));
      const {
        signer: _signer,
        signedAt: _signedAt,
        stamps: _stamps,
        updatedAt: _updatedAt,
        ...content
      } = original;
      return storeEncounter(undefined, {
        ...content,
        id: randomUUID(),
        orgUnitId: deps.orgUnitId,
        createdAt: now(),
        synthetic: original.synthetic,
        status: 'draft',
        amends: original.id,
        source: { kind: 'station', facilityCode: deps.facilityCode },
      });
    },
    async recordImmunization(entry, options = {}) {
      const { reason, notVaccinated = false } = options;
      const person = await activePerson(entry.personId);
      if (!person.ok) return person;
      const previous = (
        await deps.db.immunizations
          .find({ selector: { personId: entry.personId, status: 'recorded' } })
          .exec()
      ).map((doc) => doc.toJSON() as Immunization);
      const today = hanoiCalendarDate(deps.clock.now());
      if (notVaccinated) {
        const { lot: _lot, reaction: _reaction, ...noted } = entry;
        const [refused, ...more] = notVaccinatedSafety(noted, person.value.dateOfBirth, previous, today);
        if (refused !== undefined) return fail(refused, ...more);
        return deps.writer.write('immunizations', undefined, {
          ...noted,
          id: randomUUID(),
          orgUnitId: deps.orgUnitId,
          createdAt: now(),
          synthetic: false,
          stamps: {},
          status: 'not-vaccinated',
          source: { kind: 'station', facilityCode: deps.facilityCode },
        });
      }
      const findings = doseSafety(entry, person.value.dateOfBirth, previous, today);
      const refused = findings.filter((finding) => finding.severity === 'refuse');
      const questioned = findings.filter((finding) => finding.severity === 'confirm');
      const [first, ...rest] = refused.length > 0 ? refused : reason === undefined ? questioned : [];
      if (first !== undefined) return fail(first, ...rest);
      return deps.writer.write('immunizations', undefined, {
        ...entry,
        id: randomUUID(),
        orgUnitId: deps.orgUnitId,
        createdAt: now(),
        synthetic: false,
        stamps: {},
        status: 'recorded',
        source: { kind: 'station', facilityCode: deps.facilityCode },
        ...(questioned.length > 0 && reason !== undefined
          ? { safetyOverride: { reason, findings: questioned.map((finding) => finding.code) } }
          : {}),
      });
    },
    async markImmunizationEnteredInError(id) {
      const before = (await db.immunizations.findOne(id).exec())?.toJSON() as Immunization | undefined;
      if (before === undefined) return fail(issue('immunization-not-found'));
      if (before.status === 'entered-in-error') return ok(before);
      return deps.writer.write('immunizations', before, { ...before, status: 'entered-in-error' });
    },
    async immunizationsDueFor(personId, onDate) {
      const doc = await db.persons.findOne(personId).exec();
      if (doc === null) return fail(issue('resident-unknown'));
      const person = doc.toJSON() as Person;
      const doses = await db.immunizations.find({ selector: { personId } }).exec();
      return immunizationsDue({
        dateOfBirth: person.dateOfBirth,
        givenDoses: doses
          .map((d) => d.toJSON() as Immunization)
          .filter((d) => d.status === 'recorded')
          .map((d) => ({ vaccineCode: d.vaccineCode, dose: d.dose, date: d.date })),
        onDate,
        schedule: tcmrSchedule,
      });
    },
  };
}
