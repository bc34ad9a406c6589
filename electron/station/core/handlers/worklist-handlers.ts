import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import type { StationCommand } from '#shared/station-api/station-api.ts';
import { worklistFilterLine } from '#shared/station-api/worklist-filter-line.ts';
import { worklistTitles } from '#shared/station-api/worklist-titles.ts';
import type { StationDatabase } from '../../database/station-collections.ts';
import type { AccessLog } from '../../services/access-log.ts';
import { worklistWorkbook } from '../../services/worklist-workbook.ts';
import { computeWorklists, readWorklist } from '../../services/worklists.ts';
import { answerValue, type StationHandlers } from '../station-handlers.ts';

export type WorklistCommand = Extract<StationCommand, `worklists.${string}`>;

/** The most residents an export or a print holds. */
const ALL_ROWS = 10_000;

/**
 * The Art. 8.2 worklists of the replica, on the Hà Nội date by default: all of them with counts, one filtered and
 * sorted, exported to Excel or printed. Every export and print is in the access log with the list and its size.
 */
export function createWorklistHandlers(deps: {
  db: StationDatabase;
  clock: { now(): Date };
  access: AccessLog;
  userName: () => string | undefined;
  stationName: string;
}): StationHandlers<WorklistCommand> {
  const today = () => hanoiCalendarDate(deps.clock.now());
  return {
    'worklists.summary': async ({ onDate, limit }) =>
      answerValue({ lists: await computeWorklists(deps.db, onDate ?? today(), limit) }),
    'worklists.list': async ({ kind, onDate, filter, sort, limit }) =>
      answerValue(
        await readWorklist(deps.db, kind, onDate ?? today(), {
          ...(filter === undefined ? {} : { filter }),
          ...(sort === undefined ? {} : { sort }),
          ...(limit === undefined ? {} : { limit }),
        }),
      ),
    'worklists.export': async ({ kind, onDate, filter = {}, sort }) => {
      const on = onDate ?? today();
      const list = await readWorklist(deps.db, kind, on, {
        filter,
        ...(sort === undefined ? {} : { sort }),
        limit: ALL_ROWS,
      });
      const userName = deps.userName() ?? '?';
      const workbook = await worklistWorkbook({
        kind,
        rows: list.residents,
        onDate: on,
        stationName: deps.stationName,
        exportedBy: userName,
        filterLine: worklistFilterLine(filter),
      });
      await deps.access.record('worklist-exported', userName, undefined, {
        kind,
        rows: list.residents.length,
      });
      return answerValue({
        fileName: `${fileNamePart(worklistTitles[kind])}_${on.split('-').reverse().join('-')}.xlsx`,
        rows: list.residents.length,
        xlsxBase64: workbook.toString('base64'),
      });
    },
    'worklists.printed': async ({ kind, count }) => {
      await deps.access.record('worklist-printed', deps.userName() ?? '?', undefined, { kind, rows: count });
      return answerValue({});
    },
  };
}

/** A list's title as a file name: letters and digits of any script, words joined by "-". */
function fileNamePart(title: string): string {
  return title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}
