/**
 * Where a station falls in a staged rollout, computed exactly as electron-updater 6 does on the client
 * (`AppUpdater.isStagingMatch`): the station's updater id is a UUID kept in `<userData>/.updaterId` and sent as
 * `x-user-staging-id`; its bytes 12–15 read as an unsigned big-endian integer, divided by 0xffffffff, give a number in
 * [0, 1]. The station is inside a rollout of `p` % when that number is below `p / 100`, so widening a rollout only
 * ever adds stations. Returns undefined for anything that is not a UUID.
 */
export function stagingBucket(stagingId: string | undefined): number | undefined {
  if (stagingId === undefined) return undefined;
  const hex = stagingId.trim().toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex.replaceAll('-', ''), 'hex');
  return bytes.readUInt32BE(12) / 0xffffffff;
}

/** True when a station with `stagingId` is inside a rollout of `percentage` %; without an id only 100 % includes it. */
export function isInRollout(stagingId: string | undefined, percentage: number): boolean {
  if (percentage >= 100) return true;
  const bucket = stagingBucket(stagingId);
  return bucket !== undefined && bucket < percentage / 100;
}
