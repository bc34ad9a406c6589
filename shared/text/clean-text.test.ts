import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cleanText, toNfc } from './clean-text.ts';
import { anyText } from './vietnamese-arbitraries.test-support.ts';

describe('toNfc', () => {
  it('composes a letter typed as base plus combining tone into the precomposed letter', () => {
    expect(toNfc('Nguye\u0302\u0303n')).toBe('Nguyễn');
    expect(toNfc('Nguye\u0302\u0303n')).toHaveLength(6);
  });
});

describe('cleanText', () => {
  it('trims, collapses whitespace runs and line breaks to one space', () => {
    expect(cleanText('  Nguyễn \t Văn\n\nAn  ')).toBe('Nguyễn Văn An');
    expect(cleanText('Hà\u00a0Nội\u2003Việt\u2028Nam')).toBe('Hà Nội Việt Nam');
  });

  it('removes zero-width characters, the BOM, soft hyphens and control characters', () => {
    expect(cleanText('\ufeffNguy\u200bễn\u200d Văn\u00ad A\u0000\u0007')).toBe('Nguyễn Văn A');
    expect(cleanText('a\ufeffb')).toBe('ab');
  });

  it('composes NFD input, including a letter whose marks were split by a zero-width space', () => {
    expect(cleanText('Hoa\u0300ng')).toBe('Hoàng');
    expect(cleanText('Hoa\u200b\u0300ng')).toBe('Hoàng');
  });

  it('turns text with nothing visible into the empty string', () => {
    expect(cleanText(' \u200b\t\ufeff\n ')).toBe('');
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(anyText, (s) => cleanText(cleanText(s)) === cleanText(s)));
    fc.assert(fc.property(anyText, (s) => cleanText(cleanText(s)) === cleanText(s)));
  });

  it('always returns NFC without edge spaces or double spaces', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const cleaned = cleanText(s);
        expect(cleaned.normalize('NFC')).toBe(cleaned);
        expect(cleaned).toBe(cleaned.trim());
        expect(cleaned).not.toMatch(/\s\s|[^ \S]/);
      }),
    );
  });

  it('gives the same output for the NFC and the NFD spelling of a text', () => {
    fc.assert(fc.property(anyText, (s) => cleanText(s.normalize('NFD')) === cleanText(s.normalize('NFC'))));
  });
});
