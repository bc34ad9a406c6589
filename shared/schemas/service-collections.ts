import {
  accessEventSchema,
  validateAccessEventDocument,
  type AccessEventDocument,
} from './access-event-document.ts';
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
 * pools (server-written), its sync-health report (station-written, the latest wins) and its access events
 * (station-written, never changed, appended to the server's audit log).
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
  'access-events': {
    name: 'access-events',
    schema: accessEventSchema,
    validate: validateAccessEventDocument,
    stampGroups: {},
  } satisfies CollectionDefinition<AccessEventDocument>,
} as const;
