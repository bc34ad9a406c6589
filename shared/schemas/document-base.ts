import { z } from 'zod';
import { USER_NAME_PATTERN } from '../accounts/user-name.ts';
import type { JsonSchema } from 'rxdb';
import { documentId, documentIdJson } from './document-id.ts';
import { groupNames } from './field-groups.ts';
import { isoDateTime, isoDateTimeJson } from './iso-datetime.ts';
import { stampsFor, stampsJsonFor } from './stamps.ts';

export type DocumentBaseField =
  'id' | 'orgUnitId' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'synthetic' | 'stamps';

/** An account's user name (Art. 7.1), as written into `updatedBy`. */
const userName = z.string().max(60).regex(USER_NAME_PATTERN, {
  message:
    'Tên đăng nhập của người cập nhật không đúng quy tắc (ví dụ 01I29_anv). Đăng nhập lại rồi lưu lại.',
});

/**
 * The fields every replicated document carries, whatever its collection: identity, the managing org unit (the
 * replication scope), creation and update times, who made the latest change (`updatedBy`: the account's user name;
 * absent when no person did, e.g. a record from the synthetic generator), the synthetic-data mark, and one HLC stamp
 * per field group. Schema version 1 of every collection added `updatedBy` (Art. 9: users answer for their updates).
 */
export function documentBaseShape<const G extends string>(
  fieldGroups: Readonly<Record<G, readonly string[]>>,
) {
  return {
    id: documentId,
    orgUnitId: documentId,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    updatedBy: userName.exactOptional(),
    synthetic: z.boolean(),
    stamps: stampsFor(groupNames(fieldGroups)),
  };
}

/** The RxDB JSON schema properties of `documentBaseShape`. */
export function documentBaseJson(
  fieldGroups: Readonly<Record<string, readonly string[]>>,
): Record<DocumentBaseField, JsonSchema> {
  return {
    id: documentIdJson,
    orgUnitId: documentIdJson,
    createdAt: isoDateTimeJson,
    updatedAt: isoDateTimeJson,
    updatedBy: { type: 'string', maxLength: 60, pattern: USER_NAME_PATTERN.source },
    synthetic: { type: 'boolean' },
    stamps: stampsJsonFor(groupNames(fieldGroups)),
  };
}
