/**
 * What a server-side three-way merge decided, kept for the conflict log and the admins' review. Decisions are how a
 * merge keeps the promise of DESIGN.md §5 that nothing is lost: every value of ours (the station's write) or theirs
 * (the master) that the merged document does not contain is carried in some decision's `discarded`.
 */

/** The merge rules, as stable kebab-case codes the conflict log and the admin console match on. */
export const MERGE_RULES = [
  /** Only the master changed the group since the station's base: the master's value stands. */
  'took-theirs',
  /** Only the station changed the group: the station's value is applied. */
  'took-ours',
  /** Both changed the group differently: the side with the newer HLC stamp won (the master on a tie). */
  'concurrent-newer-stamp-won',
  /** The station inserted a record that already exists on the server: resolved like a concurrent edit. */
  'insert-collision',
  /** A recorded death is never undone by a merge. */
  'death-is-sticky',
  /** A person merged into another record on the server (duplicate resolution) stays merged. */
  'merged-is-sticky',
  /** A concurrent merge never replaces an identifier by nothing. */
  'identifier-kept-over-empty',
  /** One side deliberately removed an identifier while the other left it alone: the removal is applied. */
  'identifier-cleared',
  /** A signed encounter never changes; corrections are new amendment records. */
  'signed-record-immutable',
  /** A station signed content that the master changed meanwhile: the signature is not applied to unseen content. */
  'signature-over-changed-content',
  /** Immunization records are append-only: the only change allowed is marking them entered-in-error. */
  'append-only-record',
  /** The station marked an immunization entered-in-error: applied on top of the master. */
  'entered-in-error-applied',
] as const;
export type MergeRule = (typeof MERGE_RULES)[number];

/** `merged`: the decision is final. `quarantine`: the station's version must be kept in the quarantine for review. */
export const MERGE_OUTCOMES = ['merged', 'quarantine'] as const;
export type MergeOutcome = (typeof MERGE_OUTCOMES)[number];

/** Part of a document in the document's own shape: a field group's fields, or one identifier's fields. */
export type GroupValue = Readonly<Record<string, unknown>>;

/**
 * One decision of a merge about one field group (or one `field` inside it): the value `kept` in the merged document
 * and the value `discarded`, when a different value was left out.
 */
export type MergeDecision = {
  readonly group: string;
  readonly field?: string;
  readonly rule: MergeRule;
  readonly kept: GroupValue;
  readonly discarded?: GroupValue;
  readonly outcome: MergeOutcome;
};

/** A merge's output. `needsQuarantine` is true when any decision's outcome is `quarantine`. */
export type MergeResult<T> = {
  readonly merged: T;
  readonly decisions: readonly MergeDecision[];
  readonly needsQuarantine: boolean;
};

/** Builds a result whose `needsQuarantine` agrees with its decisions. */
export function mergeResult<T>(merged: T, decisions: readonly MergeDecision[]): MergeResult<T> {
  return { merged, decisions, needsQuarantine: decisions.some((d) => d.outcome === 'quarantine') };
}

/** Builds a decision; `field` and `discarded` are left out when not given, and `discarded` also when it holds nothing. */
export function mergeDecision(options: {
  group: string;
  field?: string | undefined;
  rule: MergeRule;
  kept: GroupValue;
  discarded?: GroupValue | undefined;
  outcome?: MergeOutcome | undefined;
}): MergeDecision {
  const { group, field, rule, kept, discarded, outcome = 'merged' } = options;
  return {
    group,
    ...(field === undefined ? {} : { field }),
    rule,
    kept,
    ...(discarded === undefined || Object.values(discarded).every((v) => v === undefined)
      ? {}
      : { discarded }),
    outcome,
  };
}
