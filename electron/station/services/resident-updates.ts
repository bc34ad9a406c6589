import { birthDateAfterToday } from '#shared/dates/birth-date-after-today.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import type { DerivedPersonField } from '#shared/schemas/person-derived-fields.ts';
import {
  MAX_CORRECTIONS,
  reasonedFields,
  type DemographicCorrection,
  type Person,
} from '#shared/schemas/person.ts';
import type { ClearableResidentField } from '#shared/station-api/station-api.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import type { ReplicaWriter } from './replica-writer.ts';
import type { DuplicateCandidate, ResidentDraft, ResidentRegistration } from './resident-registration.ts';

const issue = defineIssues({
  'resident-unknown': 'Không tìm thấy người này trên máy trạm. Tìm lại hoặc đồng bộ rồi thử lại.',
  'resident-not-active':
    'Hồ sơ này đã ghi chuyển đi, đã mất hoặc đã gộp. Chỉ tuyến huyện sửa được trạng thái này; liên hệ quản trị viên.',
  'correction-reason-required':
    'Sửa ngày sinh hoặc giới tính cần ghi lý do (ví dụ: "nhập nhầm, đối chiếu CCCD"). Ghi lý do rồi lưu lại.',
  'resident-possible-duplicate':
    'Giấy tờ hoặc thông tin vừa sửa trùng với {count} người khác trong sổ. Xem và so sánh; nếu đúng là người khác, xác nhận để lưu.',
});

/** The fields whose change re-runs the duplicate check (the ones `findDuplicates` compares). */
const identifyingFields = ['personalId', 'legacyId', 'fullName', 'dateOfBirth', 'sex'] as const;

export type UpdateOptions = {
  /** Optional fields to remove (unless `changes` sets them). */
  readonly clear?: readonly ClearableResidentField[];
  /** Why a birth date or sex is corrected; required when either changes. */
  readonly correctionReason?: string;
  /** Residents the health worker compared and confirmed are other people. */
  readonly acknowledgedDuplicateIds?: readonly string[];
};

export type UpdateResult =
  Result<Person> | { ok: false; errors: [Issue, ...Issue[]]; candidates: DuplicateCandidate[] };

export type ResidentUpdates = {
  /**
   * Changes the resident's own data (part A, and part B history); only the changed field groups are stamped. A
   * changed birth date or sex needs a reason and is recorded in `corrections` (what it was, why, when, by whom); a
   * birth date after today is refused; changed identifying fields are checked for duplicates again.
   */
  update(id: string, changes: Partial<ResidentDraft>, options?: UpdateOptions): Promise<UpdateResult>;
  /** Art. 8.2: moved away (to a commune, when known). The station keeps the record until the server moves it. */
  markMovedAway(id: string, movedOutTo?: string): Promise<Result<Person>>;
  /** Art. 8.2: deceased on `deathDate` (a partial date). A recorded death is sticky in every merge. */
  markDeceased(id: string, deathDate: Person['deathDate'] & string): Promise<Result<Person>>;
};

/** Updates of residents on the station, written through the replica writer (stamped, validated, queued for sync). */
export function createResidentUpdates(deps: {
  db: StationDatabase;
  writer: ReplicaWriter;
  registration: Pick<ResidentRegistration, 'findDuplicates'>;
  clock: { now(): Date };
  /** The signed-in account's user name, named in a correction. */
  userName: () => string | undefined;
}): ResidentUpdates {
  async function current(id: string): Promise<Result<Person>> {
    const doc = await deps.db.persons.findOne(id).exec();
    if (doc === null) return fail(issue('resident-unknown'));
    const person = doc.toJSON() as Person;
    if (person.status !== 'active') return fail(issue('resident-not-active'));
    return ok(person);
  }

  async function write(
    id: string,
    change: (person: Person) => Omit<Person, DerivedPersonField>,
  ): Promise<Result<Person>> {
    const before = await current(id);
    if (!before.ok) return before;
    return deps.writer.write('persons', before.value, change(before.value));
  }

  /** The corrections `changes` make to reasoned fields, or why they cannot be made. */
  function corrections(
    before: Person,
    changes: Partial<ResidentDraft>,
    reason: string | undefined,
  ): Result<DemographicCorrection[]> {
    const changed = reasonedFields.filter(
      (field) => changes[field] !== undefined && changes[field] !== before[field],
    );
    if (changed.length === 0) return ok([]);
    if (changes.dateOfBirth !== undefined && changed.includes('dateOfBirth')) {
      const future = birthDateAfterToday(
        changes.dateOfBirth,
        hanoiCalendarDate(deps.clock.now()),
        'dateOfBirth',
      );
      if (future !== undefined) return fail(future);
    }
    if (reason === undefined || reason.trim() === '')
      return fail(issue('correction-reason-required', undefined, 'correctionReason'));
    const at = deps.clock.now().toISOString();
    const by = deps.userName();
    return ok(
      changed.map((field) => ({
        field,
        previous: before[field],
        reason,
        at,
        ...(by === undefined ? {} : { by }),
      })),
    );
  }

  return {
    async update(id, changes, options = {}) {
      const before = await current(id);
      if (!before.ok) return before;
      const person = before.value;
      const corrected = corrections(person, changes, options.correctionReason);
      if (!corrected.ok) return corrected;
      const removed = new Set<string>((options.clear ?? []).filter((field) => !(field in changes)));
      const after = Object.fromEntries(
        Object.entries({ ...person, ...changes }).filter(([field]) => !removed.has(field)),
      ) as Person;
      if (identifyingFields.some((field) => JSON.stringify(after[field]) !== JSON.stringify(person[field]))) {
        const acknowledged = new Set(options.acknowledgedDuplicateIds ?? []);
        const candidates = (await deps.registration.findDuplicates(after)).filter(
          (candidate) => candidate.person.id !== id && !acknowledged.has(candidate.person.id),
        );
        if (candidates.length > 0) {
          return {
            ok: false,
            errors: [issue('resident-possible-duplicate', { count: candidates.length })],
            candidates,
          };
        }
      }
      return deps.writer.write('persons', person, {
        ...after,
        ...(corrected.value.length === 0
          ? {}
          : { corrections: [...(person.corrections ?? []), ...corrected.value].slice(-MAX_CORRECTIONS) }),
      });
    },
    markMovedAway: (id, movedOutTo) =>
      write(id, (person) => ({
        ...person,
        status: 'moved_out',
        ...(movedOutTo === undefined ? {} : { movedOutTo }),
      })),
    markDeceased: (id, deathDate) => write(id, (person) => ({ ...person, status: 'deceased', deathDate })),
  };
}
