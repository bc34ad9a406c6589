import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { STATION_IPC } from '#electron/main/ipc/station-ipc-channels.ts';
import { registerStationIpc, type InvokeEvent } from '#electron/main/ipc/station-ipc-bridge.ts';
import { createPreloadStationApi } from '#electron/main/preload/preload-station-api.ts';
import { APP_ORIGIN } from '#electron/main/protocol/app-protocol.ts';
import { createStationBackups } from '#electron/station/backup/create-station-backups.ts';
import { createLockedStationCore } from '#electron/station/core/locked-station-core.ts';
import { createStationCore, type StationCore } from '#electron/station/core/station-core.ts';
import { createUnenrolledStationCore } from '#electron/station/core/unenrolled-station-core.ts';
import { openStationDatabase } from '#electron/station/database/open-station-database.ts';
import type { StationDatabase } from '#electron/station/database/station-collections.ts';
import { StationKeyError } from '#electron/station/keys/station-key-error.ts';
import { getRxStorageSqlite, type SqliteRxStorage } from '#electron/station/replica/sqlite-rx-storage.ts';
import { createStationBackupService } from '#electron/station/services/station-backup-service.ts';
import { startLoopbackServer } from '#electron/station/transport/loopback-server.ts';
import { createBridgeStationApi } from '#renderer/station/api/bridge-station-api.ts';
import { createLoopbackStationApi } from '#renderer/station/api/loopback-station-api.ts';
import { fail } from '#shared/errors/result.ts';
import type { SessionView, StationApi } from '#shared/station-api/station-api.ts';
import { stationEventNames } from '#shared/station-api/station-messages.ts';
import type { DatabaseHandle } from '#sync-server/src/db/database.ts';
import { testBackends } from '#sync-server/src/testing/test-databases.test-support.ts';
import {
  startStationTestServer,
  type EnrolledStation,
  type StationTestServer,
} from '../support/station-test-server.ts';

/** A page's view of one core through one transport. */
type Connected = { readonly api: StationApi; close(): Promise<void> };

/** The ways a page reaches the station core; each must answer every call as the core itself does. */
const transports: readonly { readonly name: string; connect(core: StationCore): Promise<Connected> }[] = [
  {
    name: 'in process',
    connect: async (core) => ({ api: core, close: async () => undefined }),
  },
  {
    name: 'loopback WebSocket',
    async connect(core) {
      const server = await startLoopbackServer({ api: core });
      const api = createLoopbackStationApi({
        url: `${server.url.replace('http', 'ws')}/api`,
        secret: server.secret,
        // The browser sends the page's own origin; the `ws` client must be told it.
        createSocket: (url) => new WebSocket(url, { origin: server.url }) as unknown as globalThis.WebSocket,
      });
      return {
        api,
        async close() {
          api.close();
          await server.close();
        },
      };
    },
  },
  {
    name: 'IPC bridge',
    async connect(core) {
      // Electron's IPC pair stood in for as the desktop bridge tests do; the main process relays core events as
      // main.ts does.
      const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
      const pageListeners = new Map<string, Set<(event: unknown, message: unknown) => void>>();
      registerStationIpc(
        { handle: (channel, listener) => handlers.set(channel, listener) },
        { appOrigin: APP_ORIGIN, log: () => undefined, core },
      );
      const fromApp: InvokeEvent = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
      const preload = createPreloadStationApi({
        invoke: async (channel, ...args) => {
          const handler = handlers.get(channel);
          if (handler === undefined) throw new Error(`no handler for ${channel}`);
          return handler(fromApp, ...args);
        },
        on: (channel, listener) => {
          const set = pageListeners.get(channel) ?? new Set();
          set.add(listener);
          pageListeners.set(channel, set);
        },
        removeListener: (channel, listener) => pageListeners.get(channel)?.delete(listener),
      });
      const relays = stationEventNames.map((event) =>
        core.subscribe(event, (payload) => {
          for (const listener of pageListeners.get(STATION_IPC.event) ?? []) {
            listener({ sender: 'ipc event' }, { event, payload });
          }
        }),
      );
      const api = createBridgeStationApi(preload);
      return {
        api,
        async close() {
          api.close();
          for (const stop of relays) stop();
        },
      };
    },
  },
];

/** A call the page's types forbid (a name the API does not have, or arguments of the wrong shape), as a page may send. */
function untypedCall(api: StationApi, command: string, args: unknown) {
  return (api.call as (command: string, args: unknown) => ReturnType<StationApi['call']>)(command, args);
}

/** The answers every transport must give, whatever the core's state. */
async function commonContract(api: StationApi): Promise<void> {
  expect(await untypedCall(api, 'residents.delete', {})).toEqual({
    ok: false,
    errors: [
      {
        code: 'station-command-unknown',
        message:
          'Chức năng "residents.delete" không có trên máy trạm. Cập nhật phần mềm hoặc báo bộ phận CNTT.',
        params: { command: 'residents.delete' },
      },
    ],
  });
  // Arguments of the wrong shape never reach a handler, whichever layer refuses them first.
  expect(await untypedCall(api, 'residents.search', { query: 42 })).toMatchObject({ ok: false });
  expect(await api.call('session.status', {})).toEqual({ ok: true, value: { signedIn: false } });
}

const SERVER_URL = 'https://hssk.example.vn';

it('type-checks a page’s calls against each command’s arguments', () => {
  expect(typedCallsOnly).toBeTypeOf('function');
});

