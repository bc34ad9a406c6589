const NEWLINE = 0x0a;

/**
 * The lines of an NDJSON body as they arrive, each decoded once: a chunk is searched for line ends from where the
 * last one ended, and a line's pieces are joined only when its end arrives (a page of several hundred kilobytes comes
 * in dozens of chunks; re-scanning and re-joining the text so far at each would cost time quadratic in its length).
 * A last line without a line end is yielded at the end.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pieces: Uint8Array[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      let start = 0;
      for (let end = value.indexOf(NEWLINE); end >= 0; end = value.indexOf(NEWLINE, start)) {
        pieces.push(value.subarray(start, end));
        yield decoder.decode(Buffer.concat(pieces));
        pieces = [];
        start = end + 1;
      }
      if (start < value.length) pieces.push(value.subarray(start));
    }
    if (pieces.length > 0) yield decoder.decode(Buffer.concat(pieces));
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
