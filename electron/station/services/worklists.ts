import { addDays } from '#shared/clinical/calendar-days.ts';
import { immunizationsDue } from '#shared/clinical/immunization-due.ts';
import { tcmrSchedule } from '#shared/reference-data/vaccine-schedule.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import {
  worklistKinds,
  type DueResidentSummary,
  type FollowUpResidentSummary,
  type ResidentSummary,
  type WorklistFilter,
  type WorklistKind,
  type WorklistSort,
} from '#shared/station-api/station-api.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { summaryOf } from './resident-search.ts';
import { filterWorklist } from './worklist-filter.ts';

export type Worklist = {
  readonly kind: WorklistKind;
  readonly count: number;
  /** The first `limit` residents of the list, in Vietnamese order. */
  readonly residents: readonly (ResidentSummary | DueResidentSummary)[];
};

/** One worklist read through a filter: `count` residents match out of `total`. */
export type FilteredWorklist = Worklist & { readonly total: number };

/** Residents answered per list unless more are asked for. */
const DEFAULT_LIST_LIMIT = 50;
/** Children younger than this are checked against the child immunization schedule. */
const CHILD_SCHEDULE_YEARS = 6;

/**
 * Each worklist's residents in Vietnamese order, for the due list the doses due of each child, and for the hospital
 * follow-ups each resident's appointment.
 */
type WorklistMembers = {
  readonly lists: ReadonlyMap<WorklistKind, readonly Person[]>;
  readonly dueOf: ReadonlyMap<string, DueResidentSummary['due']>;
  readonly followUpOf: ReadonlyMap<string, FollowUpResidentSummary['followUp']>;
};

/** Hospital follow-ups shown from a week past (not yet come back) to a month ahead (to remind). */
const FOLLOW_UP_DAYS_BEFORE = 7;
const FOLLOW_UP_DAYS_AHEAD = 30;

/**
 * The station's worklists (Art. 8.2), computed from the replica on `onDate`: active residents without a
 * CCCD, without a phone, without a periodic exam or screening in the last year, children with vaccinations due or
 * overdue, residents a hospital asked back for a follow-up (from a week ago to a month ahead), and the annual review (residents marked moved away or deceased still held, and suspected duplicates: the
 * same CCCD, or the same folded name, date of birth and sex).
 */
export async function computeWorklists(
  db: StationDatabase,
  onDate: string,
  limit = DEFAULT_LIST_LIMIT,
): Promise<Worklist[]> {
  const members = await worklistMembers(db, onDate);
  return worklistKinds.map((kind) => {
    const persons = members.lists.get(kind) ?? [];
    return {
      kind,
      count: persons.length,
      residents: persons.slice(0, limit).map((person) => residentOf(kind, person, members)),
    };
  });
}

/** One worklist on `onDate` through `filter`, in `sort` order (Vietnamese name order by default). */
export async function readWorklist(
  db: StationDatabase,
  kind: WorklistKind,
  onDate: string,
  query: { readonly filter?: WorklistFilter; readonly sort?: WorklistSort; readonly limit?: number } = {},
): Promise<FilteredWorklist> {
  const members = await worklistMembers(db, onDate);
  const persons = members.lists.get(kind) ?? [];
  const rows = persons.map((person) => residentOf(kind, person, members));
  const chosen = filterWorklist(rows, query.filter ?? {}, query.sort ?? 'name', onDate);
  return {
    kind,
    count: chosen.length,
    total: rows.length,
    residents: chosen.slice(0, query.limit ?? DEFAULT_LIST_LIMIT),
  };
}

function residentOf(
  kind: WorklistKind,
  person: Person,
  members: WorklistMembers,
): ResidentSummary | DueResidentSummary | FollowUpResidentSummary {
  const due = members.dueOf.get(person.id);
  if (kind === 'vaccinations-due' && due !== undefined) return dueSummaryOf(person, due);
  const followUp = members.followUpOf.get(person.id);
  if (kind === 'hospital-follow-ups' && followUp !== undefined) {
    const phone = person.phones[0] ?? person.caregiver?.phone ?? person.landline;
    return { ...summaryOf(person), followUp, ...(phone === undefined ? {} : { phone }) };
  }
  return summaryOf(person);
}

async function worklistMembers(db: StationDatabase, onDate: string): Promise<WorklistMembers> {
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

  // Hospital follow-ups: per resident the nearest appointment still ahead, else the latest one missed this week.
  const followUpOf = new Map<string, FollowUpResidentSummary['followUp']>();
  const from = addDays(onDate, -FOLLOW_UP_DAYS_BEFORE);
  const to = addDays(onDate, FOLLOW_UP_DAYS_AHEAD);
  const visits = (await db.encounters.find({ selector: { kind: 'hospital-visit' } }).exec()).map(
    (doc) => doc.toJSON() as Encounter,
  );
  for (const visit of visits) {
    const date = visit.hospital?.followUp?.date;
    if (date === undefined || date < from || date > to) continue;
    const held = followUpOf.get(visit.personId);
    const better =
      held === undefined ||
      (date >= onDate ? held.date < onDate || date < held.date : held.date < onDate && date > held.date);
    if (better)
      followUpOf.set(visit.personId, { date, hospital: visit.signer?.name ?? visit.source.facilityCode });
  }

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

  const inNameOrder = (members: readonly Person[]) =>
    [...members].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return {
    lists: new Map<WorklistKind, readonly Person[]>([
      ['missing-personal-id', inNameOrder(active.filter((p) => p.personalId === undefined))],
      ['missing-phone', inNameOrder(active.filter((p) => p.phones.length === 0))],
      ['missing-screening', inNameOrder(active.filter((p) => !examined.has(p.id)))],
      ['vaccinations-due', inNameOrder(dueChildren)],
      ['hospital-follow-ups', inNameOrder(active.filter((p) => followUpOf.has(p.id)))],
      ['annual-review', inNameOrder(review)],
    ]),
    dueOf,
    followUpOf,
  };
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