describe('the station API contract, unenrolled and locked', () => {
  const states: readonly { name: string; core(): StationCore; contract(api: StationApi): Promise<void> }[] = [
    {
      name: 'a station not enrolled yet',
      core: () =>
        createUnenrolledStationCore({
          serverUrl: SERVER_URL,
          appVersion: '0.1.0',
          enrol: async () =>
            fail({ code: 'enrolment-code-invalid', message: 'Mã đăng ký thiết bị không đúng.' }),
        }),
      async contract(api) {
        expect(await api.call('station.info', {})).toEqual({
          ok: true,
          value: { locked: false, enrolled: false, serverUrl: SERVER_URL, appVersion: '0.1.0' },
        });
        expect(await api.call('residents.search', { query: 'an' })).toMatchObject({
          ok: false,
          errors: [{ code: 'station-not-enrolled' }],
        });
        expect(await api.call('device.enrol', { code: 'AAAA-BBBB-CCCC-DDDD' })).toEqual({
          ok: false,
          errors: [{ code: 'enrolment-code-invalid', message: 'Mã đăng ký thiết bị không đúng.' }],
        });
      },
    },
    {
      name: 'a locked station',
      core: () =>
        createLockedStationCore({
          unlock: async () => {
            throw new StationKeyError('station-key-wrong-password');
          },
        }),
      async contract(api) {
        expect(await api.call('station.info', {})).toEqual({ ok: true, value: { locked: true } });
        expect(await api.call('sync.status', {})).toMatchObject({
          ok: false,
          errors: [{ code: 'station-locked' }],
        });
        expect(await api.call('session.login', { userName: 'ytexa', password: 'wrong' })).toEqual({
          ok: false,
          errors: [new StationKeyError('station-key-wrong-password').issue],
        });
      },
    },
  ];

  for (const state of states) {
    for (const transport of transports) {
      it(`answers ${state.name} over the ${transport.name} as the core itself does`, async () => {
        const core = state.core();
        const connected = await transport.connect(core);
        try {
          await commonContract(connected.api);
          await state.contract(connected.api);
        } finally {
          await connected.close();
          await core.close();
        }
      });
    }
  }
});

describe.each(testBackends.slice(0, 1))('the station API contract, open (server on $name)', (backend) => {
  let database: DatabaseHandle;
  let server: StationTestServer;
  let directory = '';
  let station: EnrolledStation;
  let storage: SqliteRxStorage;
  let db: StationDatabase;

  beforeAll(async () => {
    database = await backend.open();
    server = await startStationTestServer(database);
    directory = await mkdtemp(join(tmpdir(), 'hssk-station-contract-'));
    station = await server.enrolStation(8);
    storage = getRxStorageSqlite({ directory, key: nacl.randomBytes(32) });
    db = await openStationDatabase({ storage });
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await server.close();
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function openCore(): Promise<StationCore> {
    const backups = await createStationBackupService({
      db,
      backups: createStationBackups({
        storage,
        databaseName: 'hssk-station',
        dataDir: directory,
        clock: { now: () => new Date() },
        deviceId: station.device.deviceId,
        orgUnitId: station.orgUnitId,
        appVersion: '0.1.0',
      }),
    });
    return createStationCore({
      db,
      serverUrl: server.baseUrl,
      device: { ...station.device, orgUnitId: station.orgUnitId },
      clock: { now: () => new Date() },
      appVersion: '0.1.0',
      verifierCost: { memoryCost: 1024, timeCost: 1 },
      backups,
      transaction: (run) => storage.writeTogether('hssk-station', run),
    });
  }

  for (const transport of transports) {
    it(`answers an open station over the ${transport.name} as the core itself does`, async () => {
      const core = await openCore();
      const connected = await transport.connect(core);
      const { api } = connected;
      try {
        await commonContract(api);
        expect(await api.call('station.info', {})).toMatchObject({
          ok: true,
          value: {
            locked: false,
            enrolled: true,
            appVersion: '0.1.0',
            deviceId: station.device.deviceId,
            orgUnitId: station.orgUnitId,
            serverUrl: server.baseUrl,
          },
        });
        expect(await api.call('residents.search', { query: 'an' })).toMatchObject({
          ok: false,
          errors: [{ code: 'station-not-signed-in' }],
        });

        const sessions: SessionView[] = [];
        const stop = api.subscribe('session.changed', (view) => sessions.push(view));
        const credentials = { userName: station.staff.userName, password: station.staff.password };
        expect(await api.call('session.login', credentials)).toMatchObject({
          ok: true,
          value: { signedIn: true, mode: 'online' },
        });
        await expect.poll(() => sessions.map((view) => view.signedIn)).toEqual([true]);
        expect(await api.call('residents.search', { query: 'khong co ai ten nay' })).toEqual({
          ok: true,
          value: { residents: [] },
        });
        expect(await api.call('session.logout', {})).toEqual({ ok: true, value: { signedIn: false } });
        await expect.poll(() => sessions.map((view) => view.signedIn)).toEqual([true, false]);
        stop();
      } finally {
        await connected.close();
        await core.close();
      }
    }, 60_000);
  }
});

/** Compile-time part of the contract (`tsc -p tests` fails if it stops holding): a page's `call` takes only a command's own arguments. */
function typedCallsOnly(api: StationApi): void {
  void api.call('residents.search', { query: 'an' });
  // @ts-expect-error: the arguments are checked against the command's schema
  void api.call('residents.search', { query: 42 });
  // @ts-expect-error: a confirmation the command requires cannot be left out
  void api.call('residents.markDeceased', { id: 'p1', deathDate: '2026' });
  // @ts-expect-error: a name the station API does not have
  void api.call('residents.delete', {});
}
