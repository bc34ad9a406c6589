import { Observable } from 'rxjs';
import { deviceSignatureHeaders, signRequest } from '../../../shared/sync/device-signature.ts';
import { SyncRequestError } from './sync-request-error.ts';

/** The enrolled device that signs every sync request. */
export type DeviceCredentials = { readonly deviceId: string; readonly secretKey: Uint8Array };

export type SyncHttpClientOptions = {
  /** The sync server's base URL, e.g. `https://hssk.hanoi.gov.vn` (no trailing slash needed). */
  readonly baseUrl: string;
  readonly device: DeviceCredentials;
  /** The session token sync runs under; null while nobody is signed in (requests then fail `sync-session-missing`). */
  sessionToken(): string | null;
  readonly clock: { now(): Date };
  /** The transport; default the platform `fetch`. */
  readonly fetch?: typeof fetch;
};

/**
 * Signed HTTP to the sync server (DESIGN.md §6): every request carries the session token and the device's Ed25519
 * signature, stamped with the station's best estimate of the SERVER's time. The offset is learned from the
 * `x-hssk-server-time` header of every answer, so a station whose clock is days off still signs acceptable
 * timestamps; a `device-clock-skew` refusal updates the offset and the request is sent once more.
 *
 * Failures are `SyncRequestError`s with the server's stable code (or `sync-offline` when the server cannot be
 * reached), never raw fetch errors.
 */
export type SyncHttpClient = {
  getJson(path: string): Promise<unknown>;
  postJson(path: string, body: unknown): Promise<unknown>;
  /** Server-sent events of `path` as parsed `data:` payloads; unsubscribing aborts the request. */
  events(path: string): Observable<unknown>;
  /** Station clock minus server clock in ms, as last measured (0 before the first answer). */
  clockOffsetMs(): number;
};

export function createSyncHttpClient(options: SyncHttpClientOptions): SyncHttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  let offsetMs = 0;

  const serverNow = () => options.clock.now().getTime() - offsetMs;

  function learnOffset(response: Response, sentAt: number): void {
    const header = response.headers.get(deviceSignatureHeaders.serverTime);
    const serverTime = header === null ? Number.NaN : Number(header);
    if (!Number.isFinite(serverTime)) return;
    // The server stamped its time somewhere between sending and receiving: take the midpoint.
    const midpoint = (sentAt + options.clock.now().getTime()) / 2;
    offsetMs = Math.round(midpoint - serverTime);
  }

  function headersFor(method: string, path: string, body: string | undefined): Record<string, string> {
    const token = options.sessionToken();
    if (token === null) throw new SyncRequestError('sync-session-missing', 401);
    return {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...signRequest({ ...options.device, method, path, body, now: serverNow() }),
    };
  }

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    retried = false,
  ): Promise<Response> {
    const sentAt = options.clock.now().getTime();
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: headersFor(method, path, body),
        ...(body === undefined ? {} : { body }),
      });
    } catch (thrown) {
      if (thrown instanceof SyncRequestError) throw thrown;
      throw new SyncRequestError('sync-offline', 0, { cause: thrown });
    }
    learnOffset(response, sentAt);
    if (response.ok) return response;
    const error = await SyncRequestError.fromResponse(response);
    if (error.code === 'device-clock-skew' && !retried) return send(method, path, body, true);
    throw error;
  }

  return {
    async getJson(path) {
      return (await send('GET', path)).json();
    },
    async postJson(path, body) {
      return (await send('POST', path, JSON.stringify(body))).json();
    },
    events(path) {
      return new Observable<unknown>((subscriber) => {
        const abort = new AbortController();
        void (async () => {
          const sentAt = options.clock.now().getTime();
          let response: Response;
          try {
            response = await doFetch(`${base}${path}`, {
              headers: headersFor('GET', path, undefined),
              signal: abort.signal,
            });
          } catch (thrown) {
            throw thrown instanceof SyncRequestError
              ? thrown
              : new SyncRequestError('sync-offline', 0, { cause: thrown });
          }
          learnOffset(response, sentAt);
          if (!response.ok) throw await SyncRequestError.fromResponse(response);
          if (response.body === null) throw new SyncRequestError('sync-stream-empty', response.status);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              for (const line of event.split('\n')) {
                if (line.startsWith('data: ')) subscriber.next(JSON.parse(line.slice(6)) as unknown);
              }
            }
          }
          // The server ended the stream (restart, revoked session): the caller reconnects and gets RESYNC.
          subscriber.error(new SyncRequestError('sync-stream-ended', 0));
        })().catch((thrown: unknown) => {
          if (!abort.signal.aborted) subscriber.error(thrown);
        });
        return () => {
          abort.abort();
        };
      });
    },
    clockOffsetMs: () => offsetMs,
  };
}
