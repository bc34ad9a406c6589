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
  staffAccessSchema,
  validateStaffAccessDocument,
  type StaffAccessDocument,
} from './staff-access-document.ts';
import {
  stationStatusSchema,
  validateStationStatusDocument,
  type StationStatusDocument,
} from './station-status-document.ts';

/**
 * The replicated collections that carry no health data and are not merged field by field: a device's health-ID
 * pools (server-written), its sync-health report (station-written, the latest wins), its access events
 * (station-written, never changed, appended to the server's audit log) and the station's revocation list of staff
 * accounts (server-written).
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
    // 0 → 1 and 1 → 2 only added actions and optional fields: every older event is a valid newer one.
    migrationStrategies: {
      1: (event: AccessEventDocument) => event,
      2: (event: AccessEventDocument) => event,
    },
  } satisfies CollectionDefinition<AccessEventDocument>,
  'staff-access': {
    name: 'staff-access',
    schema: staffAccessSchema,
    validate: validateStaffAccessDocument,
    stampGroups: {},
  } satisfies CollectionDefinition<StaffAccessDocument>,
} as const;
