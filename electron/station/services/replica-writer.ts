import { serializeHlc, type Hlc } from '#shared/clock/hlc.ts';
import type { Result } from '#shared/errors/result.ts';
import { stampWrite } from '#shared/merge/stamp-write.ts';
import type { AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import { validateEncounter, type Encounter } from '#shared/schemas/encounter.ts';
import {
  encounterFieldGroups,
  immunizationFieldGroups,
  personFieldGroups,
} from '#shared/schemas/field-groups.ts';
import { validateImmunization, type Immunization } from '#shared/schemas/immunization.ts';
import { withDerivedPersonFields, type DerivedPersonField } from '#shared/schemas/person-derived-fields.ts';
import { validatePerson, type Person } from '#shared/schemas/person.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import type { Outbox } from '../sync/outbox.ts';

/** How one collection's local writes are stamped, completed and validated. */
type StampedKind<Stamped, Stored> = {
  readonly fieldGroups: Readonly<Record<string, readonly string[]>>;
  /** Adds what is derived from the stamped document (a resident's search keys). */
  complete(stamped: Stamped): Stored;
  validate(input: unknown): Result<Stored>;
};

const stampedKinds = {
  persons: {
    fieldGroups: personFieldGroups,
    complete: withDerivedPersonFields,
    validate: validatePerson,
  } satisfies StampedKind<Omit<Person, DerivedPersonField>, Person>,
  encounters: {
    fieldGroups: encounterFieldGroups,
    complete: (encounter: Encounter) => encounter,
    validate: validateEncounter,
  } satisfies StampedKind<Encounter, Encounter>,
  immunizations: {
    fieldGroups: immunizationFieldGroups,
    complete: (immunization: Immunization) => immunization,
    validate: validateImmunization,
  } satisfies StampedKind<Immunization, Immunization>,
};

/** The collections the station's staff write (a resident, their exams and doses). */
export type StampedCollection = keyof typeof stampedKinds;
type StampedOf<N extends StampedCollection> = Parameters<(typeof stampedKinds)[N]['complete']>[0];
/** A stored document of `N`. */
export type StoredOf<N extends StampedCollection> = ReturnType<(typeof stampedKinds)[N]['complete']>;
/** A document of `N` as a service writes it: without stamps, `updatedAt` and derived fields (the writer adds them). */
export type WriteOf<N extends StampedCollection> = Omit<StampedOf<N>, 'stamps' | 'updatedAt'> & {
  readonly stamps?: Readonly<Record<string, string>>;
};

/**
 * The one way a station service writes the replica. `write` stamps the changed field groups with the device's HLC, the
 * time and the signed-in author, completes and validates the document against the shared schema, then stores it and
 * its outbox entry in one transaction (`transaction`): a crash leaves both or neither, so a saved change is always
 * counted by the sync status until the server has it. A document that fails validation is not written.
 */
export type ReplicaWriter = {
  /** `before` is the stored document a change starts from (absent for a new one); `at` when it was made (default now). */
  write<N extends StampedCollection>(
    collection: N,
    before: StoredOf<N> | undefined,
    next: WriteOf<N>,
    at?: Date,
  ): Promise<Result<StoredOf<N>>>;
  /** Stores an access event (not stamped: it never changes) with its outbox entry, in one transaction. */
  append(collection: 'access-events', event: AccessEventDocument): Promise<void>;
};

/** Runs `run` with every replica write it makes in one transaction (`SqliteRxStorage.writeTogether`). */
export type ReplicaTransaction = <T>(run: () => Promise<T>) => Promise<T>;

/** Runs `run` as it is: for a replica without transactions across collections (RxDB's memory storage in tests). */
export const withoutTransaction: ReplicaTransaction = (run) => run();

export function createReplicaWriter(deps: {
  db: StationDatabase;
  outbox: Outbox;
  hlc: Hlc;
  clock: { now(): Date };
  /** The user name of the signed-in account, credited with every write (`updatedBy`). */
  author: () => string | undefined;
  transaction: ReplicaTransaction;
}): ReplicaWriter {
  const { db, outbox } = deps;
  return {
    async write<N extends StampedCollection>(
      collection: N,
      before: StoredOf<N> | undefined,
      next: WriteOf<N>,
      at = deps.clock.now(),
    ): Promise<Result<StoredOf<N>>> {
      const kind = stampedKinds[collection] as unknown as StampedKind<StampedOf<N>, StoredOf<N>>;
      const stamped = stampWrite<StampedOf<N>>(
        before,
        next,
        kind.fieldGroups,
        serializeHlc(deps.hlc.now()),
        at.toISOString(),
        deps.author(),
      );
      const valid = kind.validate(kind.complete(stamped));
      if (!valid.ok) return valid;
      const document = valid.value as StoredOf<N> & { readonly id: string };
      await deps.transaction(async () => {
        await (db[collection] as unknown as { upsert(doc: unknown): Promise<unknown> }).upsert(document);
        await outbox.record(collection, document.id, at);
      });
      return valid;
    },
    async append(collection, event) {
      await deps.transaction(async () => {
        await db[collection].insert(event);
        await outbox.record(collection, event.id, new Date(event.occurredAt));
      });
    },
  };
}
