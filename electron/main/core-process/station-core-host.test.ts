import { describe, expect, it } from 'vitest';
import type { StationAnswer, StationApi, StationCommand } from '#shared/station-api/station-api.ts';
import { keyStoreContract } from '../../station/keys/key-store.test-support.ts';
import { createPlainFileKeyStore } from '../../station/keys/plain-file-key-store.ts';
import { StationKeyError } from '../../station/keys/station-key-error.ts';
import type { CoreStartConfig, FromCore, ToCore } from './core-messages.ts';
import { createCoreSupervisor } from './core-supervisor.ts';
import { createPortKeyStore, hostStationCore, type ParentPortLike } from './station-core-host.ts';

const config: CoreStartConfig = {
  dataDir: '/data',
  serverUrl: 'https://sync.example',
  appVersion: '1.0.0',
  recoveryPublicKey: 'AAAA',
  keyStore: { id: 'plain-file', protection: 'weak' },
};

/**
 * The supervisor (main) and the host (utility process) wired back to back, in one Node process, as Electron's
 * utility process messaging would: structured-clone-like copies, asynchronously delivered.
 */
function backToBack(
  open: (
    keyStore: Parameters<Parameters<typeof hostStationCore>[1]['open']>[1],
  ) => Promise<{ core: StationApi; close(): Promise<void> }>,
) {
  const exits: number[] = [];
  let toMain: (message: unknown) => void = () => undefined;
  let onExit: (code: number) => void = () => undefined;
  let hostListener: (event: { data: unknown }) => void = () => undefined;
  const port: ParentPortLike = {
    on: (_event, listener) => (hostListener = listener),
    postMessage: (message: FromCore) =>
      setTimeout(() => {
        toMain(structuredClone(message));
      }, 0),
  };
  hostStationCore(port, {
    open: (_config, keyStore) => open(keyStore),
    exit: (code) => {
      exits.push(code);
      onExit(code);
    },
    log: () => undefined,
  });
  const supervisor = createCoreSupervisor({
    fork: () => ({
      postMessage: (message: ToCore) =>
        setTimeout(() => {
          hostListener({ data: structuredClone(message) });
        }, 0),
      onMessage: (listener) => (toMain = listener),
      onExit: (listener) => (onExit = listener),
      kill: () => undefined,
    }),
    config,
    keyStore: createPlainFileKeyStore(),
    onEvent: () => undefined,
    onConnection: () => undefined,
    log: () => undefined,
    clock: { now: () => 0 },
    setTimer: () => undefined,
  });
  return { supervisor, exits };
}

const echoCore: StationApi = {
  call: async <C extends StationCommand>(command: C, args: unknown) =>
    ({ ok: true, value: { command, args } }) as unknown as StationAnswer<C>,
  subscribe: () => () => undefined,
};

describe('the station core host behind the supervisor', () => {
  it('answers calls through the core once the station is open', async () => {
    const { supervisor } = backToBack(async () => ({ core: echoCore, close: async () => undefined }));
    expect(await supervisor.call('residents.search', { query: 'an' })).toEqual({
      ok: true,
      value: { command: 'residents.search', args: { query: 'an' } },
    });
    expect(supervisor.connection()).toEqual({ kind: 'ready' });
  });

  it('opens the station with the main process’s key store, through the port', async () => {
    let roundTrip: Uint8Array | undefined;
    const { supervisor } = backToBack(async (keyStore) => {
      expect(keyStore).toMatchObject({ id: 'plain-file', protection: 'weak' });
      roundTrip = await keyStore.unwrap(await keyStore.wrap(Uint8Array.from([1, 2, 3])));
      await expect(keyStore.unwrap(Uint8Array.from([9, 9]))).rejects.toBeInstanceOf(StationKeyError);
      return { core: echoCore, close: async () => undefined };
    });
    await supervisor.call('session.status', {});
    expect(roundTrip).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it('exits non-zero when the station cannot open, so the supervisor restarts it', async () => {
    const { exits } = backToBack(async () => {
      throw new StationKeyError('station-key-store-unwrap-failed', { keyStore: 'plain-file' });
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(exits).toEqual([1]);
  });
});

// The proxied key store keeps the KeyStore contract when the main side is a real store.
keyStoreContract('port key store over the supervisor’s key-store answers', () => {
  const main = createPlainFileKeyStore();
  return createPortKeyStore(
    async (op, bytes) => {
      try {
        return op === 'wrap' ? await main.wrap(bytes) : await main.unwrap(bytes);
      } catch {
        return null;
      }
    },
    { id: main.id, protection: main.protection },
  );
});
