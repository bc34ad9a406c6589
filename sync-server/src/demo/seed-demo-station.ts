import { eq } from 'drizzle-orm';
import { unwrap } from '#shared/errors/result.ts';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { DEMO_COMMUNE_CODE, syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { insertAccount } from '../accounts/insert-account.ts';
import type { PasswordHasher } from '../accounts/password-hasher.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { DocumentCipher } from '../crypto/document-cipher.ts';
import type { Database } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { createDeviceRegistry } from '../devices/device-registry.ts';
import type { CollectionRegistry } from '../replication/collection-registry.ts';
import { storeServerDocuments } from '../replication/store/store-server-documents.ts';

export const DEMO_RESIDENTS = 2000;

/** What the demo launcher needs once: the station's staff account and the code that enrols the demo station. */
export type DemoStation = {
  readonly orgUnitId: string;
  readonly staffUserName: string;
  /** One-time password; must be changed at first login. */
  readonly staffInitialPassword: string;
  readonly enrolmentCode: string;
  readonly residents: number;
  /** The demonstration hospital's interop account, for the hospital simulator (one-time password). */
  readonly hospitalUserName: string;
  readonly hospitalInitialPassword: string;
};

/** The demonstration hospital whose interop account the demo creates (`npm run simulate:hospital`). */
export const DEMO_HOSPITAL = { orgUnitId: 'bv-01032', facilityCode: '01032' } as const;

/**
 * The embedded demo's first start (never in production): a staff account of the demo station, the demonstration
 * hospital's interop account (for the hospital simulator), a
 * one-time enrolment code for its device, and ~2,000 SYNTHETIC residents of that commune with their exams and
 * immunizations (every document `synthetic: true`, health IDs from the reserved synthetic range), stored through
 * the same path as replicated writes so the station receives them in its first sync. Returns null when the demo
 * station was seeded before.
 */
export async function seedDemoStation(deps: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  hasher: PasswordHasher;
  cipher: DocumentCipher;
  registry: CollectionRegistry;
  residents?: number;
}): Promise<DemoStation | null> {
  const station = syntheticStationFor(DEMO_COMMUNE_CODE);
  if (station === undefined) throw new Error('the demo commune has no station');
  const [cityAdmin] = await deps.db
    .select({ id: accounts.id, userName: accounts.userName, orgUnitId: accounts.orgUnitId })
    .from(accounts)
    .where(eq(accounts.role, 'city-admin'))
    .limit(1);
  if (cityAdmin === undefined) throw new Error('create the first city admin before seeding the demo');
  const [existing] = await deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.orgUnitId, station.orgUnitId))
    .limit(1);
  if (existing !== undefined) return null;

  const staff = unwrap(
    await insertAccount(deps.db, deps, {
      fullName: 'Nguyễn Thị Thu Trang',
      role: 'station-staff',
      orgUnitId: station.orgUnitId,
      facilityCode: station.facilityCode,
      createdBy: cityAdmin.id,
    }),
  );
  const hospital = unwrap(
    await insertAccount(deps.db, deps, {
      fullName: 'Phạm Minh Đức',
      role: 'interop',
      orgUnitId: DEMO_HOSPITAL.orgUnitId,
      facilityCode: DEMO_HOSPITAL.facilityCode,
      createdBy: cityAdmin.id,
    }),
  );
  const actor: Principal = {
    accountId: cityAdmin.id,
    userName: cityAdmin.userName,
    role: 'city-admin',
    orgUnitId: cityAdmin.orgUnitId,
    sessionTokenHash: 'demo-seed',
    mustChangePassword: false,
  };
  const code = unwrap(await createDeviceRegistry(deps).issueEnrolmentCode(actor, station.orgUnitId));

  const residents = deps.residents ?? DEMO_RESIDENTS;
  const store = { db: deps.db, cipher: deps.cipher, clock: deps.clock, registry: deps.registry, actor };
  const population = [
    ...generateSyntheticPopulation({
      seed: 1,
      size: residents,
      referenceDate: deps.clock.now().toISOString().slice(0, 10),
      stations: [station],
    }),
  ];
  await storeServerDocuments(
    store,
    'persons',
    population.map((r) => r.person),
  );
  await storeServerDocuments(
    store,
    'encounters',
    population.flatMap((r) => r.encounters),
  );
  await storeServerDocuments(
    store,
    'immunizations',
    population.flatMap((r) => r.immunizations),
  );
  await deps.audit.append(deps.db, {
    action: 'seed',
    actorAccountId: cityAdmin.id,
    orgUnitId: station.orgUnitId,
    targetType: 'org-unit',
    targetId: station.orgUnitId,
    detail: { syntheticResidents: residents },
  });
  return {
    orgUnitId: station.orgUnitId,
    staffUserName: staff.account.userName,
    staffInitialPassword: staff.initialPassword,
    enrolmentCode: code.code,
    residents,
    hospitalUserName: hospital.account.userName,
    hospitalInitialPassword: hospital.initialPassword,
  };
}
