import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STATION_ID } from '#shared/synthetic/synthetic-station.ts';
import { cheapHasher } from '../accounts/accounts-app.test-support.ts';
import { createInitialCityAdmin } from '../accounts/create-initial-city-admin.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { createDocumentCipher } from '../crypto/document-cipher.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { openDatabase } from '../db/database.ts';
import { createHealthIdAllocator } from '../health-ids/health-id-allocator.ts';
import { seedOrgUnits } from '../org-units/seed-org-units.ts';
import { createCollectionRegistry } from '../replication/collection-registry.ts';
import { decryptDocument } from '../replication/store/client-document.ts';
import { domainReplicatedCollections } from '../record/domain-collections.ts';
import { serviceReplicatedCollections } from '../app/service-collections.ts';
import { rowsOf } from '../db/sql-rows.ts';
import { createStationStatusService } from '../stations/station-status-service.ts';
import { sql } from 'drizzle-orm';
import { seedDemoStation } from './seed-demo-station.ts';

describe('seeding the demo station (embedded PGlite)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({});
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it('creates a staff account, an enrolment code and synthetic residents once', async () => {
    const clock = { now: () => new Date() };
    const audit = createAuditLog({ signingSecretKey: nacl.sign.keyPair().secretKey, clock });
    const cipher = createDocumentCipher(new Map([['k1', nacl.randomBytes(nacl.secretbox.keyLength)]]));
    await seedOrgUnits(database.db);
    await createInitialCityAdmin({ db: database.db, audit, clock, hasher: cheapHasher });
    const deps = {
      db: database.db,
      audit,
      clock,
      hasher: cheapHasher,
      cipher,
      registry: createCollectionRegistry([
        ...domainReplicatedCollections(),
        ...serviceReplicatedCollections({
          stationStatus: createStationStatusService({ clock }),
          healthIds: createHealthIdAllocator({ audit, clock }),
          audit,
        }),
      ]),
      residents: 40,
    };
    const demo = await seedDemoStation(deps);
    expect(demo).toMatchObject({ orgUnitId: DEMO_STATION_ID, residents: 40 });
    expect(demo?.enrolmentCode).toMatch(/\S{8,}/);
    expect(demo?.staffInitialPassword).toMatch(/\S{8,}/);
    // The demonstration hospital's interop account, for the hospital simulator.
    expect(demo?.hospitalUserName).toMatch(/^01032_lt_[a-z0-9]+$/);
    expect(demo?.hospitalInitialPassword).toMatch(/\S{8,}/);

    const rows = rowsOf(
      await database.db.execute(
        sql`select key_id, body, scope_unit_id from documents where collection = 'persons'`,
      ),
    );
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      expect(row['scope_unit_id']).toBe(DEMO_STATION_ID);
      expect(decryptDocument(cipher, String(row['key_id']), row['body'] as Uint8Array)).toMatchObject({
        synthetic: true,
      });
    }
    expect(await seedDemoStation(deps)).toBeNull();
  }, 60_000);
});
