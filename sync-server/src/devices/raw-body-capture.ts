import { Transform, type Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Keeps the exact bytes of request bodies, for routes whose signature covers the body. Its `preParsing` hook passes
 * the body stream through unchanged (Fastify's own JSON parser, body limit and error mapping still apply) and records
 * the chunks on the way; `bodyOf` returns them once parsing is done (in `preHandler` or later). Bodies are held only
 * as long as the request object lives.
 */
export type RawBodyCapture = {
  readonly preParsing: (request: FastifyRequest, reply: FastifyReply, payload: Readable) => Promise<Readable>;
  /** The body bytes as received; empty when the request had no body or the hook did not run. */
  readonly bodyOf: (request: FastifyRequest) => Uint8Array;
};

export function createRawBodyCapture(): RawBodyCapture {
  const bodies = new WeakMap<FastifyRequest, Buffer[]>();
  return {
    async preParsing(request, _reply, payload) {
      const chunks: Buffer[] = [];
      bodies.set(request, chunks);
      const tap = new Transform({
        transform(chunk: Buffer | string, _encoding, done) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          chunks.push(bytes);
          done(null, bytes);
        },
      });
      // pipe() does not forward errors; Fastify must still see an aborted upload as a failed body.
      payload.on('error', (error) => tap.destroy(error));
      return payload.pipe(tap);
    },
    bodyOf(request) {
      const chunks = bodies.get(request);
      return chunks === undefined ? new Uint8Array(0) : Buffer.concat(chunks);
    },
  };
}
