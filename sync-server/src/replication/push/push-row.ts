import type { Issue } from '#shared/errors/issue.ts';
import { defineIssues } from '#shared/errors/issue.ts';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { deepEqual } from '#shared/merge/deep-equal.ts';
import type { MergeDecision } from '#shared/merge/merge-decision.ts';
import {
  evictionDocument,
  fromClientDocument,
  toClientDocument,
  type ClientDocument,
} from '../store/client-document.ts';
import type { QuarantineReason } from './quarantine-reason.ts';
import type {
  ReplicatedCollection,
  ReplicatedDocument,
  VersionedDocument,
} from '../replicated-collection.ts';
import type { DocumentPlacement } from '../store/document-placement.ts';

/** One row of an RxDB push: the state the client assumes the master has (absent for an insert) and its new state. */
export type PushRow = {
  readonly assumedMasterState?: Readonly<Record<string, unknown>> | undefined;
  readonly newDocumentState: Readonly<Record<string, unknown>>;
};

/** The current master of a document, decrypted, with its placement. */
export type MasterState = VersionedDocument<ReplicatedDocument> & DocumentPlacement;

/** A push row checked without the database: its id and its validated, normalized new state. */
export type ParsedPushRow = {
  readonly row: PushRow;
  readonly id: string | undefined;
  readonly ours: Result<VersionedDocument<ReplicatedDocument>>;
};

/** All three versions of a server-side merge, the result and why; written encrypted to the conflict log. */
export type MergeRecord = {
  readonly base: Readonly<Record<string, unknown>> | null;
  readonly ours: ClientDocument;
  readonly theirs: ClientDocument;
  readonly merged: ClientDocument;
  readonly decisions: readonly MergeDecision[];
};

export type PushRowDecision = {
  readonly id: string | undefined;
  /** The master state the client must adopt (RxDB's conflict answer); none when the write stands as sent. */
  readonly conflict?: ClientDocument;
  /** The new master, to be stored with a new sequence number. */
  readonly write?: VersionedDocument<ReplicatedDocument> & DocumentPlacement;
  readonly quarantine?: {
    readonly reason: QuarantineReason;
    readonly detail: Readonly<Record<string, unknown>>;
  };
  readonly merge?: MergeRecord;
};

/** What a decision needs to know about the pusher and the database. */
export type PushRowContext = {
  readonly collection: ReplicatedCollection;
  /** True when the pusher's scope may see this stored master (else it gets the eviction tombstone). */
  canSee(master: MasterState): boolean;
  /** True when the pusher may credit a write to this `updatedBy` (`push-authors.ts`). */
  authorKnown(updatedBy: unknown): boolean;
  /** True when the pusher's scope may store `doc` at `placement` (else the write is quarantined). */
  canWrite(doc: ReplicatedDocument, placement: DocumentPlacement): boolean;
  /** Why a write `canWrite` refused is quarantined (default `out-of-scope`). */
  refusalOf?(doc: ReplicatedDocument, placement: DocumentPlacement): QuarantineReason;
  /** Where a document would be stored (for records: the person's current scope, locked). */
  placementOf(doc: ReplicatedDocument): DocumentPlacement;
  /** True when `doc` carries the collection's unique key while another document (not `id`) holds it. */
  uniqueKeyTaken?(id: string, doc: ReplicatedDocument): boolean;
  /** Why the collection's own database checks (`checkWrites`) refuse the write of `id`, if they do. */
  writeRefusalOf?(id: string): QuarantineReason | undefined;
};

const MAX_ID_LENGTH = 200;

const pushIssue = defineIssues({
  'deleted-flag-invalid':
    'Trường _deleted phải là true hoặc false. Báo bộ phận CNTT kiểm tra phần mềm gửi dữ liệu.',
});

/** Validates and normalizes a row's new state; needs no database, so it runs before the transaction. */
export function parsePushRow(collection: ReplicatedCollection, row: PushRow): ParsedPushRow {
  const incoming = fromClientDocument(row.newDocumentState);
  const idValue = incoming.doc[collection.primaryKey];
  const id =
    typeof idValue === 'string' && idValue !== '' && idValue.length <= MAX_ID_LENGTH ? idValue : undefined;
  if (!incoming.deletedFlagValid) {
    return { row, id, ours: fail(pushIssue('deleted-flag-invalid', {}, '_deleted')) };
  }
  const validated = collection.validate(incoming.doc);
  if (!validated.ok) return { row, id, ours: validated };
  const doc = collection.normalize ? collection.normalize(validated.value) : validated.value;
  return { row, id, ours: ok({ doc, deleted: incoming.deleted }) };
}

/** Issue codes and field paths only: a quarantine's detail never holds the values a client sent. */
function issuesDetail(issues: readonly Issue[]): Record<string, unknown> {
  return {
    issues: issues.slice(0, 50).map((i) => ({
      code: i.code,
      ...(i.path === undefined ? {} : { path: i.path }),
      ...(typeof i.params?.['reason'] === 'string' ? { reason: i.params['reason'] } : {}),
    })),
  };
}

function quarantined(
  id: string | undefined,
  reason: QuarantineReason,
  conflict: ClientDocument | undefined,
  detail: Readonly<Record<string, unknown>> = {},
): PushRowDecision {
  return { id, quarantine: { reason, detail }, ...(conflict === undefined ? {} : { conflict }) };
}

