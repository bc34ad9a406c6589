import { addDays } from '#shared/clinical/calendar-days.ts';
import { immunizationsDue } from '#shared/clinical/immunization-due.ts';
import { tcmrSchedule } from '#shared/reference-data/vaccine-schedule.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { DueResidentSummary, ResidentSummary, WorklistKind } from '#shared/station-api/station-api.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { summaryOf } from './resident-search.ts';

export type Worklist = {
  readonly kind: WorklistKind;
  readonly count: number;
  /** The first `limit` residents of the list, in Vietnamese order. */
  readonly residents: readonly (ResidentSummary | DueResidentSummary)[];
};

/** Residents answered per list unless more are asked for. */
const DEFAULT_LIST_LIMIT = 50;
/** Children younger than this are checked against the child immunization schedule. */
const CHILD_SCHEDULE_YEARS = 6;

/**
 * The station's worklists (Art. 8.2), computed from the replica on `onDate`: active residents without a
 * CCCD, without a phone, without a periodic exam or screening in the last year, children with vaccinations due or
 * overdue, and the annual review (residents marked moved away or deceased still held, and suspected duplicates: the
 * same CCCD, or the same folded name, date of birth and sex).
 */
export async function computeWorklists(
  db: StationDatabase,
  onDate: string,
  limit = DEFAULT_LIST_LIMIT,
): Promise<Worklist[]> {
  const persons = (await db.persons.find({ sort: [{ orgUnitId: 'asc' }, { sortKey: 'asc' }] }).exec()).map(
    (doc) => doc.toJSON() as Person,
  );
  const active = persons.filter((p) => p.status === 'active');
  const yearAgo = addDays(onDate, -365);
  const examined = new Set(
    (await db.encounters.find({ selector: { date: { $gte: yearAgo } } }).exec())
      .map((doc) => doc.toJSON() as Encounter)
      .filter((e) => e.kind === 'periodic-exam' || e.kind === 'screening')
      .map((e) => e.personId),
  );

  const childCutoff = `${String(Number(onDate.slice(0, 4)) - CHILD_SCHEDULE_YEARS)}${onDate.slice(4)}`;
  const children = active.filter((p) => p.dateOfBirth.length === 10 && p.dateOfBirth >= childCutoff);
  const dueChildren: Person[] = [];
  const dueOf = new Map<string, DueResidentSummary['due']>();
  for (const child of children) {
    const doses = (await db.immunizations.find({ selector: { personId: child.id } }).exec())
      .map((doc) => doc.toJSON() as Immunization)
      .filter((d) => d.status === 'recorded');
    const due = immunizationsDue({
      dateOfBirth: child.dateOfBirth,
      givenDoses: doses,
      onDate,
      schedule: tcmrSchedule,
    });
    const now = due.ok ? due.value.filter((d) => d.status !== 'upcoming') : [];
    if (now.length > 0) {
      dueChildren.push(child);
      dueOf.set(
        child.id,
        now.map(({ vaccineCode, dose, dueDate }) => ({ vaccineCode, dose, dueDate })),
      );
    }
  }

  const byIdentity = new Map<string, Person[]>();
  const byNameBirthSex = new Map<string, Person[]>();
  for (const person of persons.filter((p) => p.status !== 'merged')) {
    if (person.identityKey !== '')
      byIdentity.set(person.identityKey, [...(byIdentity.get(person.identityKey) ?? []), person]);
    const key = `${person.searchName}|${person.dateOfBirth}|${person.sex}`;
    byNameBirthSex.set(key, [...(byNameBirthSex.get(key) ?? []), person]);
  }
  const suspected = new Map<string, Person>();
  for (const group of [...byIdentity.values(), ...byNameBirthSex.values()]) {
    if (group.length > 1) for (const person of group) suspected.set(person.id, person);
  }
  const review = [
    ...persons.filter((p) => p.status === 'moved_out' || p.status === 'deceased'),
    ...[...suspected.values()].filter((p) => p.status === 'active'),
  ];

  const list = (kind: WorklistKind, members: readonly Person[]): Worklist => ({
    kind,
    count: members.length,
    residents: [...members]
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .slice(0, limit)
      .map((person) => {
        const due = dueOf.get(person.id);
        return kind === 'vaccinations-due' && due !== undefined
          ? dueSummaryOf(person, due)
          : summaryOf(person);
      }),
  });
  return [
    list(
      'missing-personal-id',
      active.filter((p) => p.personalId === undefined),
    ),
    list(
      'missing-phone',
      active.filter((p) => p.phones.length === 0),
    ),
    list(
      'missing-screening',
      active.filter((p) => !examined.has(p.id)),
    ),
    list('vaccinations-due', dueChildren),
    list('annual-review', review),
  ];
}

/** A child of the "vaccinations due" list with the doses due and whom to call about them. */
function dueSummaryOf(person: Person, due: DueResidentSummary['due']): DueResidentSummary {
  const phone = person.phones[0] ?? person.caregiver?.phone ?? person.landline;
  const parent = person.mother ?? person.father ?? person.caregiver?.name;
  return {
    ...summaryOf(person),
    due,
    ...(phone === undefined ? {} : { phone }),
    ...(parent === undefined ? {} : { parent }),
  };
}
