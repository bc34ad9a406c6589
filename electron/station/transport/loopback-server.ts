import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StationApi, StationCommand, StationEvents } from '../../../shared/station-api/station-api.ts';

/** Messages of the loopback protocol (JSON text frames). */
export type LoopbackClientMessage =
  | { readonly type: 'hello'; readonly secret: string }
  | { readonly type: 'call'; readonly id: number; readonly command: string; readonly args: unknown };
export type LoopbackServerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'answer'; readonly id: number; readonly answer: unknown }
  | { readonly type: 'event'; readonly event: keyof StationEvents; readonly payload: unknown }
  | { readonly type: 'refused'; readonly code: string; readonly message: string };

export type LoopbackServer = {
  /** `http://127.0.0.1:<port>`; the app page is served here and the API at `/api` (WebSocket). */
  readonly url: string;
  /** The per-launch secret the page must present first; handed to the browser in the URL fragment. */
  readonly secret: string;
  close(): Promise<void>;
};

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
 * The station API over a loopback WebSocket (issue 4 §3), for the renderer in an ordinary browser and for tests.
 * Binds 127.0.0.1 only. A connection must come from the server's own origin (a page of another site open in the
 * same browser cannot drive the station) and present the per-launch secret in its first message within five
 * seconds; otherwise it is closed without an answer to any command. Every command goes to `api.call`, which
 * validates its arguments. Serves the built renderer from `staticDir` (no directory listing, no path escape).
 */
export async function startLoopbackServer(options: {
  api: StationApi;
  port?: number;
  staticDir?: string;
  secret?: string;
}): Promise<LoopbackServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret);
  const http = createServer((request, response) => {
    void serveStatic(options.staticDir, request, response);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((http.address() as AddressInfo).port)}`;

  http.on('upgrade', (request, socket, head) => {
    const origin = request.headers.origin;
    if (request.url !== '/api' || origin !== url) {
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

    ws.on('message', (data, isBinary) => {
      let message: LoopbackClientMessage;
      try {
        if (isBinary || !Buffer.isBuffer(data)) throw new Error('not a single text frame');
        message = JSON.parse(data.toString('utf8')) as LoopbackClientMessage;
      } catch {
        refuse('station-api-message-invalid', 'Thông điệp gửi tới máy trạm không hợp lệ. Mở lại ứng dụng.');
        return;
      }
      if (!authenticated) {
        const offered = Buffer.from(
          message.type === 'hello' && typeof message.secret === 'string' ? message.secret : '',
        );
        if (offered.length !== secretBytes.length || !timingSafeEqual(offered, secretBytes)) {
          refuse(
            'station-api-secret-wrong',
            'Phiên ứng dụng không hợp lệ. Mở ứng dụng từ biểu tượng trên máy trạm.',
          );
          return;
        }
        authenticated = true;
        clearTimeout(helloTimer);
        for (const event of ['sync.status', 'session.changed'] as const) {
          unsubscribers.push(
            options.api.subscribe(event, (payload) => {
              send({ type: 'event', event, payload });
            }),
          );
        }
        send({ type: 'ready' });
        return;
      }
      if (message.type !== 'call' || typeof message.id !== 'number') {
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

async function serveStatic(
  staticDir: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  if (staticDir === undefined || request.method !== 'GET' || pathname.includes('\0')) {
    response.writeHead(404).end();
    return;
  }
  const root = normalize(staticDir + sep);
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root)) {
    response.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; connect-src 'self' ws://127.0.0.1:*; object-src 'none'",
  });
  createReadStream(file).pipe(response);
}
