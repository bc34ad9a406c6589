import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import { validateDocument } from './validate-document.ts';
import { documentId, documentIdJson } from './document-id.ts';
import { isoDateTime, isoDateTimeJson } from './iso-datetime.ts';
import type { Result } from '../errors/result.ts';

/** Health-ID serials are 10 digits (the 13-digit ID is `01` + serial + check digit). */
const MAX_SERIAL = 9_999_999_999;
const serial = z.int().min(1).max(MAX_SERIAL);

/**
 * A block of health-ID serials the server allocated to one station device (`health-id-pools`, DESIGN.md §5). The
 * server is its only writer; stations pull their pools and issue IDs from them offline (Art. 14.4). The device that
 * may issue from the pool is named, because all devices of a station replicate the station's pools.
 */
export const healthIdPoolDocument = z
  .strictObject({
    id: documentId,
    orgUnitId: documentId,
    deviceId: documentId.optional(),
    firstSerial: serial,
    lastSerial: serial,
    allocatedAt: isoDateTime,
  })
  .refine((pool) => pool.firstSerial <= pool.lastSerial, {
    message: 'Dải mã không hợp lệ: số đầu lớn hơn số cuối.',
    path: ['lastSerial'],
  });
export type HealthIdPoolDocument = z.infer<typeof healthIdPoolDocument>;

export function validateHealthIdPoolDocument(input: unknown): Result<HealthIdPoolDocument> {
  return validateDocument(healthIdPoolDocument, input);
}

export const healthIdPoolSchema: RxJsonSchema<HealthIdPoolDocument> = {
  title: 'health-id-pools',
  description: 'Blocks of health-ID serials allocated by the server to a station device; server-written.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: documentIdJson,
    orgUnitId: documentIdJson,
    deviceId: documentIdJson,
    firstSerial: { type: 'integer', minimum: 1, maximum: MAX_SERIAL },
    lastSerial: { type: 'integer', minimum: 1, maximum: MAX_SERIAL },
    allocatedAt: isoDateTimeJson,
  },
  required: ['id', 'orgUnitId', 'firstSerial', 'lastSerial', 'allocatedAt'],
};
