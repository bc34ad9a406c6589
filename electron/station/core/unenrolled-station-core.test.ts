import { describe, expect, it } from 'vitest';
import { fail, ok } from '#shared/errors/result.ts';
import type { StationEvents, SyncStatusView } from '#shared/station-api/station-api.ts';
import type { StationCore } from './station-core.ts';
import { initialSyncStatus } from '../sync/sync-status.ts';
import { createUnenrolledStationCore } from './unenrolled-station-core.ts';

/** A core as enrolment opens it: answers `station.info`, and lets the test emit sync statuses. */
function enrolledCore() {
  const listeners = new Set<(status: SyncStatusView) => void>();
  let closed = false;
  const core: StationCore = {
    call: async (command) =>
      command === 'station.info'
        ? ({ ok: true, value: { locked: false, enrolled: true, deviceId: 'D1' } } as never)
        : ({ ok: true, value: { signedIn: false } } as never),
    subscribe: <E extends keyof StationEvents>(event: E, listener: (payload: StationEvents[E]) => void) => {
      if (event !== 'sync.status') return () => undefined;
      const typed = listener as (status: SyncStatusView) => void;
      listeners.add(typed);
      return () => listeners.delete(typed);
    },
    close: async () => {
      closed = true;
    },
  };
  return {
    core,
    emit: (status: SyncStatusView) => {
      listeners.forEach((l) => {
        l(status);
      });
    },
    closed: () => closed,
  };
}

describe('the station API of a station not enrolled yet', () => {
  it('names the server, refuses everything but enrolment, and checks the code before asking the server', async () => {
    const asked: string[] = [];
    const gate = createUnenrolledStationCore({
      serverUrl: 'https://hssk.example.vn',
      appVersion: '0.1.0',
      enrol: async (code) => {
        asked.push(code);
        return fail({ code: 'enrolment-code-invalid', message: 'Mã đăng ký thiết bị không đúng.' });
      },
    });
    expect(await gate.call('station.info', {})).toEqual({
      ok: true,
      value: { locked: false, enrolled: false, serverUrl: 'https://hssk.example.vn', appVersion: '0.1.0' },
    });
    expect(await gate.call('session.status', {})).toEqual({ ok: true, value: { signedIn: false } });
    for (const command of ['session.login', 'residents.search', 'sync.now'] as const)
      expect(await gate.call(command, { userName: 'a', password: 'b', query: 'x' })).toMatchObject({
        ok: false,
        errors: [{ code: 'station-not-enrolled', message: expect.stringContaining('mã đăng ký') as unknown }],
      });
    expect(await gate.call('device.enrol', { code: 'x' })).toMatchObject({
      ok: false,
      errors: [{ code: 'schema-invalid' }],
    });
    expect(await gate.call('device.enrol', { code: 'AAAA-BBBB-CCCC-DDDD' })).toMatchObject({
      ok: false,
      errors: [{ code: 'enrolment-code-invalid' }],
    });
    expect(asked).toEqual(['AAAA-BBBB-CCCC-DDDD']);
    expect(gate.isEnrolled()).toBe(false);
  });

  it('opens the enrolled core once, carries early subscriptions over, and closes it', async () => {
    const opened = enrolledCore();
    let enrolments = 0;
    const gate = createUnenrolledStationCore({
      serverUrl: 'https://hssk.example.vn',
      appVersion: '0.1.0',
      enrol: async () => {
        enrolments++;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return ok(opened.core);
      },
    });
    const seen: SyncStatusView[] = [];
    gate.subscribe('sync.status', (status) => seen.push(status));
    const [first, second] = await Promise.all([
      gate.call('device.enrol', { code: 'K7QM-2XHT-9RAP-WC4N', label: 'Máy tiếp đón' }),
      gate.call('device.enrol', { code: 'K7QM-2XHT-9RAP-WC4N' }),
    ]);
    expect(enrolments).toBe(1);
    expect(first).toEqual({ ok: true, value: { locked: false, enrolled: true, deviceId: 'D1' } });
    expect(second).toEqual(first);
    expect(gate.isEnrolled()).toBe(true);
    opened.emit(initialSyncStatus);
    expect(seen).toEqual([initialSyncStatus]);
    await gate.close();
    expect(opened.closed()).toBe(true);
  });
});
