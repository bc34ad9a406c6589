import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import type { Result } from '../errors/result.ts';
import { documentId, documentIdJson } from './document-id.ts';
import { isoDateTime, isoDateTimeJson } from './iso-datetime.ts';
import { validateDocument } from './validate-document.ts';

/**
 * What a station records of its own use (DESIGN.md §6: the audit records logins, reads and prints of a person's
 * record, backups).
 */
export const accessEventActions = [
  'login',
  'login-failed',
  'logout',
  'person-read',
  'backup',
  'person-printed',
  'worklist-printed',
  'worklist-exported',
] as const;
export type AccessEventAction = (typeof accessEventActions)[number];

const WORKLIST_PATTERN = /^[a-z][a-z-]{0,39}$/;

/**
 * One security-relevant act on a station device (`access-events`): written by the station core when it happens,
 * offline or not, and pushed like any change; the server appends it to the signed, hash-chained audit log when it
 * arrives. Never changed once written. Holds who, what and when — ids, never health data.
 */
export const accessEventDocument = z.strictObject({
  id: documentId,
  orgUnitId: documentId,
  deviceId: documentId,
  action: z.enum(accessEventActions),
  /** The station user name as typed at sign-in (failed logins) or of the signed-in account. */
  userName: z.string().min(1).max(80),
  /** The person whose record was read. */
  personId: documentId.optional(),
  /** The worklist printed or exported (its kind), and how many residents it held. */
  worklist: z.string().regex(WORKLIST_PATTERN).optional(),
  rows: z.int().min(0).max(100_000).optional(),
  occurredAt: isoDateTime,
});
export type AccessEventDocument = z.infer<typeof accessEventDocument>;

export function validateAccessEventDocument(input: unknown): Result<AccessEventDocument> {
  return validateDocument(accessEventDocument, input);
}

/**
 * Versions: 0, the first release; 1 adds the action `person-printed`; 2 the actions `worklist-printed` and
 * `worklist-exported` with the optional `worklist` and `rows`.
 */
export const accessEventSchema: RxJsonSchema<AccessEventDocument> = {
  title: 'access-events',
  description:
    "A station's own record of logins, reads and prints of a person's record, worklists printed or exported and backups; ids only.",
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: documentIdJson,
    orgUnitId: documentIdJson,
    deviceId: documentIdJson,
    action: { type: 'string', enum: [...accessEventActions] },
    userName: { type: 'string', minLength: 1, maxLength: 80 },
    personId: documentIdJson,
    worklist: { type: 'string', maxLength: 40, pattern: WORKLIST_PATTERN.source },
    rows: { type: 'integer', minimum: 0, maximum: 100_000 },
    occurredAt: isoDateTimeJson,
  },
  required: ['id', 'orgUnitId', 'deviceId', 'action', 'userName', 'occurredAt'],
};
