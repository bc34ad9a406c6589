import { createHlc, type Hlc, type HlcTimestamp } from '../../../shared/clock/hlc.ts';
import type { StationDatabase } from '../database/station-collections.ts';

const LAST_STAMP_DOC = 'hlc-last';

/**
 * The device's hybrid logical clock, resumed from the last stamp it issued (kept as a local document of the replica)
 * so that a restart with the PC's clock set back never issues a stamp lower than one already written: the server's
 * merges compare these stamps. Every stamp is persisted after it is issued, latest first, one write at a time; a
 * crash can lose at most the stamps of writes that were still in flight.
 */
export async function openStationHlc(
  db: StationDatabase,
  options: { node: string; now: () => number },
): Promise<Hlc> {
  const last = (await db.getLocal<HlcTimestamp>(LAST_STAMP_DOC))?.toJSON().data;
  const hlc = createHlc({ ...options, ...(last === undefined ? {} : { last }) });
  let pending: HlcTimestamp | undefined;
  let writing = false;

  const persist = (stamp: HlcTimestamp): HlcTimestamp => {
    pending = stamp;
    if (!writing) {
      writing = true;
      void (async () => {
        while (pending !== undefined) {
          const next = pending;
          pending = undefined;
          await db.upsertLocal<HlcTimestamp>(LAST_STAMP_DOC, next).catch(() => undefined);
        }
        writing = false;
      })();
    }
    return stamp;
  };

  return {
    now: () => persist(hlc.now()),
    receive: (remote) => persist(hlc.receive(remote)),
  };
}
