import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/**
 * The admin console's Content-Security-Policy, sent with every answer under `/console/`. It is the policy of the
 * `<meta>` in `renderer/console.html` (a test holds them equal): scripts, styles and connections to this server only,
 * no inline code; `base-uri 'self'` admits the page's `<base href="/console/">`.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/** The folder Vite builds the renderer into (`npm run build:renderer`), beside this repository's sources. */
export const DEFAULT_CONSOLE_DIR = join(import.meta.dirname, '..', '..', '..', 'renderer', 'dist');

const CONSOLE_PAGE = 'console.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>Chưa có giao diện quản trị</title>
  </head>
  <body>
    <h1>Chưa dựng giao diện quản trị (admin console not built)</h1>
    <p>Máy chủ không tìm thấy bản dựng của giao diện quản trị. Chạy lệnh <code>npm run build:renderer</code> trong thư mục mã nguồn rồi tải lại trang này.</p>
    <p>The admin console has not been built: run <code>npm run build:renderer</code>, then reload this page.</p>
  </body>
</html>
`;

/**
 * `/console/`: the admin console, the built second entry of `renderer/` served from `dir` (default
 * `renderer/dist`). Files with an extension are served from `dir/assets/` (hashed names, cached for a year) or
 * `dir/favicon.svg`; every other path under `/console/` answers `console.html` (the console's own routes). Only GET
 * and HEAD; an encoded or literal `..`, backslash or NUL, or a path resolving (symlinks included) outside `dir`
 * answers 404. Without a build, `/console/` answers 503 with a page saying to run `npm run build:renderer`.
 */
export function consoleRoutes(options: { readonly dir?: string } = {}): FastifyPluginAsyncZod {
  const root = resolve(options.dir ?? DEFAULT_CONSOLE_DIR);
  return async (app) => {
    app.get('/console', { schema: { hide: true } }, async (_request, reply) =>
      reply.redirect('/console/', 308),
    );
    app.get('/console/*', { schema: { hide: true } }, async (request, reply) => {
      const path = consolePathOf(request);
      if (path === undefined) return notFound(reply);
      if (extname(path) === '') return servePage(reply);
      const servable = path.startsWith('assets/') || path === 'favicon.svg';
      const file = servable ? await fileInside(root, path) : undefined;
      if (file === undefined) return notFound(reply);
      const immutable = path.startsWith('assets/');
      return send(reply, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
  };

  async function servePage(reply: FastifyReply) {
    const page = await fileInside(root, CONSOLE_PAGE);
    if (page === undefined) {
      return headers(reply, 'text/html; charset=utf-8', 'no-store').status(503).send(NOT_BUILT_PAGE);
    }
    return send(reply, page, 'no-cache');
  }
}

/**
 * The path below `/console/` the request names, decoded; undefined when it could climb out of the folder or hide
 * something (an encoded dot, slash or backslash, a NUL, a `..` segment, bad percent-encoding).
 */
export function consolePathOf(request: Pick<FastifyRequest, 'url'>): string | undefined {
  const raw = request.url.split('?')[0] ?? '';
  if (!raw.startsWith('/console/')) return undefined;
  const rest = raw.slice('/console/'.length);
  if (/%2e|%2f|%5c|%00/i.test(rest)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return path;
}

/** `path` resolved inside `root` as a regular file, following symlinks only while they stay inside. */
async function fileInside(root: string, path: string): Promise<string | undefined> {
  const inside = (base: string, candidate: string) => {
    const rel = relative(base, candidate);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  const candidate = resolve(root, path);
  if (!inside(root, candidate)) return undefined;
  try {
    const [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
    if (!inside(realRoot, real)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function headers(reply: FastifyReply, type: string, cacheControl: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('cache-control', cacheControl)
    .header('content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

function send(reply: FastifyReply, file: string, cacheControl: string) {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return headers(reply, type, cacheControl).send(createReadStream(file));
}

function notFound(reply: FastifyReply) {
  return headers(reply, 'text/plain; charset=utf-8', 'no-store')
    .status(404)
    .send('Không tìm thấy (not found)');
}
