import { z } from 'zod';
import { limitParam } from '../server-api/query-params.ts';

/**
 * The answer of `GET /sync/outcomes` (sync panel), shared by the sync server that sends it and the station
 * that reads it: what became of this device's writes that did not stand as sent, newest first. `quarantined`: the
 * server refused the write and keeps it for an admin (with the reason, and once resolved what the admin did);
 * `merged`: it was combined with a concurrent change on the server, by the listed rules. No document content.
 */
export const deviceOutcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quarantined'),
    id: z.number(),
    collection: z.string(),
    documentId: z.string(),
    at: z.string(),
    reason: z.string(),
    reasonMessage: z.string(),
    /** `dismissed` or `reapplied` once an admin resolved it; null while it waits. */
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    /** The admin's note when dismissing: why the write was not applied. */
    note: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('merged'),
    id: z.number(),
    collection: z.string(),
    documentId: z.string(),
    at: z.string(),
    rules: z.array(z.string()),
  }),
]);
export type DeviceOutcome = z.infer<typeof deviceOutcome>;

export const deviceOutcomesAnswer = z.object({ outcomes: z.array(deviceOutcome) });
export type DeviceOutcomesAnswer = z.infer<typeof deviceOutcomesAnswer>;

/** Most outcomes one request answers (of each kind, before the newest are kept). */
export const MAX_DEVICE_OUTCOMES = 200;

/** `GET /sync/outcomes?limit`: how many of each kind, newest first (default 50). */
export const deviceOutcomesQuery = z.strictObject({ limit: limitParam(MAX_DEVICE_OUTCOMES).optional() });
