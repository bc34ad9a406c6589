import { defineIssues } from '#shared/errors/issue.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { StationCommand } from '#shared/station-api/station-api.ts';
import type { StationDatabase } from '../../database/station-collections.ts';
import type { AccessLog } from '../../services/access-log.ts';
import type { ResidentDraft, ResidentRegistration } from '../../services/resident-registration.ts';
import { summaryOf, type ResidentSearch } from '../../services/resident-search.ts';
import type { ResidentUpdates } from '../../services/resident-updates.ts';
import { answerIssues, answerOf, answerValue, type StationHandlers } from '../station-handlers.ts';

const issue = defineIssues({
  'station-resident-not-found': 'Không tìm thấy người này trên máy trạm. Tìm lại hoặc đồng bộ rồi thử lại.',
});

export type ResidentCommand = Extract<StationCommand, `residents.${string}`>;

/** Finding, reading, registering and changing residents; every read of a resident's record is in the access log. */
export function createResidentHandlers(deps: {
  db: StationDatabase;
  search: ResidentSearch;
  registration: ResidentRegistration;
  updates: ResidentUpdates;
  access: AccessLog;
  /** The signed-in account's user name. */
  userName: () => string | undefined;
}): StationHandlers<ResidentCommand> {
  const { db, registration, updates } = deps;
  const toCandidateView = (
    candidate: Awaited<ReturnType<ResidentRegistration['findDuplicates']>>[number],
  ) => ({
    person: summaryOf(candidate.person),
    reason: candidate.reason,
  });
  return {
    'residents.search': async ({ query, limit }) =>
      answerValue({ residents: await deps.search.search(query, limit) }),
    'residents.get': async ({ id }) => {
      const person = await db.persons.findOne(id).exec();
      if (person === null) return answerIssues([issue('station-resident-not-found')]);
      await deps.access.record('person-read', deps.userName() ?? '?', id);
      const encounters = await db.encounters
        .find({ selector: { personId: id }, sort: [{ date: 'desc' }] })
        .exec();
      const immunizations = await db.immunizations
        .find({ selector: { personId: id }, sort: [{ date: 'asc' }] })
        .exec();
      return answerValue({
        person: person.toJSON() as Person,
        encounters: encounters.map((doc) => doc.toJSON() as Encounter),
        immunizations: immunizations.map((doc) => doc.toJSON() as Immunization),
      });
    },
    'residents.printed': async ({ id }) => {
      const person = await db.persons.findOne(id).exec();
      if (person === null) return answerIssues([issue('station-resident-not-found')]);
      await deps.access.record('person-printed', deps.userName() ?? '?', id);
      return answerValue({});
    },
    'residents.findDuplicates': async ({ draft }) =>
      answerValue({
        candidates: (await registration.findDuplicates(draft as ResidentDraft)).map(toCandidateView),
      }),
    'residents.register': async ({ draft, acknowledgedDuplicateIds }) => {
      const result = await registration.register(draft, {
        ...(acknowledgedDuplicateIds === undefined ? {} : { acknowledgedDuplicateIds }),
      });
      if ('candidates' in result) {
        return { ok: false, errors: result.errors, candidates: result.candidates.map(toCandidateView) };
      }
      return answerOf(result, (person) => ({ person }));
    },
    'residents.update': async ({ id, changes, clear, correctionReason, acknowledgedDuplicateIds }) => {
      const result = await updates.update(id, changes as Partial<ResidentDraft>, {
        ...(clear === undefined ? {} : { clear }),
        ...(correctionReason === undefined ? {} : { correctionReason }),
        ...(acknowledgedDuplicateIds === undefined ? {} : { acknowledgedDuplicateIds }),
      });
      if ('candidates' in result) {
        return { ok: false, errors: result.errors, candidates: result.candidates.map(toCandidateView) };
      }
      return answerOf(result, (person) => ({ person }));
    },
    'residents.markMovedAway': async ({ id, movedOutTo }) =>
      answerOf(await updates.markMovedAway(id, movedOutTo), (person) => ({ person })),
    'residents.markDeceased': async ({ id, deathDate }) =>
      answerOf(await updates.markDeceased(id, deathDate), (person) => ({ person })),
  };
}
