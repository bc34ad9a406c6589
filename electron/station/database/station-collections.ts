import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type { AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import { collections, rxCollectionCreator } from '#shared/schemas/collections.ts';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { HealthIdPoolDocument } from '#shared/schemas/health-id-pool-document.ts';
import type { Immunization } from '#shared/schemas/immunization.ts';
import type { Person } from '#shared/schemas/person.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import type { StationStatusDocument } from '#shared/schemas/station-status-document.ts';

/**
 * A local write the server has not acknowledged yet: the station's honest "pending" list (DESIGN.md §5). Written by
 * the replica writer in the same transaction as the change itself, removed when the replication reports the document
 * pushed. Never replicated.
 */
export type OutboxEntry = {
  readonly id: string;
  /** The replicated collection (not `collection`: RxDocument has a getter of that name). */
  readonly collectionName: string;
  readonly documentId: string;
  /** When the oldest unacknowledged change of this document was made (ISO). */
  readonly since: string;
};

const outboxSchema: RxJsonSchema<OutboxEntry> = {
  title: 'outbox',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 100 },
    collectionName: { type: 'string', maxLength: 40 },
    documentId: { type: 'string', maxLength: 40 },
    since: { type: 'string', maxLength: 24 },
  },
  required: ['id', 'collectionName', 'documentId', 'since'],
  indexes: ['since'],
};

export type StationCollections = {
  persons: RxCollection<Person>;
  encounters: RxCollection<Encounter>;
  immunizations: RxCollection<Immunization>;
  'health-id-pools': RxCollection<HealthIdPoolDocument>;
  'station-status': RxCollection<StationStatusDocument>;
  'access-events': RxCollection<AccessEventDocument>;
  outbox: RxCollection<OutboxEntry>;
};
export type StationDatabase = RxDatabase<StationCollections>;

/** The replicated collections, in the order a fresh station pulls them (residents before their records). */
export const replicatedCollectionNames = [
  'health-id-pools',
  'persons',
  'encounters',
  'immunizations',
  'station-status',
  'access-events',
] as const satisfies readonly (keyof StationCollections)[];
export type ReplicatedCollectionName = (typeof replicatedCollectionNames)[number];

/**
 * Every station collection as RxDB's `addCollections` takes it (schema and migration strategies), from the shared
 * definitions the server validates with.
 */
export const stationCollectionCreators = {
  persons: rxCollectionCreator(collections.persons),
  encounters: rxCollectionCreator(collections.encounters),
  immunizations: rxCollectionCreator(collections.immunizations),
  'health-id-pools': rxCollectionCreator(serviceCollections['health-id-pools']),
  'station-status': rxCollectionCreator(serviceCollections['station-status']),
  'access-events': rxCollectionCreator(serviceCollections['access-events']),
  outbox: { schema: outboxSchema, migrationStrategies: {} },
} as const;
