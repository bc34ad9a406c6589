/** The timer the schedule sleeps on (Node's by default; tests pass a fake one driven by their clock). */
export type BackupTimer = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** `Summary` is what one backup returns (`BackupSummary` of `createStationBackups`). */
export type DailyBackupOptions<Summary> = {
  /** Local time of day, 'HH:MM' (24-hour). */
  readonly at: string;
  readonly folder: string;
  readonly timer?: BackupTimer;
  /** Told about every scheduled backup; failures are also recorded in the backups' `status()`. */
  readonly onBackup?: (outcome: { ok: true; summary: Summary } | { ok: false; error: unknown }) => void;
};

export type DailyBackup = {
  /** When the next fixed-time backup is due. */
  nextRunAt(): Date;
  /** Resolves once no scheduled backup is running. */
  whenIdle(): Promise<void>;
  /** Cancels the schedule and waits for a running backup to finish. */
  stop(): Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Longest single sleep: the schedule wakes at least this often and looks at the clock again, so a PC that slept or a
 * clock that was corrected still backs up at the right time (a timer only counts time the process was awake).
 */
const MAX_SLEEP_MS = 15 * 60 * 1000;

const nodeTimer: BackupTimer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/**
 * Backs up into `folder` every day at the local time `at` (Art. 19.3: "automatically every day at a fixed time").
 * At start it catches up once, right away, when the last successful backup is missing or older than a day (the PC
 * was off at that time). A failed run is not retried before the next day's time (the status shows it); runs never
 * overlap, since `backupNow` calls run one after another.
 */
export function startDailyBackup<Summary>(
  input: {
    readonly backups: {
      backupNow(folder: string): Promise<Summary>;
      status(): Promise<{ readonly lastBackupAgeMs: number | null }>;
    };
    readonly clock: { now(): Date };
  } & DailyBackupOptions<Summary>,
): DailyBackup {
  const { backups, clock, folder } = input;
  const timer = input.timer ?? nodeTimer;
  const time = parseTimeOfDay(input.at);
  let due = nextOccurrence(clock.now(), time);
  let handle: unknown;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  function run(): void {
    current = current.then(async () => {
      try {
        const summary = await backups.backupNow(folder);
        input.onBackup?.({ ok: true, summary });
      } catch (error) {
        input.onBackup?.({ ok: false, error });
      }
    });
  }

  function sleep(): void {
    if (stopped) return;
    const wait = Math.min(Math.max(due.getTime() - clock.now().getTime(), 0), MAX_SLEEP_MS);
    handle = timer.setTimeout(wake, wait);
  }

  function wake(): void {
    handle = undefined;
    if (stopped) return;
    const now = clock.now();
    if (now.getTime() >= due.getTime()) {
      due = nextOccurrence(now, time);
      run();
    }
    sleep();
  }

  current = backups.status().then(
    (status) => {
      if (!stopped && (status.lastBackupAgeMs === null || status.lastBackupAgeMs >= DAY_MS)) run();
    },
    () => {
      if (!stopped) run();
    },
  );
  sleep();

  async function whenIdle(): Promise<void> {
    // A run may queue another while we wait; settle until the chain stops growing.
    for (;;) {
      const seen = current;
      await seen;
      if (seen === current) return;
    }
  }

  return {
    nextRunAt: () => new Date(due.getTime()),
    whenIdle,
    async stop() {
      stopped = true;
      if (handle !== undefined) timer.clearTimeout(handle);
      handle = undefined;
      await whenIdle();
    },
  };
}

type TimeOfDay = { readonly hours: number; readonly minutes: number };

function parseTimeOfDay(at: string): TimeOfDay {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (match === null) throw new Error(`daily backup time must be 'HH:MM' (24-hour): ${JSON.stringify(at)}`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** The first local `time` strictly after `after`. */
function nextOccurrence(after: Date, time: TimeOfDay): Date {
  const candidate = new Date(
    after.getFullYear(),
    after.getMonth(),
    after.getDate(),
    time.hours,
    time.minutes,
  );
  if (candidate.getTime() <= after.getTime()) candidate.setDate(candidate.getDate() + 1);
  return candidate;
}
