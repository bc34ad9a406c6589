import { connect } from 'node:net';

/**
 * Request targets a web page or a local program can aim at the loopback server, written as they go on the wire (a
 * browser or `fetch` would re-encode some of them): broken percent escapes, NUL, paths that climb out of the app
 * folder, a path too long for the file system, and one too long for the HTTP parser.
 */
export const hostileRequestTargets: readonly string[] = [
  '/%E0%A4%A',
  '/%',
  '/%ZZ',
  '/%C0%AF',
  '/%ED%A0%80',
  '/assets/%E0%A4%A.js',
  '/%00',
  '/index.html%00.js',
  '/../../../../etc/passwd',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..\\..\\windows\\win.ini',
  `/${'a'.repeat(5000)}`,
  `/${'%E0%A4%A'.repeat(3000)}`,
  'http://127.0.0.1/%E0%A4%A',
  '*',
];

/**
 * Sends one raw HTTP/1.1 request with `target` exactly as given (and the server's own `Host` unless `host` says
 * otherwise) and resolves with the status code of the answer, or 0 when the server closed the connection without one.
 */
export function rawHttpStatus(
  serverUrl: string,
  target: string,
  options: { readonly method?: string; readonly host?: string } = {},
): Promise<number> {
  const { hostname, port, host } = new URL(serverUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      socket.write(
        `${options.method ?? 'GET'} ${target} HTTP/1.1\r\nHost: ${options.host ?? host}\r\nConnection: close\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0));
      else reject(error);
    });
    socket.on('close', () => {
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0));
    });
  });
}
