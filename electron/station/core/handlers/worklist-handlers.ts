import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import type { StationCommand } from '#shared/station-api/station-api.ts';
import type { StationDatabase } from '../../database/station-collections.ts';
import { computeWorklists } from '../../services/worklists.ts';
import { answerValue, type StationHandlers } from '../station-handlers.ts';

export type WorklistCommand = Extract<StationCommand, `worklists.${string}`>;

/** The Art. 8.2 worklists of the replica, on the Hà Nội date by default. */
export function createWorklistHandlers(deps: {
  db: StationDatabase;
  clock: { now(): Date };
}): StationHandlers<WorklistCommand> {
  return {
    'worklists.summary': async ({ onDate, limit }) =>
      answerValue({
        lists: await computeWorklists(deps.db, onDate ?? hanoiCalendarDate(deps.clock.now()), limit),
      }),
  };
}
