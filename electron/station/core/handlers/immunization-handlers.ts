import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import type { StationCommand } from '#shared/station-api/station-api.ts';
import type { ClinicalRecords } from '../../services/clinical-records.ts';
import { answerOf, type StationHandlers } from '../station-handlers.ts';

export type ImmunizationCommand = Extract<StationCommand, `immunizations.${string}`>;

/** Record doses, mark one entered in error, and the child schedule's next doses (on the Hà Nội date by default). */
export function createImmunizationHandlers(deps: {
  clinical: ClinicalRecords;
  clock: { now(): Date };
}): StationHandlers<ImmunizationCommand> {
  const { clinical } = deps;
  return {
    'immunizations.record': async ({ entry, reason, notVaccinated }) =>
      answerOf(
        await clinical.recordImmunization(entry, { reason, notVaccinated }),
        (immunization, warnings) => ({
          immunization,
          warnings,
        }),
      ),
    'immunizations.markEnteredInError': async ({ id }) =>
      answerOf(await clinical.markImmunizationEnteredInError(id), (immunization) => ({ immunization })),
    'immunizations.due': async ({ personId, onDate }) =>
      answerOf(
        await clinical.immunizationsDueFor(personId, onDate ?? hanoiCalendarDate(deps.clock.now())),
        (due) => ({ due }),
      ),
  };
}
