import { createHlc, type Hlc, type HlcTimestamp } from '#shared/clock/hlc.ts';
import type { StationDatabase } from '../database/station-collections.ts';

const LAST_STAMP_DOC = 'hlc-last';
const RESUME_MARGIN_MS = 60_000;

/**
 * The device's hybrid logical clock, resumed from the last stamp it issued (kept as a local document of the replica)
 * so that a restart with the PC's clock set back never issues a stamp lower than one already written: the server's
 * merges compare these stamps. Every stamp is persisted after it is issued, latest first, one write at a time, and the
 * clock resumes a minute ahead of the saved stamp, which covers the writes still in flight at a crash.
 */
export async function openStationHlc(
  db: StationDatabase,
  options: { node: string; now: () => number },
): Promise<Hlc> {
  const saved = (await db.getLocal<HlcTimestamp>(LAST_STAMP_DOC))?.toJSON().data;
  // The saved stamp can lag the last one written by the writes in flight at a crash (saving is asynchronous), all
  // issued within moments of it: resume a margin ahead, so no stamp already written is ever issued again.
  const last =
    saved === undefined ? undefined : { ...saved, wallMs: saved.wallMs + RESUME_MARGIN_MS, counter: 0 };
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
          // A failed save (replica closing) leaves the previous stamp; the resume margin covers the gap.
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
