import { describe, expect, it } from 'vitest';
import type { SessionView, SyncStatusView } from '#shared/station-api/station-api.ts';
import { syncHeadline } from './sync-headline.ts';

const ready = { kind: 'ready' } as const;
const online: SessionView = { signedIn: true, mode: 'online', mustChangePassword: false };
const status = (changes: Partial<SyncStatusView> = {}): SyncStatusView => ({
  state: 'synced',
  online: true,
  lastPullAt: '2026-03-01T01:00:00.000Z',
  lastPushAt: null,
  lastSyncedAt: '2026-03-01T01:00:00.000Z',
  pendingChanges: 0,
  oldestPendingAt: null,
  errors: [],
  received: {},
  expected: {},
  secondsLeft: null,
  clockOffsetMs: 0,
  healthIdsRemaining: 500,
  ...changes,
});

describe('the sync state in the header', () => {
  it('says synced only when the core says so, nothing is pending and a sync has succeeded', () => {
    expect(syncHeadline(ready, online, status())).toMatchObject({ kind: 'synced', tone: 'success' });
    expect(syncHeadline(ready, online, status({ pendingChanges: 2 }))).toMatchObject({
      kind: 'pending',
      pendingChanges: 2,
    });
    expect(syncHeadline(ready, online, status({ lastSyncedAt: null }))).toMatchObject({ kind: 'unknown' });
  });

  it('says offline, pending or syncing with the pending count and the last successful sync', () => {
    expect(
      syncHeadline(ready, online, status({ state: 'offline', online: false, pendingChanges: 3 })),
    ).toEqual(
      expect.objectContaining({
        kind: 'offline',
        pendingChanges: 3,
        lastSyncedAt: '2026-03-01T01:00:00.000Z',
      }),
    );
    expect(syncHeadline(ready, online, status({ state: 'syncing' }))).toMatchObject({ kind: 'syncing' });
    expect(syncHeadline(ready, online, status({ state: 'pending', pendingChanges: 1 }))).toMatchObject({
      kind: 'pending',
      tone: 'warning',
    });
  });

  it("shows the core's newest problem when sync needs a person", () => {
    const problem = { collection: 'persons', code: 'device-revoked', message: 'Máy đã bị thu hồi.', at: '' };
    expect(
      syncHeadline(ready, online, status({ state: 'needs-attention', errors: [problem] })),
    ).toMatchObject({
      kind: 'needs-attention',
      tone: 'error',
      problem: 'Máy đã bị thu hồi.',
      problemCount: 1,
    });
  });

  it('explains that an offline sign-in does not sync, instead of claiming anything', () => {
    const offline: SessionView = { signedIn: true, mode: 'offline' };
    expect(
      syncHeadline(
        ready,
        offline,
        status({ state: 'offline', online: false, lastPullAt: null, lastSyncedAt: null }),
      ),
    ).toMatchObject({ kind: 'not-signed-in-online' });
  });

  it('claims nothing without a link to the station core', () => {
    expect(syncHeadline({ kind: 'lost' }, online, status())).toMatchObject({
      kind: 'connection-lost',
      tone: 'error',
    });
    expect(
      syncHeadline({ kind: 'refused', code: 'x', message: 'Phiên không hợp lệ.' }, online, status()),
    ).toMatchObject({ kind: 'connection-refused', problem: 'Phiên không hợp lệ.' });
    expect(syncHeadline(ready, online, null)).toMatchObject({ kind: 'unknown' });
  });
});
