import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import type { Result } from '../errors/result.ts';
import { documentId, documentIdJson } from './document-id.ts';
import { isoDateTime, isoDateTimeJson } from './iso-datetime.ts';
import { validateDocument } from './validate-document.ts';

/**
 * Whether a station staff account may still sign in: `active`, or why not — locked (by an admin, at the holder's
 * request, for inactivity), closed, or its password reset by an admin (the old password must stop working).
 */
export const staffAccessStates = ['active', 'locked', 'closed', 'password-reset'] as const;
export type StaffAccessState = (typeof staffAccessStates)[number];

/**
 * The station's revocation list (`staff-access`), one document per station staff account whose access changed, its
 * id the account id, scoped to the account's org unit. Written by the server only, in the transaction of the change;
 * a station that receives a non-active entry removes that person's offline verifier and staff key slot and refuses
 * their offline sign-in. `userName` is the login key (lower case), as the station caches it. No health data.
 */
export const staffAccessDocument = z.strictObject({
  id: documentId,
  orgUnitId: documentId,
  userName: z.string().min(1).max(100),
  access: z.enum(staffAccessStates),
  changedAt: isoDateTime,
});
export type StaffAccessDocument = z.infer<typeof staffAccessDocument>;

export function validateStaffAccessDocument(input: unknown): Result<StaffAccessDocument> {
  return validateDocument(staffAccessDocument, input);
}

export const staffAccessSchema: RxJsonSchema<StaffAccessDocument> = {
  title: 'staff-access',
  description:
    'Whether each station staff account may still sign in (the offline revocation list); server-written.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: documentIdJson,
    orgUnitId: documentIdJson,
    userName: { type: 'string', minLength: 1, maxLength: 100 },
    access: { type: 'string', enum: [...staffAccessStates] },
    changedAt: isoDateTimeJson,
  },
  required: ['id', 'orgUnitId', 'userName', 'access', 'changedAt'],
};
