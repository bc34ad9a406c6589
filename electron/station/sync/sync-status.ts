/** One problem the sync reported, as the sync panel lists it. */
export type SyncProblem = {
  readonly collection: string;
  readonly code: string;
  readonly message: string;
  readonly at: string;
};

/**
 * What the header and the sync panel show, honestly: `synced` only when the server answered the last
 * round and nothing is pending; pending changes and their oldest age come from the outbox, never from guesses.
 */
export type SyncStatus = {
  /** `synced`: nothing pending, last round succeeded. `syncing`: a round is running. `pending`: changes wait.
   *  `offline`: the server cannot be reached. `needs-attention`: a person must act (sign in, device revoked). */
  readonly state: 'synced' | 'syncing' | 'pending' | 'offline' | 'needs-attention';
  readonly online: boolean;
  readonly lastPullAt: string | null;
  readonly lastPushAt: string | null;
  /** The last time a round ended with the server reachable and nothing pending. */
  readonly lastSyncedAt: string | null;
  readonly pendingChanges: number;
  readonly oldestPendingAt: string | null;
  readonly errors: readonly SyncProblem[];
  /** Documents received per collection since the station started (first-sync progress). */
  readonly received: Readonly<Record<string, number>>;
  /**
   * Documents the server held for this station per collection when sync started, after what it already had: with
   * `received`, the progress bar of a first sync (received / expected). Absent for a collection until the server said.
   */
  readonly expected: Readonly<Record<string, number>>;
  /**
   * While a first sync (or any large catch-up) is under way: seconds until `expected` is reached at the rate documents
   * arrived over the last half minute; null when nothing is left to receive or the rate is not known yet.
   */
  readonly secondsLeft: number | null;
  readonly clockOffsetMs: number;
  /** Unused health IDs in this device's pools, as of the last round (null before the first). */
  readonly healthIdsRemaining: number | null;
};

export const initialSyncStatus: SyncStatus = {
  state: 'offline',
  online: false,
  lastPullAt: null,
  lastPushAt: null,
  lastSyncedAt: null,
  pendingChanges: 0,
  oldestPendingAt: null,
  errors: [],
  received: {},
  expected: {},
  secondsLeft: null,
  clockOffsetMs: 0,
  healthIdsRemaining: null,
};
