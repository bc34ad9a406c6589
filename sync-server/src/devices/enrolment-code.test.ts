import { describe, expect, it } from 'vitest';
import {
  ENROLMENT_CODE_ALPHABET,
  generateEnrolmentCode,
  hashEnrolmentCode,
  normalizeEnrolmentCode,
} from './enrolment-code.ts';

describe('enrolment codes', () => {
  it('are four groups of four characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      expect(generateEnrolmentCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    }
    expect(ENROLMENT_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(new Set(ENROLMENT_CODE_ALPHABET).size).toBe(ENROLMENT_CODE_ALPHABET.length);
  });

  it('redraws the random bytes that would bias the alphabet', () => {
    const draws = [
      Uint8Array.from([255, 254, 253, 252, 251, 250, 249, 248, 0, ...new Array<number>(23).fill(1)]),
    ];
    const code = generateEnrolmentCode((size) => draws.shift() ?? new Uint8Array(size).fill(2));
    // 248…255 are skipped; 0 → 'A', then 1 → 'B' fifteen times.
    expect(code).toBe('ABBB-BBBB-BBBB-BBBB');
  });

  it('accept what a person types: any case, spaces or dashes', () => {
    expect(normalizeEnrolmentCode(' k7qm 2xht-9rap-wc4n ')).toBe('K7QM2XHT9RAPWC4N');
    expect(normalizeEnrolmentCode('K7QM2XHT9RAPWC4N')).toBe('K7QM2XHT9RAPWC4N');
  });

  it('refuse anything that cannot be a code', () => {
    for (const typed of [
      '',
      'K7QM-2XHT-9RAP',
      'K7QM-2XHT-9RAP-WC4NX',
      'K7QM-2XHT-9RAP-WC40',
      "' OR 1=1 --aaaaaa",
    ]) {
      expect(normalizeEnrolmentCode(typed), typed).toBeUndefined();
    }
  });

  it('are stored as a hash that does not contain the code', () => {
    const hash = hashEnrolmentCode('K7QM2XHT9RAPWC4N');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('K7QM');
    expect(hashEnrolmentCode('K7QM2XHT9RAPWC4P')).not.toBe(hash);
  });
});
