import { z } from 'zod';
import { safeString } from '../schemas/safe-string.ts';
import { limitParam, sequenceParam } from './query-params.ts';

/**
 * The review routes of the admin console: writes the server refused (`/admin/quarantine`) and merges it made
 * (`/admin/merges`), inside the admin's subtree, newest first.
 */

export const reviewEntryParams = z.strictObject({ id: sequenceParam });
const page = { before: sequenceParam.optional(), limit: limitParam(200).optional() };
export const quarantineListQuery = z.strictObject({
  state: z.enum(['open', 'resolved']).optional(),
  ...page,
});
export const mergeListQuery = z.strictObject(page);
export const quarantineDismissRequest = z.strictObject({ note: safeString().trim().min(3).max(1000) });

export const quarantineSummary = z.object({
  id: z.number(),
  collection: z.string(),
  documentId: z.string(),
  orgUnitId: z.string().nullable(),
  accountId: z.string().nullable(),
  deviceId: z.string().nullable(),
  reason: z.string(),
  reasonMessage: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
});
export type QuarantineSummary = z.infer<typeof quarantineSummary>;
export const quarantineListAnswer = z.object({ entries: z.array(quarantineSummary) });
/** One refused write as the station sent it, beside the current record (null: none stored). */
export const quarantineDetail = quarantineSummary.extend({
  write: z.object({ assumedMasterState: z.unknown().optional(), newDocumentState: z.unknown() }),
  current: z.object({ document: z.unknown(), deleted: z.boolean() }).nullable(),
});
export type QuarantineDetail = z.infer<typeof quarantineDetail>;

const mergeSummary = z.object({
  id: z.number(),
  collection: z.string(),
  documentId: z.string(),
  scopeUnitId: z.string(),
  accountId: z.string().nullable(),
  deviceId: z.string().nullable(),
  rules: z.array(z.string()),
  createdAt: z.string(),
});
export type MergeSummary = z.infer<typeof mergeSummary>;
export const mergesAnswer = z.object({ merges: z.array(mergeSummary) });
/** One decision of a merge, by field group; the values kept and discarded come as they were. */
export const mergeDecision = z
  .object({
    group: z.string(),
    field: z.string().optional(),
    rule: z.string(),
    outcome: z.string(),
  })
  .loose();
/** One merge: base, the station's version (`ours`), the server's (`theirs`), the result, and each decision. */
export const mergeDetail = mergeSummary.extend({
  merge: z.object({
    base: z.unknown().nullable(),
    ours: z.unknown(),
    theirs: z.unknown(),
    merged: z.unknown(),
    decisions: z.array(mergeDecision),
  }),
});
export type MergeDetail = z.infer<typeof mergeDetail>;
