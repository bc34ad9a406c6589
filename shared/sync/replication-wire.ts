import { z } from 'zod';
import { safeString } from '../schemas/safe-string.ts';

/**
 * The wire shapes of the replication routes (RxDB's replication protocol over HTTP, DESIGN.md §5). Documents are
 * plain JSON objects here; each collection's own validator checks them row by row, so that one bad document is
 * quarantined instead of failing the whole request.
 */

/** Most rows one push may carry (RxDB's default batch is 100); the body limit caps the bytes. */
export const MAX_PUSH_ROWS = 1000;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 100;

const jsonDocument = z.record(z.string(), z.unknown());

export const collectionParams = z.strictObject({
  collection: safeString()
    .min(1)
    .max(64)
    .describe('Replicated collection: persons, encounters, immunizations'),
});

/** Sequence numbers travel as decimal strings in the query; up to 15 digits stays an exact JS number. */
const sequenceText = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

/** Documents per pull page, as a query parameter. */
const pageLimit = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PULL_LIMIT))
  .optional();

export const pullQuery = z.strictObject({
  checkpoint: sequenceText.optional().describe('Last sequence number received; omit for the beginning'),
  limit: pageLimit.describe(
    `Batch size, 1–${String(MAX_PULL_LIMIT)} (default ${String(DEFAULT_PULL_LIMIT)})`,
  ),
});

/** Most pages one page run may carry, and how many it carries when the client does not say. */
export const MAX_RUN_PAGES = 100;
export const DEFAULT_RUN_PAGES = 10;

/**
 * `GET /sync/:collection/pages`: a page run, the pull of many pages in one streamed answer (NDJSON, one
 * `pullResponse` per line, each continuing from the one before). The run ends after `pages` pages or after the first
 * short page (fewer than `limit` documents: the replica has caught up). A client that loses the connection keeps every
 * whole page it received and asks again from the last page's checkpoint.
 */
export const pageRunQuery = z.strictObject({
  checkpoint: sequenceText.optional().describe('Last sequence number received; omit for the beginning'),
  limit: pageLimit.describe(
    `Documents per page, 1–${String(MAX_PULL_LIMIT)} (default ${String(DEFAULT_PULL_LIMIT)})`,
  ),
  pages: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_RUN_PAGES))
    .optional()
    .describe(`Most pages in the run, 1–${String(MAX_RUN_PAGES)} (default ${String(DEFAULT_RUN_PAGES)})`),
});

/** The content type of a page run's answer: one JSON page per line. */
export const PAGE_RUN_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

export const countQuery = z.strictObject({
  checkpoint: sequenceText.optional().describe('Last sequence number received; omit for the beginning'),
});

export const countResponse = z.object({
  documents: z.number().int().describe('Documents in scope after the checkpoint, at the time of the request'),
});

export const pullResponse = z.object({
  documents: z
    .array(jsonDocument)
    .describe('Changed documents in sequence order; evictions as _deleted tombstones'),
  checkpoint: z
    .object({ seq: z.number().int() })
    .describe('Where to continue: pass `seq` as the `checkpoint` query parameter of the next pull'),
});

export const pushRow = z.strictObject({
  assumedMasterState: jsonDocument.optional(),
  newDocumentState: jsonDocument,
});
export const pushBody = z.array(pushRow).max(MAX_PUSH_ROWS);

export const pushResponse = z
  .array(jsonDocument)
  .describe('Master states the client must adopt: merged documents, refused writes, normalized writes');

export const streamQuery = z.strictObject({});

/** `GET /sync/versions`: the schema version the server stores of each replicated collection. */
export const versionsResponse = z.strictObject({ collections: z.record(z.string(), z.int()) });

/** One `data:` message of `GET /sync/:collection/stream`: RxDB's `RESYNC`, or a batch like a pull answer. */
export const streamMessage = z.union([z.literal('RESYNC'), pullResponse]);
