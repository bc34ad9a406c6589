import type { RxJsonSchema } from 'rxdb';
import type { z } from 'zod';
import type { Result } from '../errors/result.ts';
import { documentId, documentIdJson } from './document-id.ts';
import { isoDateTimeJson } from './iso-datetime.ts';
import { stationStatusReport } from './station-status-report.ts';
import { validateDocument } from './validate-document.ts';

/**
 * A station device's latest sync-health report as a replicated document (`station-status`): one per device, its id
 * the device id, rewritten by the station after each sync and pushed like any change. The server keeps the latest
 * for the admin console and tops up the device's health-ID pools when it reports running low.
 */
export const stationStatusDocument = stationStatusReport.extend({ id: documentId, orgUnitId: documentId });
export type StationStatusDocument = z.output<typeof stationStatusDocument>;

export function validateStationStatusDocument(input: unknown): Result<StationStatusDocument> {
  return validateDocument(stationStatusDocument, input);
}

const count = { type: 'integer', minimum: 0 } as const;

export const stationStatusSchema: RxJsonSchema<StationStatusDocument> = {
  title: 'station-status',
  description: 'The sync health a station device reports: counts, times and error codes, no health data.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: documentIdJson,
    orgUnitId: documentIdJson,
    reportedAt: isoDateTimeJson,
    appVersion: { type: 'string', maxLength: 60 },
    lastPullAt: isoDateTimeJson,
    lastPushAt: isoDateTimeJson,
    pendingChanges: count,
    oldestPendingAgeSeconds: count,
    recordErrors: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          collection: { type: 'string', maxLength: 40 },
          id: documentIdJson,
          code: { type: 'string', maxLength: 60 },
        },
        required: ['collection', 'id', 'code'],
      },
    },
    documentCounts: { type: 'object', additionalProperties: count },
    databaseSizeBytes: count,
    clockOffsetMs: { type: 'integer' },
    healthIdsRemaining: count,
  },
  required: [
    'id',
    'orgUnitId',
    'reportedAt',
    'appVersion',
    'pendingChanges',
    'recordErrors',
    'documentCounts',
    'databaseSizeBytes',
    'clockOffsetMs',
  ],
};
