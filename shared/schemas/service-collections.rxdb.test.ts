import { addRxPlugin, createRxDatabase, randomToken, type RxCollection } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import type { HealthIdPoolDocument } from './health-id-pool-document.ts';
import { serviceCollections } from './service-collections.ts';
import type { StationStatusDocument } from './station-status-document.ts';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const pool: HealthIdPoolDocument = {
  id: '3f0c3f8e-2a63-4a4e-9f7e-0d6c1b2a3c4d',
  orgUnitId: 'tyt-2025-00070',
  deviceId: 'dev-01',
  firstSerial: 1,
  lastSerial: 1000,
  allocatedAt: '2026-11-26T08:00:00.000Z',
};
const status: StationStatusDocument = {
  id: 'dev-01',
  orgUnitId: 'tyt-2025-00070',
  reportedAt: '2026-11-26T08:00:00.000Z',
  appVersion: '0.1.0',
  lastPullAt: '2026-11-26T07:59:00.000Z',
  pendingChanges: 3,
  oldestPendingAgeSeconds: 120,
  recordErrors: [{ collection: 'persons', id: 'p-1', code: 'document-invalid' }],
  documentCounts: { persons: 2000, encounters: 5000 },
  databaseSizeBytes: 1_048_576,
  clockOffsetMs: -1200,
  healthIdsRemaining: 800,
};

describe('the service collections in a real RxDB (dev-mode, ajv)', () => {
  it('accept their valid documents, refuse invalid ones, and agree with the zod validators', async () => {
    const db = await createRxDatabase<{
      'health-id-pools': RxCollection<HealthIdPoolDocument>;
      'station-status': RxCollection<StationStatusDocument>;
    }>({
      name: `hssk-service-${randomToken(10)}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
    });
    try {
      await db.addCollections({
        'health-id-pools': { schema: serviceCollections['health-id-pools'].schema },
        'station-status': { schema: serviceCollections['station-status'].schema },
      });
      await db['health-id-pools'].insert(pool);
      await db['station-status'].insert(status);
      expect((await db['station-status'].findOne('dev-01').exec(true)).toJSON()).toEqual(status);
      await expect(db['health-id-pools'].insert({ ...pool, id: 'other', firstSerial: 0 })).rejects.toThrow();
      await expect(
        db['station-status'].insert({ ...status, id: 'dev-02', pendingChanges: -1 }),
      ).rejects.toThrow();

      expect(serviceCollections['health-id-pools'].validate(pool).ok).toBe(true);
      expect(serviceCollections['station-status'].validate(status).ok).toBe(true);
      expect(serviceCollections['health-id-pools'].validate({ ...pool, lastSerial: 0 }).ok).toBe(false);
      expect(serviceCollections['station-status'].validate({ ...status, extra: 1 }).ok).toBe(false);
    } finally {
      await db.close();
    }
  });
});
