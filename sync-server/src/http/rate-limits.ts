/** At most `max` requests in each window of `windowMs` for one key (a client address, a user name, a session). */
export type RateBudget = { readonly max: number; readonly windowMs: number };

/**
 * The server's request budgets and stream caps (DESIGN.md §6), one per route family. Sign-in and enrolment are tight
 * (they are where guessing happens); sync is generous and keyed by session, so that a station PC with several
 * devices, a district behind one address, or a load test from loopback is not throttled by address. Counters are
 * kept in memory per server instance: behind a load balancer each instance counts on its own.
 */
export type RateLimits = {
  /** `POST /auth/login` per client address (sign-in spraying over many user names). */
  readonly signInPerAddress: RateBudget;
  /** `POST /auth/login` per user name typed, normalised, from any address (guessing one account's password). */
  readonly signInPerUserName: RateBudget;
  /** `POST /devices/enrol` per client address (guessing enrolment codes). */
  readonly enrolmentPerAddress: RateBudget;
  /** `POST /auth/device-session` per client address. */
  readonly deviceSessionPerAddress: RateBudget;
  /** Every `/sync/…` request per session (a person's or a station device's); per address without a valid session. */
  readonly syncPerSession: RateBudget;
  /**
   * `GET /interop/patients` per account, over all its sessions: a hospital confirming who its patient is. Each answer
   * names a resident, so guessing identifiers through it is held to this.
   */
  readonly patientLookupPerAccount: RateBudget;
  /** Every other route per session, or per address without one; `/health/*` and `/metrics` are never limited. */
  readonly otherPerSession: RateBudget;
  /** Open `/sync/:collection/stream` answers of one collection per session; one more is refused with 429. */
  readonly streamsPerSession: number;
  /** Open `/sync/:collection/stream` answers of one collection per station device, over all its sessions. */
  readonly streamsPerDevice: number;
};

const MINUTE = 60_000;

/** The production budgets (each can be changed with its `HSSK_RATE_*` / `HSSK_STREAMS_*` variable). */
export const defaultRateLimits: RateLimits = {
  signInPerAddress: { max: 30, windowMs: MINUTE },
  signInPerUserName: { max: 10, windowMs: MINUTE },
  enrolmentPerAddress: { max: 10, windowMs: 10 * MINUTE },
  deviceSessionPerAddress: { max: 60, windowMs: MINUTE },
  syncPerSession: { max: 3000, windowMs: MINUTE },
  patientLookupPerAccount: { max: 60, windowMs: MINUTE },
  otherPerSession: { max: 600, windowMs: MINUTE },
  streamsPerSession: 6,
  streamsPerDevice: 6,
};
