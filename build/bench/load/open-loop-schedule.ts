import { createSeededRandom } from '#shared/synthetic/seeded-random.ts';

/** One request of the timetable: when it is due (ms after the step's start) and what it is. */
export type ScheduledRequest =
  | { readonly at: number; readonly kind: 'push'; readonly device: number; readonly documents: number }
  | { readonly at: number; readonly kind: 'pull'; readonly device: number }
  | { readonly at: number; readonly kind: 'status'; readonly device: number };

export type ScheduleOptions = {
  /** Documents a second, offered whatever the server does (open loop). */
  readonly docsPerSecond: number;
  readonly seconds: number;
  readonly devices: number;
  /** Devices 0…pullers-1 pull once a second each, spread over the second. */
  readonly pullers: number;
  /** Each device reports its status once in this many seconds, at a phase of its own. */
  readonly statusEverySeconds: number;
  /** Where the step starts on the run's clock (seconds), so status phases carry over from step to step. */
  readonly runOffsetSeconds: number;
  readonly seed: number;
};

/**
 * The timetable of one load step, fixed before the step starts: pushes of 1–3 documents at a pace that offers
 * `docsPerSecond` (each push follows the previous one by its own document count / rate), each from a random device;
 * the pullers' once-a-second pulls; and the devices' status reports. Sorted by due time. The same options give the
 * same timetable, so two servers measured one after the other get the same load.
 */
export function openLoopSchedule(options: ScheduleOptions): ScheduledRequest[] {
  const random = createSeededRandom(options.seed);
  const end = options.seconds * 1000;
  const schedule: ScheduledRequest[] = [];
  for (let at = 0; at < end;) {
    const documents = random.int(1, 3);
    schedule.push({ at, kind: 'push', device: random.int(0, options.devices - 1), documents });
    at += (documents / options.docsPerSecond) * 1000;
  }
  for (let device = 0; device < options.pullers; device++) {
    for (let at = (device / options.pullers) * 1000; at < end; at += 1000) {
      schedule.push({ at, kind: 'pull', device });
    }
  }
  const period = options.statusEverySeconds * 1000;
  const offset = options.runOffsetSeconds * 1000;
  for (let device = 0; device < options.devices; device++) {
    const phase = (device / options.devices) * period;
    // The device's first report at or after the step's start on the run's clock.
    let due = phase + Math.ceil((offset - phase) / period) * period;
    for (; due - offset < end; due += period) schedule.push({ at: due - offset, kind: 'status', device });
  }
  return schedule.sort((a, b) => a.at - b.at);
}
