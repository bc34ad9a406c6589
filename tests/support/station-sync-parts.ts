import type { StationDatabase } from '#electron/station/database/station-collections.ts';
import { createHealthIdIssuer } from '#electron/station/services/health-id-issuer.ts';
import { createReplicaWriter, withoutTransaction } from '#electron/station/services/replica-writer.ts';
import { createResidentRegistration } from '#electron/station/services/resident-registration.ts';
import { createOutbox } from '#electron/station/sync/outbox.ts';
import { startStationSync, type StationSync } from '#electron/station/sync/station-sync.ts';
import { createSyncHttpClient, type SyncHttpClient } from '#electron/station/sync/sync-http-client.ts';
import { createHlc } from '#shared/clock/hlc.ts';
import { parsePartialDate } from '#shared/dates/partial-date.ts';
import { unwrap } from '#shared/errors/result.ts';
import type { History831 } from '#shared/schemas/history-831.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { EnrolledStation } from './station-test-server.ts';

/**
 * The station core's sync parts, wired as `station-core.ts` wires them, for tests that drive a replica against the
 * real sync server without the whole core: the signed client, the replication, and registration as a given account.
 */

/** Waits until `condition` resolves true (polling), failing after `ms`. */
export async function until(condition: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${String(ms)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The device's signed client; `schemaVersions` stands in for another app version (default: this app's). */
export function clientOf(
  station: EnrolledStation,
  baseUrl: string,
  schemaVersions?: Readonly<Record<string, number>>,
): SyncHttpClient {
  return createSyncHttpClient({
    baseUrl,
    device: station.device,
    appVersion: '0.1.0',
    clock: { now: () => new Date() },
    ...(schemaVersions === undefined ? {} : { schemaVersions }),
  });
}

/** Replication of every station collection of `db` with the server at `baseUrl`. */
export function syncOf(
  db: StationDatabase,
  station: EnrolledStation,
  baseUrl: string,
  schemaVersions?: Readonly<Record<string, number>>,
): StationSync {
  const issuer = createHealthIdIssuer(db, station.device.deviceId);
  return startStationSync({
    db,
    client: clientOf(station, baseUrl, schemaVersions),
    outbox: createOutbox(db),
    clock: { now: () => new Date() },
    replicationIdentifier: `test|${station.orgUnitId}`,
    device: { deviceId: station.device.deviceId, orgUnitId: station.orgUnitId },
    appVersion: '0.1.0',
    healthIdsRemaining: () => issuer.remaining(),
    databaseSizeBytes: () => 0,
    retryMs: 200,
  });
}

/**
 * Registers a resident (full name "Họ Đệm Tên") on `db`, credited to `author` as the core credits the signed-in
 * account; `author` undefined writes as the first release did, crediting nobody.
 */
export async function registerResident(
  db: StationDatabase,
  station: EnrolledStation,
  resident: {
    readonly fullName: string;
    readonly author: string | undefined;
    readonly dateOfBirth?: string;
    readonly history?: History831;
  },
): Promise<Person> {
  const [familyName = '', middleName = '', givenName = ''] = resident.fullName.split(' ');
  const registered = await createResidentRegistration({
    db,
    issuer: createHealthIdIssuer(db, station.device.deviceId),
    writer: createReplicaWriter({
      db,
      outbox: createOutbox(db),
      hlc: createHlc({ node: station.device.deviceId, now: () => Date.now() }),
      clock: { now: () => new Date() },
      author: () => resident.author,
      transaction: withoutTransaction,
    }),
    clock: { now: () => new Date() },
    orgUnitId: station.orgUnitId,
  }).register({
    fullName: resident.fullName,
    familyName,
    middleName,
    givenName,
    dateOfBirth: unwrap(parsePartialDate(resident.dateOfBirth ?? '1980-02-02')),
    sex: 'female',
    phones: [],
    bhytCards: [],
    currentAddress: { communeCode: '00070', scheme: 'dvhc-2025', detail: 'Tổ 2' },
    history: resident.history ?? {},
  });
  if (!registered.ok) throw new Error(`registration refused: ${registered.errors[0].code}`);
  return registered.value;
}
