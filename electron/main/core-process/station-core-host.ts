import { toError } from '#shared/errors/to-error.ts';
import type { StationCommand, StationEndpoint } from '#shared/station-api/station-api.ts';
import { stationEventNames } from '#shared/station-api/station-messages.ts';
import type { KeyStore } from '../../station/keys/key-store.ts';
import { StationKeyError } from '../../station/keys/station-key-error.ts';
import type { CoreStartConfig, FromCore, ToCore } from './core-messages.ts';

/** Electron's `process.parentPort` in the utility process, as far as the host uses it. */
export type ParentPortLike = {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: FromCore): void;
};

/** The opened station as the host serves it (`openStation` returns one). */
export type HostedStation = { readonly core: StationEndpoint; close(): Promise<void> };

/**
 * A `KeyStore` whose bytes are wrapped by the main process's store (safeStorage is main-process only): each call is a
 * `key-store` request answered by the supervisor. A refusal is the contract's `station-key-store-unwrap-failed`.
 */
export function createPortKeyStore(
  request: (op: 'wrap' | 'unwrap', bytes: Uint8Array) => Promise<Uint8Array | null>,
  identity: { readonly id: string; readonly protection: 'strong' | 'weak' },
): KeyStore {
  const failed = () => new StationKeyError('station-key-store-unwrap-failed', { keyStore: identity.id });
  return {
    id: identity.id,
    protection: identity.protection,
    async wrap(plain) {
      const out = await request('wrap', plain);
      if (out === null) throw new Error(`key store ${identity.id} could not wrap`);
      return out;
    },
    async unwrap(wrapped) {
      const out = await request('unwrap', wrapped);
      if (out === null) throw failed();
      return out;
    },
  };
}

/**
 * The station core's side of the utility process (entry: `station-core-process.ts`): on `start` it opens the station
 * with a key store proxied to main, says `ready`, answers `call`s by id with the core's `StationAnswer`, forwards
 * events, and on `stop` closes the replica and exits. A station that cannot open reports `fatal` and exits non-zero,
 * which the supervisor treats as a crash.
 */
export function hostStationCore(
  port: ParentPortLike,
  deps: {
    open: (config: CoreStartConfig, keyStore: KeyStore) => Promise<HostedStation>;
    exit: (code: number) => void;
    log: (line: string) => void;
  },
): void {
  let station: HostedStation | undefined;
  let nextKeyRequest = 1;
  const keyRequests = new Map<number, (bytes: string | null) => void>();
  const request = (op: 'wrap' | 'unwrap', bytes: Uint8Array) =>
    new Promise<Uint8Array | null>((resolve) => {
      const id = nextKeyRequest++;
      keyRequests.set(id, (result) => {
        resolve(result === null ? null : new Uint8Array(Buffer.from(result, 'base64')));
      });
      port.postMessage({ type: 'key-store', id, op, bytes: Buffer.from(bytes).toString('base64') });
    });

  async function start(config: CoreStartConfig): Promise<void> {
    try {
      station = await deps.open(config, createPortKeyStore(request, config.keyStore));
    } catch (e) {
      const error = toError(e);
      const code = error instanceof StationKeyError ? error.code : 'station-core-open-failed';
      port.postMessage({ type: 'fatal', code, message: error.message });
      deps.exit(1);
      return;
    }
    for (const event of stationEventNames) {
      station.core.subscribe(event, (payload) => {
        port.postMessage({ type: 'event', event, payload });
      });
    }
    port.postMessage({ type: 'ready' });
  }

  port.on('message', ({ data }) => {
    const message = data as ToCore;
    switch (message.type) {
      case 'start':
        void start(message.config);
        return;
      case 'call': {
        const core = station?.core;
        if (core === undefined) return;
        void core.call(message.command as StationCommand, message.args).then((answer) => {
          port.postMessage({ type: 'answer', id: message.id, answer });
        });
        return;
      }
      case 'key-store-result':
        keyRequests.get(message.id)?.(message.bytes);
        keyRequests.delete(message.id);
        return;
      case 'stop':
        void (station?.close() ?? Promise.resolve()).then(
          () => {
            deps.exit(0);
          },
          (e: unknown) => {
            deps.log(`closing the station failed: ${toError(e).message}`);
            deps.exit(1);
          },
        );
        return;
    }
  });
}
