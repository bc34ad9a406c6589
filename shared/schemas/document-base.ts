import { z } from 'zod';
import type { JsonSchema } from 'rxdb';
import { documentId, documentIdJson } from './document-id.ts';
import { groupNames } from './field-groups.ts';
import { isoDateTime, isoDateTimeJson } from './iso-datetime.ts';
import { stampsFor, stampsJsonFor } from './stamps.ts';

export type DocumentBaseField = 'id' | 'orgUnitId' | 'createdAt' | 'updatedAt' | 'synthetic' | 'stamps';

/**
 * The fields every replicated document carries, whatever its collection: identity, the managing org unit (the
 * replication scope), creation and update times, the synthetic-data mark, and one HLC stamp per field group.
 */
export function documentBaseShape<const G extends string>(
  fieldGroups: Readonly<Record<G, readonly string[]>>,
) {
  return {
    id: documentId,
    orgUnitId: documentId,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
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
    synthetic: { type: 'boolean' },
    stamps: stampsJsonFor(groupNames(fieldGroups)),
  };
}
