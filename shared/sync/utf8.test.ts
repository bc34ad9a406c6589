import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from './utf8.ts';

/** The platform encoder, reached through globalThis because shared/ compiles without DOM or Node types. */
const platform = new (
  globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } }
).TextEncoder();

describe('UTF-8 encoding', () => {
  it('encodes Vietnamese text, astral characters and lone surrogates as TextEncoder does', () => {
    expect(encodeUtf8('Nguyễn')).toEqual(Uint8Array.from([0x4e, 0x67, 0x75, 0x79, 0xe1, 0xbb, 0x85, 0x6e]));
    expect(encodeUtf8('😀')).toEqual(Uint8Array.from([0xf0, 0x9f, 0x98, 0x80]));
    expect(encodeUtf8('a\ud800b')).toEqual(Uint8Array.from([0x61, 0xef, 0xbf, 0xbd, 0x62]));
    expect(encodeUtf8('\udc00')).toEqual(Uint8Array.from([0xef, 0xbf, 0xbd]));
  });

  it('agrees with the platform encoder on any string, including broken surrogate pairs', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'binary-ascii', maxLength: 10 }),
        (a, b) => {
          expect(encodeUtf8(a + b)).toEqual(platform.encode(a + b));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0xd700, max: 0xe000 }).map((c) => String.fromCharCode(c)) }),
        (s) => {
          expect(encodeUtf8(s)).toEqual(platform.encode(s));
        },
      ),
    );
  });
});
