import {
  decodeWindows1252,
  detectVietnameseEncoding,
  fromLegacy,
  type VietnameseEncoding,
} from '#shared/text/legacy-encoding.ts';
import { decodeTcvn3 } from '#shared/text/tcvn3.ts';
import { decodeVni } from '#shared/text/vni.ts';
import { utf16Order } from './file-kind.ts';

/** How the importer reads a text file's Vietnamese: detected, or as the person importing says. */
export type TextChoice = 'auto' | VietnameseEncoding;

/** What decoding found, for the preview and the import's record. */
export type TextReport = {
  /** The bytes: UTF-8 (with or without BOM), UTF-16, legacy single-byte, or lines of both UTF-8 and legacy bytes. */
  readonly bytes: 'utf-8' | 'utf-16le' | 'utf-16be' | 'single-byte' | 'mixed';
  /** How the text of the UTF-8 (or UTF-16) lines was converted. */
  readonly textEncoding: VietnameseEncoding;
  /** How the lines that were not UTF-8 were read (TCVN3, VNI, or Windows-1252 as such). */
  readonly byteEncoding: VietnameseEncoding;
  /** Lines that were not UTF-8. */
  readonly singleByteLines: number;
};

const HEAD_BYTES = 64 * 1024;
/** Lines held back to decide the encodings: this many with non-ASCII text, or this many in all. */
const SAMPLE_NON_ASCII_LINES = 200;
const SAMPLE_LINES = 10_000;

type RawLine = { readonly utf8: string } | { readonly bytes: Uint8Array };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NON_ASCII = /[^\p{ASCII}]/u;

function readLine(bytes: Uint8Array): RawLine {
  try {
    return { utf8: strictUtf8.decode(bytes) };
  } catch {
    return { bytes };
  }
}

const hasNonAscii = (line: RawLine) =>
  'utf8' in line ? NON_ASCII.test(line.utf8) : line.bytes.some((byte) => byte >= 0x80);

/** The byte lines of a stream, split at LF (a CR before it stays on the line, as CSV readers expect). */
async function* byteLines(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let rest = Buffer.alloc(0);
  let first = true;
  for await (const chunk of source) {
    let bytes = rest.length === 0 ? Buffer.from(chunk) : Buffer.concat([rest, chunk]);
    if (first && bytes.length >= 3) {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
    }
    let start = 0;
    for (let end = bytes.indexOf(0x0a, start); end !== -1; end = bytes.indexOf(0x0a, start)) {
      yield bytes.subarray(start, end);
      start = end + 1;
    }
    rest = Buffer.from(bytes.subarray(start));
  }
  if (rest.length > 0) yield rest;
}

function convertBytes(bytes: Uint8Array, encoding: VietnameseEncoding): string {
  switch (encoding) {
    case 'tcvn3':
      return decodeTcvn3(bytes);
    case 'vni':
      return decodeVni(decodeWindows1252(bytes));
    case 'unicode':
      return decodeWindows1252(bytes).normalize('NFC');
  }
}

/** Reads the first bytes of a stream (for sniffing), and the stream again from its start. */
async function peek(
  source: AsyncIterable<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    held.push(next.value);
    length += next.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* held;
    if (done) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(held).subarray(0, size), all: all() };
}

/**
 * The lines of a text file as NFC Unicode, streamed: UTF-16 by its BOM or zero bytes, otherwise line by line — a
 * line that is valid UTF-8 is read as UTF-8, any other line as single bytes — and each kind converted from TCVN3 or
 * VNI where `choice` says or where detection finds the legacy reading gives Vietnamese (lines are held back until
 * enough Vietnamese text decides it). A file of both kinds of lines (a list appended to in two programs) keeps every
 * line; the report says it was mixed. `report()` is final once the lines are consumed.
 */
export async function decodeTextLines(
  source: AsyncIterable<Uint8Array>,
  choice: TextChoice,
): Promise<{ lines: AsyncIterable<string>; report: () => TextReport }> {
  const { head, all } = await peek(source, HEAD_BYTES);
  const order = utf16Order(head);
  let report: TextReport = {
    bytes: order ?? 'utf-8',
    textEncoding: 'unicode',
    byteEncoding: 'unicode',
    singleByteLines: 0,
  };
  const decide = (texts: readonly string[]) =>
    choice === 'auto' ? detectVietnameseEncoding(texts).encoding : choice;

  if (order !== undefined) {
    const decoder = new TextDecoder(order);
    async function* utf16Lines(): AsyncGenerator<string> {
      let rest = '';
      for await (const chunk of all) {
        const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
        rest = lines.pop() ?? '';
        yield* lines;
      }
      rest += decoder.decode();
      if (rest !== '') yield rest;
    }
    async function* converted(): AsyncGenerator<string> {
      const held: string[] = [];
      let heldNonAscii = 0;
      let encoding: VietnameseEncoding | undefined;
      for await (const raw of utf16Lines()) {
        const line = held.length === 0 && encoding === undefined ? raw.replace(/^\uFEFF/, '') : raw;
        if (encoding !== undefined) {
          yield fromLegacy(line, encoding);
          continue;
        }
        held.push(line);
        if (NON_ASCII.test(line)) heldNonAscii += 1;
        if (heldNonAscii >= SAMPLE_NON_ASCII_LINES || held.length >= SAMPLE_LINES) {
          encoding = decide(held);
          report = { ...report, textEncoding: encoding };
          yield* held.splice(0).map((text) => fromLegacy(text, encoding ?? 'unicode'));
        }
      }
      if (encoding === undefined) {
        const decided = decide(held);
        report = { ...report, textEncoding: decided };
        yield* held.map((text) => fromLegacy(text, decided));
      }
    }
    return { lines: converted(), report: () => report };
  }

  async function* converted(): AsyncGenerator<string> {
    const held: RawLine[] = [];
    let heldNonAscii = 0;
    let decided: { text: VietnameseEncoding; bytes: VietnameseEncoding } | undefined;
    let utf8NonAscii = 0;
    let singleByte = 0;
    const decideNow = () => ({
      text: decide(held.flatMap((line) => ('utf8' in line ? [line.utf8] : []))),
      bytes: decide(held.flatMap((line) => ('bytes' in line ? [decodeWindows1252(line.bytes)] : []))),
    });
    const emit = (line: RawLine, as: { text: VietnameseEncoding; bytes: VietnameseEncoding }) => {
      if ('utf8' in line) {
        if (NON_ASCII.test(line.utf8)) utf8NonAscii += 1;
        return fromLegacy(line.utf8, as.text);
      }
      singleByte += 1;
      return convertBytes(line.bytes, as.bytes);
    };
    for await (const bytes of byteLines(all)) {
      const line = readLine(bytes);
      if (decided !== undefined) {
        yield emit(line, decided);
        continue;
      }
      held.push(line);
      if (hasNonAscii(line)) heldNonAscii += 1;
      if (heldNonAscii >= SAMPLE_NON_ASCII_LINES || held.length >= SAMPLE_LINES) {
        const as = decideNow();
        decided = as;
        yield* held.splice(0).map((raw) => emit(raw, as));
      }
    }
    if (decided === undefined) {
      const as = decideNow();
      decided = as;
      yield* held.splice(0).map((raw) => emit(raw, as));
    }
    report = {
      bytes: singleByte === 0 ? 'utf-8' : utf8NonAscii > 0 ? 'mixed' : 'single-byte',
      textEncoding: decided.text,
      byteEncoding: decided.bytes,
      singleByteLines: singleByte,
    };
  }
  return { lines: converted(), report: () => report };
}
