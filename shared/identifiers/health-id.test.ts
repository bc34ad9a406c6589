import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHealthId, HEALTH_ID_MAX_SERIAL, parseHealthId } from './health-id.ts';

const serials = fc.integer({ min: 0, max: HEALTH_ID_MAX_SERIAL });
const codeOf = (input: unknown) => {
  const result = parseHealthId(input);
  return result.ok ? 'ok' : result.errors[0].code;
};

describe('health ID', () => {
  it('is 01, the zero-padded serial and a Damm check digit (worked by hand from the table for serial 1)', () => {
    expect(formatHealthId(1)).toBe('0100000000017');
    expect(formatHealthId(HEALTH_ID_MAX_SERIAL)).toMatch(/^019999999999\d$/);
    expect(parseHealthId('0100000000017')).toEqual({
      ok: true,
      value: { value: '0100000000017', serial: 1 },
      warnings: [],
    });
  });

  it('refuses to format a serial that does not fit, as a caller bug', () => {
    expect(() => formatHealthId(-1)).toThrow(RangeError);
    expect(() => formatHealthId(HEALTH_ID_MAX_SERIAL + 1)).toThrow(RangeError);
    expect(() => formatHealthId(1.5)).toThrow(RangeError);
    expect(() => formatHealthId(Number.NaN)).toThrow(RangeError);
  });

  it('accepts spaces and dots a person copied with the ID', () => {
    expect(codeOf(' 0100 0000 0001 7 ')).toBe('ok');
    expect(codeOf('01.0000000001.7')).toBe('ok');
  });

  it('tells a CCCD, a BHXH number or a BHYT code apart from a health ID', () => {
    expect(codeOf('001099012345')).toBe('health-id-format');
    expect(codeOf('0123456789')).toBe('health-id-format');
    expect(codeOf('DN4010123456789')).toBe('health-id-format');
    expect(codeOf('')).toBe('health-id-required');
    expect(codeOf(100000000015)).toBe('health-id-required');
  });

  it('rejects an ID from outside Hà Nội and a wrong check digit with distinct codes', () => {
    expect(codeOf('0200000000015')).toBe('health-id-prefix');
    expect(codeOf('0100000000016')).toBe('health-id-check-digit');
  });

  it('parses every generated ID back to its serial', () => {
    fc.assert(
      fc.property(serials, (serial) => {
        const id = formatHealthId(serial);
        expect(id).toHaveLength(13);
        expect(parseHealthId(id)).toEqual({ ok: true, value: { value: id, serial }, warnings: [] });
      }),
    );
  });

  it('rejects every single-digit substitution of a valid ID', () => {
    fc.assert(
      fc.property(serials, (serial) => {
        const id = formatHealthId(serial);
        for (let i = 0; i < id.length; i++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === id[i]) continue;
            const typo = id.slice(0, i) + String(d) + id.slice(i + 1);
            expect(parseHealthId(typo).ok, typo).toBe(false);
          }
        }
      }),
    );
  });

  it('rejects every adjacent transposition of a valid ID', () => {
    fc.assert(
      fc.property(serials, (serial) => {
        const id = formatHealthId(serial);
        for (let i = 0; i + 1 < id.length; i++) {
          const a = id.charAt(i);
          const b = id.charAt(i + 1);
          if (a === b) continue;
          const swapped = id.slice(0, i) + b + a + id.slice(i + 2);
          expect(parseHealthId(swapped).ok, swapped).toBe(false);
        }
      }),
    );
  });

  it('never throws and always returns a result, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[\d .]{11,15}$/)), (input) => {
        expect(typeof parseHealthId(input).ok).toBe('boolean');
      }),
    );
  });
});
