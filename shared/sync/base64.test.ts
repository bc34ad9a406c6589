import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';

const ascii = (text: string) => Uint8Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('base64', () => {
  it('matches the RFC 4648 test vectors both ways', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(ascii(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(ascii(plain));
    }
    expect(encodeBase64(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });

  it('decodes whatever it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses non-canonical and foreign spellings instead of guessing', () => {
    for (const text of [
      'Zg',
      'Zg=',
      'Zh==',
      'Zm9=',
      'Zm9v\n',
      ' Zm9v',
      'Zm-v',
      'Zm_v',
      '====',
      'Z===',
      'Zm9vY',
    ]) {
      expect(decodeBase64(text), text).toBeUndefined();
    }
  });
});
