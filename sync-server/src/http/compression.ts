import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Content types answered compressed beside those mime-db calls compressible (the page runs of `/sync`). */
const NDJSON = /^application\/x-ndjson/;

/** Path prefixes never compressed: their answers carry session tokens next to what a client sent (BREACH). */
const NEVER_COMPRESSED = ['/auth/'] as const;

/**
 * HTTP compression both ways, in one place (`@fastify/compress`). Answers of 1 KB or more of a compressible type
 * are sent brotli (quality 4: near gzip's speed, a better ratio on JSON) or gzip, as the client's `Accept-Encoding`
 * allows; streamed answers (page runs) are compressed as they stream. Request bodies sent with `Content-Encoding:
 * gzip` or `br` are decompressed before they are parsed, and the body limit counts the DECOMPRESSED bytes (Fastify
 * counts what the decompressing stream yields), so a small body that expands past it is refused with 413 before any
 * route sees it. A signed request's signature covers the bytes on the wire (the signature's body capture runs
 * before the decompression). `/auth/` answers are never compressed. Register it before every route: it attaches
 * itself to routes as they are added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    // The plugin's own opt-out: a request carrying this header is answered uncompressed.
    if (NEVER_COMPRESSED.some((prefix) => path.startsWith(prefix)))
      request.headers['x-no-compression'] = 'auth';
  });
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    requestEncodings: ['gzip', 'br'],
    customTypes: NDJSON,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