/**
 * Decides one push row against the locked master (DESIGN.md §5). Never throws for bad input: every refusal is a
 * quarantine plus, when there is one, the master state for the client to adopt.
 *
 * - A master the pusher's scope cannot see: quarantined, and the client gets the eviction tombstone (never the master).
 * - A write credited (`updatedBy`) to someone the pusher may not write for: quarantined as `author-unknown`.
 * - No master, or the client's assumed master equals it: the write is checked (valid, deletion allowed, domain rules,
 *   target in scope) and stored; a normalized result that differs from what was sent is returned for adoption.
 * - Otherwise a concurrent change: three-way merge with base = assumed master, ours = the new state, theirs = the
 *   master. The merged document becomes the master and is returned; the merge is logged; the policy's quarantine
 *   outcomes quarantine the client's version.
 */
export function decidePushRow(
  context: PushRowContext,
  parsed: ParsedPushRow,
  master: MasterState | undefined,
): PushRowDecision {
  const { collection } = context;
  const { id, row } = parsed;
  if (id === undefined) return quarantined(undefined, 'document-id-invalid', undefined);
  if (master !== undefined && !context.canSee(master)) {
    return quarantined(id, 'out-of-scope', evictionDocument(collection, id));
  }
  const masterClient = master === undefined ? undefined : toClientDocument(collection, master);
  if (!parsed.ours.ok)
    return quarantined(id, 'document-invalid', masterClient, issuesDetail(parsed.ours.errors));
  const ours = parsed.ours.value;
  const oursClient = toClientDocument(collection, ours);
  if (masterClient !== undefined && deepEqual(oursClient, masterClient)) return { id };
  if (!context.authorKnown(ours.doc['updatedBy'])) {
    return quarantined(id, 'author-unknown', masterClient, { updatedBy: String(ours.doc['updatedBy']) });
  }
  if (master === undefined || masterClient === undefined) return accept(context, parsed, ours, undefined);
  if (row.assumedMasterState !== undefined && deepEqual(row.assumedMasterState, masterClient)) {
    return accept(context, parsed, ours, master);
  }
  return merge(context, parsed, ours, master, masterClient);
}

/** The refusal of a live write by the collection's database checks, or when it would give its unique key to a second document. */
function uniqueKeyRefusal(
  context: PushRowContext,
  id: string | undefined,
  write: VersionedDocument<ReplicatedDocument>,
): QuarantineReason | undefined {
  if (id === undefined || write.deleted) return undefined;
  const refused = context.writeRefusalOf?.(id);
  if (refused !== undefined) return refused;
  const rule = context.collection.uniqueKey;
  if (rule === undefined) return undefined;
  return context.uniqueKeyTaken?.(id, write.doc) === true ? rule.reason : undefined;
}

function accept(
  context: PushRowContext,
  parsed: ParsedPushRow,
  ours: VersionedDocument<ReplicatedDocument>,
  master: MasterState | undefined,
): PushRowDecision {
  const { collection } = context;
  const id = parsed.id;
  const masterClient = master === undefined ? undefined : toClientDocument(collection, master);
  if (ours.deleted && collection.deletion === 'refused' && master?.deleted !== true) {
    return quarantined(id, 'deletion-refused', masterClient);
  }
  const refusal = master === undefined ? undefined : collection.refuseUpdate?.(master, ours);
  if (refusal !== undefined) return quarantined(id, refusal, masterClient);
  const placement = context.placementOf(ours.doc);
  if (!context.canWrite(ours.doc, placement))
    return quarantined(id, context.refusalOf?.(ours.doc, placement) ?? 'out-of-scope', masterClient);
  const taken = uniqueKeyRefusal(context, id, ours);
  if (taken !== undefined) return quarantined(id, taken, masterClient);
  const oursClient = toClientDocument(collection, ours);
  const adopted = deepEqual(oursClient, parsed.row.newDocumentState) ? {} : { conflict: oursClient };
  return { id, write: { ...ours, ...placement }, ...adopted };
}

function merge(
  context: PushRowContext,
  parsed: ParsedPushRow,
  ours: VersionedDocument<ReplicatedDocument>,
  master: MasterState,
  masterClient: ClientDocument,
): PushRowDecision {
  const { collection } = context;
  const id = parsed.id;
  if (master.deleted) {
    return ours.deleted ? { id, conflict: masterClient } : quarantined(id, 'deleted-on-server', masterClient);
  }
  if (ours.deleted) return quarantined(id, 'deletion-conflict', masterClient);
  const assumed = parsed.row.assumedMasterState;
  const base = assumed === undefined ? undefined : collection.validate(fromClientDocument(assumed).doc);
  const result = collection.merge(base?.ok === true ? base.value : undefined, ours.doc, master.doc);
  const normalized = collection.normalize ? collection.normalize(result.merged) : result.merged;
  const checked = collection.validate(normalized);
  if (!checked.ok) return quarantined(id, 'merge-invalid', masterClient, issuesDetail(checked.errors));
  const merged: VersionedDocument<ReplicatedDocument> = { doc: normalized, deleted: false };
  const placement = context.placementOf(merged.doc);
  if (!context.canWrite(merged.doc, placement))
    return quarantined(id, context.refusalOf?.(merged.doc, placement) ?? 'out-of-scope', masterClient);
  const taken = uniqueKeyRefusal(context, id, merged);
  if (taken !== undefined) return quarantined(id, taken, masterClient);
  const mergedClient = toClientDocument(collection, merged);
  const record: MergeRecord = {
    base: assumed ?? null,
    ours: toClientDocument(collection, ours),
    theirs: masterClient,
    merged: mergedClient,
    decisions: result.decisions,
  };
  const rules = [...new Set(result.decisions.map((d) => d.rule))];
  return {
    id,
    conflict: mergedClient,
    merge: record,
    ...(deepEqual(mergedClient, masterClient) ? {} : { write: { ...merged, ...placement } }),
    ...(result.needsQuarantine
      ? { quarantine: { reason: 'merge-quarantine' as const, detail: { rules } } }
      : {}),
  };
}
