import type { CollectionDefinition } from './collections.ts';
import {
  healthIdPoolSchema,
  validateHealthIdPoolDocument,
  type HealthIdPoolDocument,
} from './health-id-pool-document.ts';
import {
  stationStatusSchema,
  validateStationStatusDocument,
  type StationStatusDocument,
} from './station-status-document.ts';

/**
 * The replicated collections that carry no health data and are not merged field by field: a device's health-ID
 * pools (server-written) and its sync-health report (station-written, the latest wins).
 */
export const serviceCollections = {
  'health-id-pools': {
    name: 'health-id-pools',
    schema: healthIdPoolSchema,
    validate: validateHealthIdPoolDocument,
    stampGroups: {},
  } satisfies CollectionDefinition<HealthIdPoolDocument>,
  'station-status': {
    name: 'station-status',
    schema: stationStatusSchema,
    validate: validateStationStatusDocument,
    stampGroups: {},
  } satisfies CollectionDefinition<StationStatusDocument>,
} as const;
