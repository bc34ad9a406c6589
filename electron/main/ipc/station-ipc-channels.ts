import type { StationConnection } from '#shared/station-api/station-api.ts';

/** The only IPC channels between the station window and the main process (one typed map: the station API). */
export const STATION_IPC = {
  /** invoke: `(command, args)` → `StationAnswer`. */
  call: 'hssk:station-call',
  /** main → page: every station event as a `StationEventMessage` (`{ event, payload }`). */
  event: 'hssk:station-event',
  /** main → page: the link to the station core (`CoreConnection`). */
  connection: 'hssk:station-connection',
  /** invoke: `(title)` → the folder chosen in the system dialog, or null. */
  pickFolder: 'hssk:pick-folder',
} as const;

/**
 * Where the link to the station core (its utility process) stands, as the window shows it: `lost` while a crashed core
 * restarts (the open form's draft is kept by the core), `refused` when it kept crashing and IT must look.
 */
export type CoreConnection = StationConnection;
