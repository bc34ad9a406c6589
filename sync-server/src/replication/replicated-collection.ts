import type { Result } from '#shared/errors/result.ts';
import type { MergeResult } from '#shared/merge/merge-decision.ts';
import type { Principal } from '../auth/principal.ts';
import type { Transaction } from '../db/database.ts';
import type { EvictionReason } from './store/eviction-reason.ts';
import type { QuarantineReason } from './push/quarantine-reason.ts';
import type { ReplicationScope } from './replication-scope.ts';

/** A replicated document as the server handles it: plain JSON in the collection's client shape, without `_deleted`. */
export type ReplicatedDocument = Readonly<Record<string, unknown>>;

/** A document the server itself writes as a consequence of a push (a health-ID pool topping up a station). */
export type ServerWrite = { readonly collection: string; readonly doc: ReplicatedDocument };

/** A document with its deleted flag, the unit of the RxDB protocol (`_deleted` travels beside the fields). */
export type VersionedDocument<T> = { readonly doc: T; readonly deleted: boolean };

/**
 * Where a collection's documents live, i.e. which replicas hold them (DESIGN.md §5 scope):
 * - `person`: the collection of residents; a document's scope is the org unit it names (`unitOf`), and the records
 *   that belong to it follow it when it moves. At most one collection of a registry has this rule.
 * - `person-record`: a record of one resident (`personIdOf`); its scope is that person's current scope, NOT the unit
 *   that recorded it. Only while the person is not on the server yet is the record kept under `recordedUnitOf`; it
 *   joins the person's scope when the person arrives.
 * - `unit`: a document scoped by a unit it names itself, with no person behind it (test collections).
 */
export type ScopeRule<T> =
  | {
      readonly kind: 'person';
      unitOf(doc: T): string;
      /** Why the person left a scope when its unit changed: moved, or merged into a record managed elsewhere. */
      leaveReason(doc: T): EvictionReason;
    }
  | { readonly kind: 'person-record'; personIdOf(doc: T): string; recordedUnitOf(doc: T): string }
  | { readonly kind: 'unit'; unitOf(doc: T): string };

/**
 * Everything the replication engine needs to know about one collection; each feature defines its collections through
 * this one shape (`defineReplicatedCollection`), RxDB's test collection included.
 */
export type ReplicatedCollectionDefinition<T extends object> = {
  readonly name: string;
  /** The document field holding the primary key (`id`; `passportId` for RxDB's test collection). */
  readonly primaryKey: string;
  /** The properties of the client's RxDB schema: the only fields a client ever receives. */
  readonly clientFields: readonly string[];
  /** The version of the client's RxDB schema; station apps built with another version are refused (`schema-version-check.ts`). */
  readonly schemaVersion: number;
  /** The boundary check of a client document (without `_deleted`); never throws. */
  validate(input: unknown): Result<T>;
  /** Recomputes derived fields; applied to every document the server stores. */
  normalize?(doc: T): T;
  /** The three-way merge policy: base = the client's assumed master, ours = its new state, theirs = the master. */
  merge(base: T | undefined, ours: T, theirs: T): MergeResult<T>;
  readonly scope: ScopeRule<T>;
  /** Whether a client may delete a document; a refused deletion is quarantined and the master returned. */
  readonly deletion: 'allowed' | 'refused';
  /** A domain rule a non-conflicting write breaks (a signed encounter changed), quarantined with that reason. */
  refuseUpdate?(master: VersionedDocument<T>, next: VersionedDocument<T>): QuarantineReason | undefined;
  /**
   * Whether `pusher` may write `doc` at all, beyond its scope (a device writes only its own status report; nobody
   * writes a server-written collection). A refusal is quarantined as out of scope. Default: anyone in scope.
   */
  writableBy?(doc: T, pusher: Principal): boolean;
  /**
   * Server-side consequences of accepted live writes, whoever makes them (a push, a merge, a document the server
   * stores), run inside the writing transaction before sequence numbers are given out; the documents it returns (of
   * other registered collections) commit with the write. `pusher` is whoever writes.
   */
  onAccepted?(
    tx: Transaction,
    accepted: readonly T[],
    pusher: Principal,
    at: Date,
  ): Promise<readonly ServerWrite[]>;
  /**
   * A value no two documents of the collection may hold (a resident's health ID), as a blind-index hash; undefined
   * when the document holds none. A write that would give it to a second document is quarantined with `reason`.
   */
  readonly uniqueKey?: {
    keyOf(doc: T): string | undefined;
    readonly reason: QuarantineReason;
  };
  /**
   * Domain checks of a push that need the database, run in its transaction before its rows are decided: the ids of
   * the live writes to quarantine and why (a resident given a health ID reserved for another station). `master` is
   * the stored document, absent for a new one.
   */
  checkWrites?(
    tx: Transaction,
    writes: readonly { readonly id: string; readonly doc: T; readonly master: T | undefined }[],
    pusher: { readonly principal: Principal; readonly scope: ReplicationScope },
  ): Promise<ReadonlyMap<string, QuarantineReason>>;
  /**
   * A schema-valid placeholder carrying no personal data, sent with `_deleted: true` to replicas that must drop the
   * document (RxDB validates every pulled document, tombstones included).
   */
  evictionTombstone(id: string): T;
};

/** A registered collection with its document type erased, as the generic replication code handles it. */
export type ReplicatedCollection = ReplicatedCollectionDefinition<ReplicatedDocument>;

/**
 * Registers a collection definition for the generic replication code. The erasure is sound because every document
 * the generic code hands to the definition's functions came out of that same definition's `validate`, `merge`,
 * `normalize` or `evictionTombstone`, or was stored after passing them.
 */
export function defineReplicatedCollection<T extends object>(
  definition: ReplicatedCollectionDefinition<T>,
): ReplicatedCollection {
  return definition as unknown as ReplicatedCollection;
}
