import { readdirSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDirectory } from '../replica/sqlite-rx-storage.test-support.ts';
import { createStationBackups } from './create-station-backups.ts';
import { startDailyBackup, type BackupTimer } from './daily-backup-schedule.ts';
import { DATABASE_NAME, DEVICE, testClock, testStationData } from './station-backup.test-support.ts';

const HOUR = 60 * 60 * 1000;

/** A clock and a timer that only move when the test says so. */
function fakeTime(start: Date) {
  const clock = testClock(start);
  let pending: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const timer: BackupTimer = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.push({ at: clock.now().getTime() + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      pending = pending.filter((p) => p.id !== handle);
    },
  };
  return {
    clock,
    timer,
    pendingTimers: () => pending.length,
    /**
     * Moves the clock to `to`, firing every timer due on the way, in order, and letting what each one started
     * finish (`settle`) before time moves on, as it would in real time.
     */
    async advanceTo(to: Date, settle: { whenIdle(): Promise<void> }) {
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const first = pending[0];
        if (first === undefined || first.at > to.getTime()) break;
        pending.shift();
        clock.set(new Date(Math.max(clock.now().getTime(), first.at)));
        first.callback();
        await settle.whenIdle();
      }
      clock.set(to);
    },
    /** The PC slept: the clock jumps without any timer firing, then the earliest timer fires late. */
    sleepUntil(to: Date) {
      clock.set(to);
      pending.sort((a, b) => a.at - b.at);
      const first = pending.shift();
      first?.callback();
    },
  };
}

/** Backups that record when they were asked for; the last backup is `ageMs` old at start. */
function recordingBackups(clock: { now(): Date }, ageMs: number | null) {
  const runs: Date[] = [];
  let failing = false;
  return {
    runs,
    failNext: () => {
      failing = true;
    },
    backups: {
      async backupNow(folder: string) {
        runs.push(clock.now());
        if (failing) {
          failing = false;
          throw new Error('USB disk unplugged');
        }
        return { folder };
      },
      async status() {
        return { lastBackupAgeMs: ageMs };
      },
    },
  };
}

describe('startDailyBackup', () => {
  it('fires every day at the fixed local time, and not before', async () => {
    const time = fakeTime(new Date(2026, 2, 10, 10, 0));
    const recorder = recordingBackups(time.clock, 2 * HOUR);
    const daily = startDailyBackup({ ...recorder, ...time, at: '12:00', folder: '/backups' });
    onTestFinished(() => daily.stop());
    await daily.whenIdle();
    expect(recorder.runs).toEqual([]);
    expect(daily.nextRunAt()).toEqual(new Date(2026, 2, 10, 12, 0));

    await time.advanceTo(new Date(2026, 2, 10, 11, 59, 59), daily);
    expect(recorder.runs).toEqual([]);
    await time.advanceTo(new Date(2026, 2, 10, 12, 0, 30), daily);
    expect(recorder.runs).toEqual([new Date(2026, 2, 10, 12, 0)]);
    await time.advanceTo(new Date(2026, 2, 12, 13, 0), daily);
    expect(recorder.runs).toEqual([
      new Date(2026, 2, 10, 12, 0),
      new Date(2026, 2, 11, 12, 0),
      new Date(2026, 2, 12, 12, 0),
    ]);
    expect(daily.nextRunAt()).toEqual(new Date(2026, 2, 13, 12, 0));
  });

  it('catches up once at start when the last backup is older than a day, or there is none', async () => {
    for (const [ageMs, expected] of [
      [null, 1],
      [25 * HOUR, 1],
      [23 * HOUR, 0],
    ] as const) {
      const time = fakeTime(new Date(2026, 2, 10, 8, 0));
      const recorder = recordingBackups(time.clock, ageMs);
      const daily = startDailyBackup({ ...recorder, ...time, at: '12:00', folder: '/backups' });
      await daily.whenIdle();
      expect(recorder.runs).toHaveLength(expected);
      await time.advanceTo(new Date(2026, 2, 10, 11, 0), daily);
      expect(recorder.runs).toHaveLength(expected);
      await daily.stop();
    }
  });

  it('backs up when it wakes after the fixed time went by while the PC slept', async () => {
    const time = fakeTime(new Date(2026, 2, 10, 10, 0));
    const recorder = recordingBackups(time.clock, HOUR);
    const daily = startDailyBackup({ ...recorder, ...time, at: '12:00', folder: '/backups' });
    onTestFinished(() => daily.stop());
    time.sleepUntil(new Date(2026, 2, 10, 15, 30));
    await daily.whenIdle();
    expect(recorder.runs).toEqual([new Date(2026, 2, 10, 15, 30)]);
    expect(daily.nextRunAt()).toEqual(new Date(2026, 2, 11, 12, 0));
  });

  it('reports a failed run and tries again the next day, without an unhandled rejection', async () => {
    const time = fakeTime(new Date(2026, 2, 10, 11, 0));
    const recorder = recordingBackups(time.clock, HOUR);
    const outcomes: boolean[] = [];
    const daily = startDailyBackup({
      ...recorder,
      ...time,
      at: '12:00',
      folder: '/backups',
      onBackup: (outcome) => outcomes.push(outcome.ok),
    });
    onTestFinished(() => daily.stop());
    recorder.failNext();
    await time.advanceTo(new Date(2026, 2, 11, 12, 5), daily);
    expect(outcomes).toEqual([false, true]);
    expect(recorder.runs).toEqual([new Date(2026, 2, 10, 12, 0), new Date(2026, 2, 11, 12, 0)]);
  });

  it('stops: no timer left, no further backup', async () => {
    const time = fakeTime(new Date(2026, 2, 10, 11, 0));
    const recorder = recordingBackups(time.clock, HOUR);
    const daily = startDailyBackup({ ...recorder, ...time, at: '12:00', folder: '/backups' });
    await daily.stop();
    expect(time.pendingTimers()).toBe(0);
    await time.advanceTo(new Date(2026, 2, 12, 12, 0), daily);
    expect(recorder.runs).toEqual([]);
  });

  it('refuses a time that is not HH:MM', () => {
    const time = fakeTime(new Date(2026, 2, 10, 11, 0));
    const recorder = recordingBackups(time.clock, HOUR);
    for (const at of ['24:00', '12', '7:30', '12:60']) {
      expect(() => startDailyBackup({ ...recorder, ...time, at, folder: '/backups' })).toThrow(/HH:MM/);
    }
  });

  it('writes real backups: a catch-up at start, then one at the fixed time', async () => {
    const station = await testStationData(5);
    const time = fakeTime(new Date(2026, 2, 10, 9, 0));
    const backups = createStationBackups({
      storage: station.storage,
      databaseName: DATABASE_NAME,
      dataDir: station.dataDir,
      clock: time.clock,
      ...DEVICE,
    });
    const folder = tempDirectory();
    const daily = backups.startDailyBackup({ at: '12:00', folder, timer: time.timer });
    onTestFinished(() => daily.stop());
    await daily.whenIdle();
    await time.advanceTo(new Date(2026, 2, 10, 12, 1), daily);
    expect(readdirSync(folder).sort()).toEqual([
      'hssk-backup-20260310-090000',
      'hssk-backup-20260310-120000',
    ]);
    expect((await backups.status()).lastBackup?.at).toBe(new Date(2026, 2, 10, 12, 0).toISOString());
  });
});
