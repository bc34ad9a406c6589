import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Observable } from 'rxjs';
import { deviceSignatureHeaders, signRequest } from '#shared/sync/device-signature.ts';
import { SCHEMA_VERSION_HEADER } from '#shared/sync/schema-version-header.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import { deviceSessionAnswer } from '#shared/server-api/devices.ts';
import { stationCollectionCreators } from '../database/station-collections.ts';
import { SyncRequestError } from './sync-request-error.ts';
import { versionsResponse } from '#shared/sync/replication-wire.ts';
import { parseAnswer } from './parse-answer.ts';

/** The enrolled device that signs every sync request. */
export type DeviceCredentials = { readonly deviceId: string; readonly secretKey: Uint8Array };

export type SyncHttpClientOptions = {
  /** The sync server's base URL, e.g. `https://hssk.hanoi.gov.vn` (no trailing slash needed). */
  readonly baseUrl: string;
  readonly device: DeviceCredentials;
  /** This app's version, sent on every request: the server refuses versions below its supported minimum. */
  readonly appVersion: string;
  readonly clock: { now(): Date };
  /**
   * Compressed answers and request bodies (default true). Off only to measure what compression saves: the answers
   * are then asked for uncompressed (`Accept-Encoding: identity`) and bodies sent as they are.
   */
  readonly compression?: boolean;
  /** The transport; default the platform `fetch`. */
  readonly fetch?: typeof fetch;
  /**
   * The schema version of each replicated collection this app stores, sent with every request of that collection
   * (`x-hssk-schema-version`); default the station's own collections. Tests set it to act as another app version.
   */
  readonly schemaVersions?: Readonly<Record<string, number>>;
};

const stationSchemaVersions: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    Object.entries(stationCollectionCreators).map(([name, creator]) => [name, creator.schema.version]),
  ),
  // Replicated into a local document, not a collection of its own (`staff-access-replica.ts`).
  [serviceCollections['staff-access'].name]: serviceCollections['staff-access'].schema.version,
};

/** Request bodies from this size on are sent gzip-compressed; smaller ones would not gain from it. */
const COMPRESS_FROM_BYTES = 1024;
const gzipAsync = promisify(gzip);

/** How long the server's schema versions are trusted before a push asks again. */
const SERVER_VERSIONS_TTL_MS = 5 * 60_000;

/** The collection a `/sync/<collection>/…` path names. */
function collectionOf(path: string): string | undefined {
  return /^\/sync\/([^/?]+)\//.exec(path)?.[1];
}

/** The schema-version header of a request to `/sync/<collection>/…`, empty for any other path. */
function schemaVersionHeader(
  path: string,
  versions: Readonly<Record<string, number>>,
): Record<string, string> {
  const collection = collectionOf(path);
  const version = collection === undefined ? undefined : versions[collection];
  return version === undefined ? {} : { [SCHEMA_VERSION_HEADER]: String(version) };
}

