import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { Result } from '../errors/result.ts';
import { validateEncounter, type Encounter } from './encounter.ts';
import { encounterMigrationStrategies, encounterSchema } from './encounter-schema.ts';
import { encounterFieldGroups, immunizationFieldGroups, personFieldGroups } from './field-groups.ts';
import { validateImmunization, type Immunization } from './immunization.ts';
import { immunizationMigrationStrategies, immunizationSchema } from './immunization-schema.ts';
import { validatePerson, type Person } from './person.ts';
import { personMigrationStrategies, personSchema } from './person-schema.ts';

/**
 * Everything a runtime needs to register a replicated collection: its RxDB schema, the boundary validator of its
 * documents, and its stamp field groups (for the merge policies). The station and the server register every
 * collection, including test collections, from definitions of this shape.
 */
export type CollectionDefinition<T> = {
  readonly name: string;
  readonly schema: RxJsonSchema<T>;
  readonly validate: (input: unknown) => Result<T>;
  readonly stampGroups: Readonly<Record<string, readonly string[]>>;
  /**
   * How a station replica turns documents of each earlier schema version into the next (RxDB migration strategies,
   * keyed by the version they produce). Required for every version above 0: a replica written by an older app must
   * open, with nothing lost, after an update.
   */
  readonly migrationStrategies?: MigrationStrategies;
};

/**
 * What RxDB's `addCollections` takes for a definition: its schema and its migration strategies. The runtime that
 * opens the database registers RxDB's migration-schema plugin, which runs them when an older replica opens.
 */
export function rxCollectionCreator<T>(definition: CollectionDefinition<T>): {
  schema: RxJsonSchema<T>;
  migrationStrategies: MigrationStrategies;
} {
  return { schema: definition.schema, migrationStrategies: definition.migrationStrategies ?? {} };
}

/** Checks a definition against its document type where it is written. */
export function defineCollection<T>(definition: CollectionDefinition<T>): CollectionDefinition<T> {
  return definition;
}

/** The replicated collections of HSSK Hà Nội, keyed by collection name. */
export const collections = {
  persons: defineCollection<Person>({
    name: 'persons',
    schema: personSchema,
    validate: validatePerson,
    stampGroups: personFieldGroups,
    migrationStrategies: personMigrationStrategies,
  }),
  encounters: defineCollection<Encounter>({
    name: 'encounters',
    schema: encounterSchema,
    validate: validateEncounter,
    stampGroups: encounterFieldGroups,
    migrationStrategies: encounterMigrationStrategies,
  }),
  immunizations: defineCollection<Immunization>({
    name: 'immunizations',
    schema: immunizationSchema,
    validate: validateImmunization,
    stampGroups: immunizationFieldGroups,
    migrationStrategies: immunizationMigrationStrategies,
  }),
} as const;
export type CollectionName = keyof typeof collections;

/** The document type of a collection (`CollectionDocument<'persons'>` is `Person`). */
export type CollectionDocument<N extends CollectionName> =
  (typeof collections)[N] extends CollectionDefinition<infer T> ? T : never;
