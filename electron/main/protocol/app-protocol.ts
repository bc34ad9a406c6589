import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
/** The origin the window loads and the only one IPC calls are accepted from. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Registered before `app` is ready: a standard, secure scheme (like https) with fetch, not bypassing CSP. */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const headers = (type: string) => ({
  'content-type': type,
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
});

const notFound = () =>
  new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

/**
 * The `app://station/…` handler for `protocol.handle`: serves the built renderer from `rootDir` and
 * nothing else. Any other host, a method other than GET, an encoded or literal `..`, backslash or NUL, or a path that
 * resolves (symlinks included) outside the root answers 404. Paths without an extension get `index.html` (the app's
 * client-side routes). Every answer carries the CSP.
 */
export function createAppProtocolHandler(options: {
  rootDir: string;
}): (request: Request) => Promise<Response> {
  const root = resolve(options.rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    const raw = url.pathname;
    if (/%2e|%2f|%5c|%00/i.test(raw)) return notFound();
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return notFound();
    }
    if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return notFound();
    const wanted = extname(path) === '' ? '/index.html' : path;
    const candidate = resolve(join(root, wanted));
    const inside = (p: string) => {
      const rel = relative(root, p);
      return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    };
    if (!inside(candidate)) return notFound();
    try {
      const real = await realpath(candidate);
      const realRoot = await realpath(root);
      const rel = relative(realRoot, real);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return notFound();
      const body = await readFile(real);
      const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(type) });
    } catch {
      return notFound();
    }
  };
}
