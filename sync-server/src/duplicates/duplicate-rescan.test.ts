import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { createCollectionRegistry } from '../replication/collection-registry.ts';
import { domainReplicatedCollections } from '../record/domain-collections.ts';
import { personIn } from '../record/domain-fixtures.test-support.ts';
import {
  createReplicationTestApp,
  TEST_UNITS,
  testPrincipals,
  type ReplicationTestApp,
} from '../testing/replication-test-app.test-support.ts';
import { storeServerDocuments } from '../replication/store/store-server-documents.ts';
import { testBackends } from '../testing/test-databases.test-support.ts';
import { createDuplicateDetector } from './duplicate-detector.ts';
import { rescanResidents } from './duplicate-rescan.ts';
import { createBlindIndex } from './identity-keys.ts';

describe.each(testBackends)('re-scanning stored residents for duplicates, on $name', (backend) => {
  let database: DatabaseHandle;
  let server: ReplicationTestApp;

  beforeAll(async () => {
    database = await backend.open();
    server = await createReplicationTestApp({ database });
  }, 60_000);
  afterAll(async () => {
    await server.app.close();
    await database.close();
  });

  it('queues the pairs among residents stored without detection, then only re-checks on request', async () => {
    // Stored as an earlier version (or a registry without a blind-index key) did: no identity keys, no pairs.
    const undetected = createCollectionRegistry(domainReplicatedCollections());
    const store = {
      db: server.db,
      cipher: server.cipher,
      clock: { now: () => new Date() },
      registry: undetected,
      actor: testPrincipals.city,
    };
    const identity = { fullName: 'Vũ Minh Khôi', personalId: '001095054321', bhytCards: [] };
    const residents = ['p-old-1', 'p-old-2', 'p-old-3'].map((id) =>
      personIn(TEST_UNITS.stationA1, id, identity),
    );
    const other = personIn(TEST_UNITS.stationB1, 'p-old-other', { fullName: 'Lê Thị Na', bhytCards: [] });
    await storeServerDocuments(store, 'persons', [...residents, other]);
    const pairs = () => server.count('duplicate_candidates', sql`state = 'open'`);
    expect(await pairs()).toBe(0);

    const deps = {
      db: server.db,
      cipher: server.cipher,
      duplicates: createDuplicateDetector({ blind: createBlindIndex(new Uint8Array(32).fill(7)) }),
      audit: server.audit,
      clock: { now: () => new Date() },
    };
    expect(await rescanResidents(deps, 'unindexed', 2)).toBe(4);
    expect(await pairs()).toBe(3);
    expect(await server.count('audit_log', sql`action = 'duplicates-rescanned'`)).toBe(1);
    // Everyone now has identity keys: nothing left unindexed, and a full re-scan queues no pair twice.
    expect(await rescanResidents(deps, 'unindexed')).toBe(0);
    expect(await rescanResidents(deps, 'all')).toBe(4);
    expect(await pairs()).toBe(3);
  });
});
