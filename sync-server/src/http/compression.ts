import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { problemOf } from '#shared/errors/api-problem.ts';
import { httpIssue } from './http-issue.ts';

/** Content types answered compressed beside those mime-db calls compressible (the page runs of `/sync`). */
const NDJSON = /^application\/x-ndjson/;

/**
 * Brotli's quality for every compressed answer. 1, not the usual 4: on the record's JSON it is about four times
 * faster for about a fifth more bytes (measured on synthetic residents, visits and doses: 1,431/916/399 bytes per
 * document become 149/60/32 at 1 and 127/47/26 at 4), and a first sync is bound by CPU on a 10 Mbit/s link already.
 */
export const BROTLI_QUALITY = 1;

/**
 * Path prefixes never compressed either way: their answers carry session tokens next to what a client sent (BREACH),
 * and their bodies are small; a compressed body is refused with 415 (a signed sign-in's signature covers the body as
 * sent, which only the routes' own order of hooks could keep: the sync routes keep it, these need not).
 */
const NEVER_COMPRESSED = ['/auth/'] as const;

/**
 * HTTP compression both ways, in one place (`@fastify/compress`). Answers of 1 KB or more of a compressible type
 * are sent brotli (`BROTLI_QUALITY`) or gzip, as the client's `Accept-Encoding`
 * allows; streamed answers (page runs) are compressed as they stream. Request bodies sent with `Content-Encoding:
 * gzip` or `br` are decompressed before they are parsed, and the body limit counts the DECOMPRESSED bytes (Fastify
 * counts what the decompressing stream yields), so a small body that expands past it is refused with 413 before any
 * route sees it. A signed sync request's signature covers the bytes on the wire (the signature's body capture is an
 * instance hook of the sync routes, so it runs before the decompression, a route hook). `/auth/` is never compressed. Register it before every route: it attaches
 * itself to routes as they are added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!NEVER_COMPRESSED.some((prefix) => path.startsWith(prefix))) return undefined;
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity')
      return reply.status(415).send(problemOf([httpIssue('content-encoding-unsupported')]));
    // The plugin's own opt-out: a request carrying this header is answered uncompressed.
    request.headers['x-no-compression'] = 'auth';
    return undefined;
  });
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    requestEncodings: ['gzip', 'br'],
    customTypes: NDJSON,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: 6 },
  });
}
