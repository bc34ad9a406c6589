import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { formatHealthId, type HealthId } from '#shared/identifiers/health-id.ts';
import type { HealthIdPoolDocument } from '#shared/schemas/health-id-pool-document.ts';
import type { StationDatabase } from '../database/station-collections.ts';

const issue = defineIssues({
  'health-id-pools-empty':
    'Máy trạm đã dùng hết mã định danh y tế được cấp. Kết nối mạng và bấm "Đồng bộ ngay" để nhận dải mã mới.',
});
export type HealthIdIssuerIssueCode = Parameters<typeof issue>[0];

export type HealthIdIssuer = {
  /** Issues the next health ID of this device's pools (Art. 14.4): never one already issued, even after a crash. */
  issue(): Promise<Result<HealthId, HealthIdIssuerIssueCode>>;
  /** Unused IDs left in this device's pools. */
  remaining(): Promise<number>;
};

const counterId = (poolId: string) => `health-id-next:${poolId}`;

/**
 * Issues health IDs offline from the pools the server allocated to this device (`health-id-pools`, pulled like any
 * change). Each pool's next serial is a local counter (an RxDB local document, never replicated) that is advanced and
 * stored BEFORE the ID is handed out, so a crash can waste an ID but never issue one twice; the counter also never
 * falls below the highest ID of the pool found on a resident of the replica. Pools are used oldest first.
 */
export function createHealthIdIssuer(db: StationDatabase, deviceId: string): HealthIdIssuer {
  let queue: Promise<unknown> = Promise.resolve();

  async function poolsOfDevice(): Promise<HealthIdPoolDocument[]> {
    const docs = await db['health-id-pools']
      .find({ selector: { deviceId }, sort: [{ firstSerial: 'asc' }] })
      .exec();
    return docs.map((doc) => doc.toJSON());
  }

  async function nextSerialOf(pool: HealthIdPoolDocument): Promise<number> {
    const counter = await db.getLocal<{ nextSerial: number }>(counterId(pool.id));
    const stored: unknown = counter?.toJSON().data.nextSerial;
    const counted = typeof stored === 'number' ? stored : pool.firstSerial;
    const highest = await db.persons
      .findOne({
        selector: {
          healthId: { $gte: formatHealthId(pool.firstSerial), $lte: formatHealthId(pool.lastSerial) },
        },
        sort: [{ healthId: 'desc' }],
      })
      .exec();
    const used =
      highest?.healthId === undefined ? pool.firstSerial : Number(highest.healthId.slice(2, 12)) + 1;
    return Math.max(counted, used, pool.firstSerial);
  }

  async function issueNow(): Promise<Result<HealthId, HealthIdIssuerIssueCode>> {
    for (const pool of await poolsOfDevice()) {
      const next = await nextSerialOf(pool);
      if (next > pool.lastSerial) continue;
      await db.upsertLocal(counterId(pool.id), { nextSerial: next + 1 });
      return ok(formatHealthId(next));
    }
    return fail(issue('health-id-pools-empty'));
  }

  return {
    issue() {
      // One at a time: two registrations at once must not read the same counter.
      const result = queue.then(issueNow, issueNow);
      queue = result;
      return result;
    },
    async remaining() {
      let total = 0;
      for (const pool of await poolsOfDevice())
        total += Math.max(0, pool.lastSerial - (await nextSerialOf(pool)) + 1);
      return total;
    },
  };
}
