import { z } from 'zod';
import { mergeablePersonGroups } from '../schemas/field-groups.ts';
import { safeString } from '../schemas/safe-string.ts';
import { limitParam, sequenceParam } from './query-params.ts';

/**
 * The duplicate review of the admin console (`/admin/duplicates`): pairs of potential duplicate residents where
 * either is managed inside the admin's subtree, their records side by side, and the decisions on them.
 */

export const duplicateParams = z.strictObject({ id: sequenceParam });
export const duplicateListQuery = z.strictObject({
  state: z.enum(['open', 'resolved']).optional(),
  before: sequenceParam.optional(),
  limit: limitParam(200).optional(),
});
export const notDuplicateRequest = z.strictObject({ note: safeString().trim().min(3).max(1000) });

/** Per field group, whose value the survivor keeps: its own or the other record's (absent: its own). */
export const mergeTake = z.partialRecord(z.enum(mergeablePersonGroups), z.enum(['survivor', 'other']));
export type MergeTake = z.infer<typeof mergeTake>;
export const duplicateMergeRequest = z.strictObject({
  survivorId: safeString().min(1).max(40),
  take: mergeTake.optional(),
});

/**
 * One resident of a pair as the list shows it: visible when managed inside the admin's subtree, otherwise nothing of
 * it at all.
 */
const duplicateSide = z.discriminatedUnion('visible', [
  z.object({
    visible: z.literal(true),
    id: z.string(),
    fullName: z.string(),
    dateOfBirth: z.string(),
    sex: z.string(),
    healthId: z.string(),
    status: z.string(),
    /** Where the resident is managed (a commune station). */
    orgUnitId: z.string(),
  }),
  z.object({ visible: z.literal(false) }),
]);
export type DuplicateSide = z.infer<typeof duplicateSide>;

export const duplicateCandidate = z.object({
  id: z.number(),
  /** `personal-id`, `bhxh-number`, `name-birth-sex`, `short-name-birth-sex`; text, so a reason added later shows as it comes. */
  reasons: z.array(z.string()),
  /** `open`, `not-duplicate` or `merged`. */
  state: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
  survivorId: z.string().nullable(),
  /**
   * `decide`: both records are managed inside the admin's subtree (open both, merge or dismiss); `own-side`: one is
   * managed elsewhere, the admin sees their own resident and why the pair was found, and `decider` decides.
   */
  access: z.enum(['decide', 'own-side']),
  /** The lowest unit whose subtree holds both records: who decides about the pair. */
  decider: z.object({ id: z.string(), name: z.string() }).nullable(),
  a: duplicateSide,
  b: duplicateSide,
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;
export const duplicatesAnswer = z.object({ candidates: z.array(duplicateCandidate) });

/** A resident's whole record, opened for review: the fields read by name, the others as they come. */
const duplicatePerson = z
  .object({
    id: z.string(),
    healthId: z.string(),
    fullName: z.string(),
    createdAt: z.string(),
    orgUnitId: z.string(),
    status: z.string(),
    mergedInto: z.string().optional(),
  })
  .loose();
export type DuplicatePerson = z.infer<typeof duplicatePerson>;
/** A pair opened side by side: `persons` are the pair's `a` and `b`, in that order (`null`: managed elsewhere). */
export const duplicateDetail = duplicateCandidate.extend({
  persons: z.tuple([duplicatePerson.nullable(), duplicatePerson.nullable()]),
});
export type DuplicateDetail = z.infer<typeof duplicateDetail>;

/** What a merge or its undo did. */
export const duplicateMergeOutcome = z.object({
  survivorId: z.string(),
  loserId: z.string(),
  takenGroups: z.array(z.enum(mergeablePersonGroups)),
  /** Exams and doses given to the survivor (by a merge) or back to the other record (by an undo). */
  repointed: z.number(),
});
