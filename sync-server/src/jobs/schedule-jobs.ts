import { toError } from '#shared/errors/to-error.ts';

export type ScheduledJob = {
  readonly name: string;
  readonly everyMs: number;
  /** Runs once at start as well. Failures are logged and retried at the next tick, never fatal. */
  run(): Promise<unknown>;
};

type Timers = {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

/**
 * Runs maintenance jobs (inactivity lock, nonce pruning, …) at fixed intervals in this process. Each job must be
 * idempotent: several server instances may run the same job, and a run may overlap a restart. Returns `stop()`.
 */
export function scheduleJobs(
  jobs: readonly ScheduledJob[],
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  timers: Timers = {
    setInterval: (fn, ms) => setInterval(fn, ms).unref(),
    clearInterval: (h) => {
      clearInterval(h as NodeJS.Timeout);
    },
  },
): () => void {
  const running = new Set<string>();
  const tick = (job: ScheduledJob) => {
    if (running.has(job.name)) return;
    running.add(job.name);
    job
      .run()
      .then((result) => {
        log.info({ job: job.name, result }, 'job finished');
      })
      .catch((e: unknown) => {
        log.error({ job: job.name, err: toError(e) }, 'job failed');
      })
      .finally(() => running.delete(job.name));
  };
  const handles = jobs.map((job) => {
    tick(job);
    return timers.setInterval(() => {
      tick(job);
    }, job.everyMs);
  });
  return () => {
    for (const handle of handles) timers.clearInterval(handle);
  };
}
