import { randomUUID } from 'node:crypto';
import { birthDateAfterToday } from '#shared/dates/birth-date-after-today.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { defineIssues, type Issue } from '#shared/errors/issue.ts';
import type { Result } from '#shared/errors/result.ts';
import type { DerivedPersonField } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import { nameSearchKey } from '#shared/text/search-keys.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import type { HealthIdIssuer } from './health-id-issuer.ts';
import type { ReplicaWriter } from './replica-writer.ts';

/** What the registration form sends: the resident's own data; the station fills in ids, unit, stamps and times. */
export type ResidentDraft = Omit<
  Person,
  | DerivedPersonField
  | 'id'
  | 'orgUnitId'
  | 'createdAt'
  | 'updatedAt'
  | 'synthetic'
  | 'stamps'
  | 'healthId'
  | 'status'
>;

/** A resident of the replica who may be the same person as the draft, and why. */
export type DuplicateCandidate = {
  readonly person: Person;
  readonly reason: 'same-personal-id' | 'same-name-birth-sex';
};

const issue = defineIssues({
  'resident-possible-duplicate':
    'Có {count} người trong sổ có thể trùng với người đang đăng ký. Xem và so sánh; nếu đúng là người khác, xác nhận để đăng ký tiếp.',
});

export type ResidentRegistration = {
  /** Residents of the replica that may be the draft's person: same CCCD, or same folded name + date of birth + sex. */
  findDuplicates(draft: ResidentDraft): Promise<DuplicateCandidate[]>;
  /**
   * Registers the resident (Art. 14.4): a health ID from the device's pool, shown at once; refused with the
   * candidates unless every candidate was acknowledged as a different person, and refused when born after today
   * (Hà Nội's date). Written locally and queued for sync.
   */
  register(
    draft: ResidentDraft,
    options?: { acknowledgedDuplicateIds?: readonly string[] },
  ): Promise<Result<Person> | { ok: false; errors: [Issue, ...Issue[]]; candidates: DuplicateCandidate[] }>;
};

export function createResidentRegistration(deps: {
  db: StationDatabase;
  issuer: HealthIdIssuer;
  writer: ReplicaWriter;
  clock: { now(): Date };
  orgUnitId: string;
  /** Registrations of a demo station are synthetic residents. */
  synthetic?: boolean;
}): ResidentRegistration {
  const { db } = deps;

  async function findDuplicates(draft: ResidentDraft): Promise<DuplicateCandidate[]> {
    const found = new Map<string, DuplicateCandidate>();
    if (draft.personalId !== undefined) {
      const same = await db.persons.find({ selector: { identityKey: draft.personalId } }).exec();
      for (const doc of same)
        found.set(doc.id, { person: doc.toJSON() as Person, reason: 'same-personal-id' });
    }
    const named = await db.persons.find({ selector: { searchName: nameSearchKey(draft.fullName) } }).exec();
    for (const doc of named) {
      const person = doc.toJSON() as Person;
      if (found.has(person.id) || person.sex !== draft.sex) continue;
      if (JSON.stringify(person.dateOfBirth) !== JSON.stringify(draft.dateOfBirth)) continue;
      found.set(person.id, { person, reason: 'same-name-birth-sex' });
    }
    return [...found.values()].filter((c) => c.person.status !== 'merged');
  }

  return {
    findDuplicates,
    async register(draft, options = {}) {
      const future = birthDateAfterToday(
        draft.dateOfBirth,
        hanoiCalendarDate(deps.clock.now()),
        'dateOfBirth',
      );
      if (future !== undefined) return { ok: false, errors: [future] };
      const candidates = await findDuplicates(draft);
      const acknowledged = new Set(options.acknowledgedDuplicateIds ?? []);
      const unacknowledged = candidates.filter((c) => !acknowledged.has(c.person.id));
      if (unacknowledged.length > 0) {
        return {
          ok: false,
          errors: [issue('resident-possible-duplicate', { count: unacknowledged.length })],
          candidates: unacknowledged,
        };
      }
      const healthId = await deps.issuer.issue();
      if (!healthId.ok) return healthId;
      const at = deps.clock.now();
      return deps.writer.write(
        'persons',
        undefined,
        {
          ...draft,
          id: randomUUID(),
          orgUnitId: deps.orgUnitId,
          createdAt: at.toISOString(),
          synthetic: deps.synthetic ?? false,
          healthId: healthId.value,
          status: 'active',
        },
        at,
      );
    },
  };
}
