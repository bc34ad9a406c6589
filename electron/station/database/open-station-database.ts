import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  stationCollectionSchemas,
  type StationCollections,
  type StationDatabase,
} from './station-collections.ts';

/**
 * Opens the station's RxDB database on `storage` (the encrypted SQLite storage in the app, RxDB's memory storage in
 * some tests) with every station collection and local documents. Every write is validated against the shared JSON schemas (ajv), the
 * same shapes the server validates, so an invalid document never reaches the replica or the outbox. One process
 * owns the database (`multiInstance: false`): the station core.
 */
addRxPlugin(RxDBLocalDocumentsPlugin);

export async function openStationDatabase(options: {
  storage: RxStorage<unknown, unknown>;
  name?: string;
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
  await db.addCollections(
    Object.fromEntries(
      Object.entries(stationCollectionSchemas).map(([name, schema]) => [name, { schema }]),
    ) as Record<
      keyof StationCollections,
      { schema: (typeof stationCollectionSchemas)[keyof StationCollections] }
    >,
  );
  return db;
}
