import type { ServerResponse } from 'node:http';
import {
  constants as zlib,
  createBrotliCompress,
  createGzip,
  type BrotliCompress,
  type Gzip,
} from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import { BROTLI_QUALITY } from './compression.ts';

/** Where an event stream's text goes: straight to the socket, or through a compressor flushed after every event. */
export type EventStreamWriter = {
  /** Writes `text` (one or more whole events) and makes it leave at once (a compressor is flushed). */
  write(text: string): void;
  /** Bytes written but not yet handed to the socket (the slow-consumer measure of a change stream). */
  backlog(): number;
  end(): void;
};

/**
 * Starts a server-sent event stream on a hijacked answer (which skips the app's hooks, compression included):
 * writes the head with `headers` and, when the client's `Accept-Encoding` allows, compresses the stream with brotli or
 * gzip. Every `write` is followed by a sync flush, so each event reaches the client as it is sent (an unflushed
 * compressor would hold it back), while the compression context carries over from event to event.
 */
export function startEventStream(
  raw: ServerResponse,
  acceptEncoding: string | undefined,
  headers: Readonly<Record<string, string>>,
): EventStreamWriter {
  const encoding = acceptEncoding === undefined ? null : negotiate(acceptEncoding, ['br', 'gzip']);
  raw.writeHead(200, {
    ...headers,
    ...(encoding === null ? {} : { 'content-encoding': encoding, vary: 'accept-encoding' }),
  });
  if (encoding === null) {
    return {
      write: (text) => raw.write(text),
      backlog: () => raw.writableLength,
      end: () => raw.end(),
    };
  }
  const compressor: Gzip | BrotliCompress =
    encoding === 'br'
      ? createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
      : createGzip({ level: 6 });
  compressor.pipe(raw);
  // A client gone mid-stream: the answer's 'close' ends the stream; nothing is left to compress for.
  compressor.on('error', () => raw.destroy());
  return {
    write(text) {
      compressor.write(text);
      compressor.flush(encoding === 'br' ? zlib.BROTLI_OPERATION_FLUSH : zlib.Z_SYNC_FLUSH);
    },
    backlog: () => compressor.writableLength + raw.writableLength,
    end: () => compressor.end(),
  };
}
