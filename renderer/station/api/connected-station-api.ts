import type { StationApi, StationConnection } from '#shared/station-api/station-api.ts';

/** Where the link to the station core stands; the header shows it, since nothing works without it. */
export type ConnectionState = StationConnection;

/** The station API as the app uses it, whichever way it reaches the core, with the state of that link. */
export type ConnectedStationApi = StationApi & {
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
};
