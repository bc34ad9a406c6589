import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  stationCollectionCreators,
  type StationCollections,
  type StationDatabase,
} from './station-collections.ts';

/**
 * Opens the station's RxDB database on `storage` (the encrypted SQLite storage in the app, RxDB's memory storage in
 * some tests) with every station collection and local documents. Every write is validated against the shared JSON schemas (ajv), the
 * same shapes the server validates, so an invalid document never reaches the replica or the outbox. One process
 * owns the database (`multiInstance: false`): the station core.
 *
 * A replica written by an older app (an earlier schema version of a collection) is migrated before this resolves:
 * RxDB's migration-schema plugin runs the collection's strategies, keeps each document's `_meta.lwt` and moves the
 * replication checkpoints with it, so nothing is pulled or pushed again because of the update.
 */
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export async function openStationDatabase(options: {
  storage: RxStorage<unknown, unknown>;
  name?: string;
  /** Only for tests that write a replica as an older app did: the creators to open it with instead. */
  creators?: Partial<Record<keyof StationCollections, unknown>>;
}): Promise<StationDatabase> {
  const db = await createRxDatabase<StationCollections>({
    name: options.name ?? 'hssk-station',
    storage: wrappedValidateAjvStorage({ storage: options.storage }),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: false,
    // Station-local state that is never replicated (health-ID counters).
    localDocuments: true,
  });
  await db.addCollections({
    ...stationCollectionCreators,
    ...options.creators,
  } as typeof stationCollectionCreators);
  return db;
}
