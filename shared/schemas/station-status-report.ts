import { z } from 'zod';
import { documentId } from './document-id.ts';
import { isoDateTime } from './iso-datetime.ts';

/**
 * What a station reports about its own sync health (DESIGN §5, notes/anchors.md lesson 4), so district and city
 * admins can see which stations are behind, failing or out of IDs without visiting them. No health data: counts,
 * ids and codes only.
 */
export const stationStatusReport = z.strictObject({
  reportedAt: isoDateTime,
  appVersion: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/),
  lastPullAt: isoDateTime.optional(),
  lastPushAt: isoDateTime.optional(),
  /** Local writes not yet accepted by the server. */
  pendingChanges: z.int().min(0),
  /** Age of the oldest unsynced local write, in seconds. */
  oldestPendingAgeSeconds: z.int().min(0).optional(),
  /** Records the server refused or that failed locally, by id and stable error code (at most 100 listed). */
  recordErrors: z
    .array(z.strictObject({ collection: z.string().max(40), id: documentId, code: z.string().max(60) }))
    .max(100),
  documentCounts: z.record(z.string().max(40), z.int().min(0)),
  databaseSizeBytes: z.int().min(0),
  /** Station clock minus server clock, in milliseconds, as last measured. */
  clockOffsetMs: z.int(),
  healthIdsRemaining: z.int().min(0).optional(),
});
export type StationStatusReport = z.infer<typeof stationStatusReport>;