/** An answer's JSON body; a connection lost while it arrives is `sync-offline`, like one lost before. */
async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text().catch((thrown: unknown) => {
    throw new SyncRequestError('sync-offline', 0, { cause: thrown });
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (thrown) {
    throw new SyncRequestError('sync-answer-unreadable', response.status, { cause: thrown });
  }
}

/** Answers that mean the session token is no longer good: a new device session is opened and the request re-sent. */
const SESSION_ENDED = new Set(['session-expired', 'auth-required']);

/**
 * Signed HTTP to the sync server (DESIGN.md §6): every request carries a session token and the device's Ed25519
 * signature, stamped with the station's best estimate of the SERVER's time. The session is the DEVICE's own
 * (`POST /auth/device-session`, signed, no account), so the replica syncs whether or not anybody is signed in; it is
 * opened on the first request and re-opened once when the server says it ended (idle timeout, restart).
 * The clock offset is learned from the `x-hssk-server-time` header of every answer, so a station whose clock is days
 * off still signs acceptable timestamps; a `device-clock-skew` refusal updates the offset and the request is sent
 * once more.
 *
 * Failures are `SyncRequestError`s with the server's stable code (or `sync-offline` when the server cannot be
 * reached), never raw fetch errors.
 */
export type SyncHttpClient = {
  getJson(path: string): Promise<unknown>;
  postJson(path: string, body: unknown): Promise<unknown>;
  /** The body of a streamed answer (a page run), decompressed; aborting `signal` ends the request. */
  openStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** Server-sent events of `path` as parsed `data:` payloads; unsubscribing aborts the request. */
  events(path: string): Observable<unknown>;
  /** Station clock minus server clock in ms, as last measured (0 before the first answer). */
  clockOffsetMs(): number;
  /**
   * The device-signature headers of a request sent by other means (the station's sign-in, which the server then
   * counts against this device rather than its address), stamped with the server's time as last measured.
   */
  signatureHeaders(method: 'GET' | 'POST', path: string, body: string): Record<string, string>;
};

type Request = {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** The body as sent: JSON text, or its gzip compression (`compressed`). */
  readonly body?: string | Uint8Array<ArrayBuffer>;
  readonly compressed?: boolean;
  readonly signal?: AbortSignal;
};

export function createSyncHttpClient(options: SyncHttpClientOptions): SyncHttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const compression = options.compression ?? true;
  let offsetMs = 0;
  let token: string | null = null;
  let opening: Promise<string> | null = null;

  const serverNow = () => options.clock.now().getTime() - offsetMs;

  function learnOffset(response: Response, sentAt: number): void {
    const header = response.headers.get(deviceSignatureHeaders.serverTime);
    const serverTime = header === null ? Number.NaN : Number(header);
    if (!Number.isFinite(serverTime)) return;
    // The server stamped its time somewhere between sending and receiving: take the midpoint.
    const midpoint = (sentAt + options.clock.now().getTime()) / 2;
    offsetMs = Math.round(midpoint - serverTime);
  }

  /** One signed request, re-sent once after a clock-skew refusal; `bearer` null for the device-session request. */
  async function exchange(request: Request, bearer: string | null, retried = false): Promise<Response> {
    const { method, path, body } = request;
    const sentAt = options.clock.now().getTime();
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
          'x-hssk-app-version': options.appVersion,
          ...schemaVersionHeader(path, ownVersions),
          // Answers come compressed (brotli or gzip; fetch decompresses them), whatever the URL's scheme.
          'accept-encoding': compression ? 'br, gzip' : 'identity',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(request.compressed === true ? { 'content-encoding': 'gzip' } : {}),
          // The signature covers the body's bytes as sent, compressed or not.
          ...signRequest({ ...options.device, method, path, body, now: serverNow() }),
        },
        ...(body === undefined ? {} : { body }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    } catch (thrown) {
      throw new SyncRequestError('sync-offline', 0, { cause: thrown });
    }
    learnOffset(response, sentAt);
    if (response.ok) return response;
    const error = await SyncRequestError.fromResponse(response);
    if (error.code === 'device-clock-skew' && !retried) return exchange(request, bearer, true);
    throw error;
  }

  async function sessionToken(): Promise<string> {
    if (token !== null) return token;
    opening ??= (async () => {
      const response = await exchange({ method: 'POST', path: '/auth/device-session', body: '{}' }, null);
      const answer = deviceSessionAnswer.safeParse(await response.json().catch(() => undefined));
      if (!answer.success) throw new SyncRequestError('sync-answer-unreadable', response.status);
      token = answer.data.token;
      return answer.data.token;
    })().finally(() => {
      opening = null;
    });
    return opening;
  }

  /** A request under the device session, re-sent once with a new session when the old one has ended. */
  async function send(request: Request): Promise<Response> {
    const used = await sessionToken();
    try {
      return await exchange(request, used);
    } catch (thrown) {
      if (!(thrown instanceof SyncRequestError) || !SESSION_ENDED.has(thrown.code)) throw thrown;
      if (token === used) token = null;
      return exchange(request, await sessionToken());
    }
  }

  const ownVersions = options.schemaVersions ?? stationSchemaVersions;
  let serverVersions:
    { readonly at: number; readonly versions: Readonly<Record<string, number>> } | undefined;

  /**
   * Refuses to push a collection the server does not store in this app's schema version (`GET /sync/versions`;
   * a server without that route predates schema versions). A newer app talking to an older server would otherwise
   * have its new fields refused and its local edits replaced; this way its writes wait in the outbox.
   */
  async function ensureServerStoresOurs(path: string): Promise<void> {
    const collection = collectionOf(path);
    const ours = collection === undefined ? undefined : ownVersions[collection];
    if (collection === undefined || ours === undefined) return;
    const now = options.clock.now().getTime();
    if (serverVersions === undefined || now - serverVersions.at > SERVER_VERSIONS_TTL_MS) {
      try {
        const answer = parseAnswer(
          versionsResponse,
          await (await send({ method: 'GET', path: '/sync/versions' })).json(),
        );
        serverVersions = { at: now, versions: answer.collections };
      } catch (thrown) {
        if (!(thrown instanceof SyncRequestError) || thrown.status !== 404) throw thrown;
        serverVersions = { at: now, versions: {} };
      }
    }
    const theirs = serverVersions.versions[collection];
    if (theirs === undefined || theirs < ours) {
      throw new SyncRequestError('schema-version-server-behind', 409);
    }
  }

  return {
    async getJson(path) {
      return bodyOf(await send({ method: 'GET', path }));
    },
    async postJson(path, body) {
      if (path.endsWith('/push')) await ensureServerStoresOurs(path);
      const text = JSON.stringify(body);
      const request: Request =
        compression && text.length >= COMPRESS_FROM_BYTES
          ? { method: 'POST', path, body: new Uint8Array(await gzipAsync(text)), compressed: true }
          : { method: 'POST', path, body: text };
      return bodyOf(await send(request));
    },
    async openStream(path, signal) {
      const response = await send({ method: 'GET', path, signal });
      if (response.body === null) throw new SyncRequestError('sync-stream-empty', response.status);
      return response.body;
    },
    events(path) {
      return new Observable<unknown>((subscriber) => {
        const abort = new AbortController();
        void (async () => {
          const response = await send({ method: 'GET', path, signal: abort.signal });
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
    signatureHeaders: (method, path, body) =>
      signRequest({ ...options.device, method, path, body, now: serverNow() }),
  };
}
