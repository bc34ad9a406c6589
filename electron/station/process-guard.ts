import { errorSummary } from './error-summary.ts';

/** The part of `process` the guard listens to (a test can pass its own emitter). */
export type GuardedProcess = Pick<NodeJS.Process, 'on' | 'off'>;

export type ProcessGuardOptions = {
  readonly process: GuardedProcess;
  /** Receives one line per failure: its name, code and place (`errorSummary`), never its message. */
  readonly log: (line: string) => void;
  readonly clock: { now(): number };
  /** Called once when uncaught exceptions come faster than `maxUncaught` per `windowMs`: close and exit. */
  readonly onTooMany: () => void;
  /** Default 5 uncaught exceptions… */
  readonly maxUncaught?: number;
  /** …within 10 minutes. */
  readonly windowMs?: number;
};

/**
 * Keeps the station core serving when a failure escapes every handler, instead of Node's default of ending the
 * process (which any web page open on the station PC could trigger through the loopback server):
 * - an unhandled promise rejection is logged and the core goes on: the operation it belonged to has failed and
 *   unwound, nothing else is affected;
 * - an uncaught exception is logged and the core goes on, unless more than `maxUncaught` come within `windowMs`: an
 *   exception interrupts synchronous code mid-way, and a burst of them means state is no longer trustworthy, so
 *   `onTooMany` closes the core cleanly (replica writes are transactions; nothing committed is lost) and the person or
 *   the supervisor restarts it.
 * Returns a function that removes the guard.
 */
export function guardStationProcess(options: ProcessGuardOptions): () => void {
  const maxUncaught = options.maxUncaught ?? 5;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const recent: number[] = [];
  let stopping = false;

  const onRejection = (reason: unknown) => {
    options.log(`station core: unhandled rejection, still serving (${errorSummary(reason)})`);
  };
  const onException = (error: unknown) => {
    const now = options.clock.now();
    recent.push(now);
    while (recent.length > 0 && (recent[0] ?? now) <= now - windowMs) recent.shift();
    if (recent.length <= maxUncaught) {
      options.log(`station core: uncaught exception, still serving (${errorSummary(error)})`);
      return;
    }
    options.log(
      `station core: uncaught exception, ${String(recent.length)} within ${String(windowMs / 1000)} s: stopping (${errorSummary(error)})`,
    );
    if (stopping) return;
    stopping = true;
    options.onTooMany();
  };
  options.process.on('unhandledRejection', onRejection);
  options.process.on('uncaughtException', onException);
  return () => {
    options.process.off('unhandledRejection', onRejection);
    options.process.off('uncaughtException', onException);
  };
}
