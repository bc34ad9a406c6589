import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StationCommand, StationEndpoint } from '#shared/station-api/station-api.ts';
import {
  loopbackClientMessage,
  stationEventNames,
  type LoopbackClientMessage,
  type LoopbackServerMessage,
} from '#shared/station-api/station-messages.ts';
import { errorSummary } from '../error-summary.ts';

export type LoopbackServer = {
  /** `http://127.0.0.1:<port>`; the app page is served here and the API at `/api` (WebSocket). */
  readonly url: string;
  /** The per-launch secret the page must present first; handed to the browser in the URL fragment. */
  readonly secret: string;
  close(): Promise<void>;
};

/** A bigger frame closes its connection with 1009 (message too big); the core goes on serving the others. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const HELLO_TIMEOUT_MS = 5000;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The station API over a loopback WebSocket, for the renderer in an ordinary browser and for tests.
 * Binds 127.0.0.1 only. A connection must come from the server's own origin (a page of another site open in the
 * same browser cannot drive the station) and present the per-launch secret in its first message within five
 * seconds; otherwise it is closed without an answer to any command. Every command goes to `api.call`, which
 * validates its arguments. Serves the built renderer from `staticDir` (no directory listing, no path escape).
 *
 * Nothing a client sends can stop the server: a malformed or hostile path is answered 400/404, a request naming
 * another host (DNS rebinding) 421, a frame over 1 MiB closes that connection with 1009, anything else that is not a
 * protocol message closes it with 1008. Every answer forbids framing, sniffing and caching (`pageHeaders`).
 * `log` hears about failures of the server itself, by error name and place only (no path, no message content).
 */
export async function startLoopbackServer(options: {
  api: StationEndpoint;
  port?: number;
  staticDir?: string;
  secret?: string;
  log?: (line: string) => void;
}): Promise<LoopbackServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret);
  const log = options.log ?? (() => undefined);
  const http = createServer((request, response) => {
    serveStatic({ staticDir: options.staticDir, host, headers }, request, response).catch(
      (thrown: unknown) => {
        log(`station page: request failed (${errorSummary(thrown)})`);
        if (response.headersSent) response.destroy();
        else response.writeHead(500, headers).end();
      },
    );
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${String((http.address() as AddressInfo).port)}`;
  const url = `http://${host}`;
  const headers = pageHeaders(host);

  http.on('upgrade', (request, socket, head) => {
    // A connection reset before the upgrade completes must not become an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    const origin = request.headers.origin;
    if (request.url !== '/api' || origin !== url || request.headers.host !== host) {
      socket.write('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      serveConnection(ws);
    });
  });

  function serveConnection(ws: WebSocket): void {
    let authenticated = false;
    const unsubscribers: (() => void)[] = [];
    const send = (message: LoopbackServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const refuse = (code: string, message: string) => {
      send({ type: 'refused', code, message });
      ws.close(1008, code);
    };
    const helloTimer = setTimeout(() => {
      if (!authenticated)
        refuse('station-api-hello-timeout', 'Không xác thực được phiên ứng dụng. Mở lại ứng dụng.');
    }, HELLO_TIMEOUT_MS);

    // ws closes the connection itself (1009 for a frame over MAX_MESSAGE_BYTES, 1002 for a protocol error); without
    // a listener the 'error' event would be thrown and stop the core.
    ws.on('error', () => undefined);
    ws.on('message', (data, isBinary) => {
      const message = parseClientMessage(data, isBinary);
      if (message === undefined) {
        refuse('station-api-message-invalid', 'Thông điệp gửi tới máy trạm không hợp lệ. Mở lại ứng dụng.');
        return;
      }
      if (!authenticated) {
        const offered = Buffer.from(message.type === 'hello' ? message.secret : '');
        if (offered.length !== secretBytes.length || !timingSafeEqual(offered, secretBytes)) {
          refuse(
            'station-api-secret-wrong',
            'Phiên ứng dụng không hợp lệ. Mở ứng dụng từ biểu tượng trên máy trạm.',
          );
          return;
        }
        authenticated = true;
        clearTimeout(helloTimer);
        for (const event of stationEventNames) {
          unsubscribers.push(
            options.api.subscribe(event, (payload) => {
              send({ type: 'event', event, payload });
            }),
          );
        }
        send({ type: 'ready' });
        return;
      }
      if (message.type !== 'call') {
        refuse('station-api-message-invalid', 'Thông điệp gửi tới máy trạm không hợp lệ. Mở lại ứng dụng.');
        return;
      }
      const { id } = message;
      // An unknown command name is answered by `api.call` with `station-command-unknown`.
      void options.api.call(message.command as StationCommand, message.args).then(
        (answer) => {
          send({ type: 'answer', id, answer });
        },
        () => {
          send({
            type: 'answer',
            id,
            answer: {
              ok: false,
              errors: [
                {
                  code: 'station-internal-error',
                  message: 'Máy trạm gặp lỗi khi xử lý yêu cầu. Thử lại; nếu vẫn lỗi, báo bộ phận CNTT.',
                },
              ],
            },
          });
        },
      );
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      for (const unsubscribe of unsubscribers) unsubscribe();
    });
  }

  return {
    url,
    secret,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve();
        }),
      );
    },
  };
}

/** The JSON text frame as a protocol message, or undefined for anything else (binary, fragments, other JSON). */
function parseClientMessage(data: unknown, isBinary: boolean): LoopbackClientMessage | undefined {
  if (isBinary || !Buffer.isBuffer(data)) return undefined;
  try {
    const parsed = loopbackClientMessage.safeParse(JSON.parse(data.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Headers of every HTTP answer: the page runs only its own scripts, talks only to this server's WebSocket, cannot be
 * framed by another page (clickjacking), is not sniffed into another type, not cached, and its files cannot be
 * embedded by other origins.
 */
function pageHeaders(host: string): OutgoingHttpHeaders {
  return {
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ws://${host}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      // Only a header can say this (a <meta> CSP cannot): no page of another site may frame the station page.
      "frame-ancestors 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** The decoded path of a request target, or undefined when it is not a well-formed one (bad percent escape, …). */
function requestPath(target: string): string | undefined {
  try {
    return decodeURIComponent(new URL(target, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

/** The app file a request asks for, or the error status to answer instead. */
async function staticFile(
  staticDir: string | undefined,
  host: string,
  request: IncomingMessage,
): Promise<{ readonly file: string } | { readonly status: 400 | 404 | 421 }> {
  if (request.headers.host !== host) return { status: 421 };
  const pathname = requestPath(request.url ?? '/');
  if (pathname === undefined) return { status: 400 };
  if (staticDir === undefined || request.method !== 'GET' || pathname.includes('\0')) return { status: 404 };
  const root = normalize(staticDir + sep);
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root)) return { status: 404 };
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() === true ? { file } : { status: 404 };
}

async function serveStatic(
  { staticDir, host, headers }: { staticDir: string | undefined; host: string; headers: OutgoingHttpHeaders },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const found = await staticFile(staticDir, host, request);
  if ('status' in found) {
    response.writeHead(found.status, headers).end();
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[extname(found.file)] ?? 'application/octet-stream',
  });
  // A file that vanishes or cannot be read mid-way ends this answer only.
  pipeline(createReadStream(found.file), response, () => undefined);
}
