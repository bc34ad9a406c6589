import { defineIssues } from '#shared/errors/issue.ts';
import { fail, type Result } from '#shared/errors/result.ts';
import type { DerivedPersonField } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import type { ReplicaWriter } from './replica-writer.ts';
import type { ResidentDraft } from './resident-registration.ts';

const issue = defineIssues({
  'resident-unknown': 'Không tìm thấy người này trên máy trạm. Tìm lại hoặc đồng bộ rồi thử lại.',
  'resident-not-active':
    'Hồ sơ này đã ghi chuyển đi, đã mất hoặc đã gộp. Chỉ tuyến huyện sửa được trạng thái này; liên hệ quản trị viên.',
});

export type ResidentUpdates = {
  /** Changes the resident's own data (part A, and part B history); only the changed field groups are stamped. */
  update(id: string, changes: Partial<ResidentDraft>): Promise<Result<Person>>;
  /** Art. 8.2: moved away (to a commune, when known). The station keeps the record until the server moves it. */
  markMovedAway(id: string, movedOutTo?: string): Promise<Result<Person>>;
  /** Art. 8.2: deceased on `deathDate` (a partial date). A recorded death is sticky in every merge. */
  markDeceased(id: string, deathDate: Person['deathDate'] & string): Promise<Result<Person>>;
};

/** Updates of residents on the station, written through the replica writer (stamped, validated, queued for sync). */
export function createResidentUpdates(deps: { db: StationDatabase; writer: ReplicaWriter }): ResidentUpdates {
  async function write(
    id: string,
    change: (person: Person) => Omit<Person, DerivedPersonField>,
  ): Promise<Result<Person>> {
    const doc = await deps.db.persons.findOne(id).exec();
    if (doc === null) return fail(issue('resident-unknown'));
    const before = doc.toJSON() as Person;
    if (before.status !== 'active') return fail(issue('resident-not-active'));
    return deps.writer.write('persons', before, change(before));
  }

  return {
    update: (id, changes) => write(id, (person) => ({ ...person, ...changes })),
    markMovedAway: (id, movedOutTo) =>
      write(id, (person) => ({
        ...person,
        status: 'moved_out',
        ...(movedOutTo === undefined ? {} : { movedOutTo }),
      })),
    markDeceased: (id, deathDate) => write(id, (person) => ({ ...person, status: 'deceased', deathDate })),
  };
}
