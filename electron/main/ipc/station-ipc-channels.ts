/** The only IPC channels between the station window and the main process (one typed map: the station API). */
export const STATION_IPC = {
  /** invoke: `(command, args)` → `StationAnswer`. */
  call: 'hssk:station-call',
  /** main → page: `{ event, payload }` for every station event. */
  event: 'hssk:station-event',
  /** main → page: the link to the station core (`CoreConnection`). */
  connection: 'hssk:station-connection',
} as const;

/** Where the link to the station core (its utility process) stands, as the window shows it. */
export type CoreConnection =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'ready' }
  /** The core stopped unexpectedly and is being restarted; the open form's draft is kept by the core. */
  | { readonly kind: 'lost'; readonly message: string }
  /** It kept crashing: restarting stopped, IT must look. */
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };
