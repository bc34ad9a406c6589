import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fullName } from '../text/vietnamese-arbitraries.test-support.ts';
import {
  deriveUserName,
  MAX_USER_NAME_SUFFIX,
  normalizeLoginName,
  parseUserName,
  userNameLocalPart,
  type DeriveUserNameInput,
} from './user-name.ts';

const nobody = (): boolean => false;

function derive(
  input: Partial<DeriveUserNameInput> & { fullName: string },
): ReturnType<typeof deriveUserName> {
  return deriveUserName({ facilityCode: '01I29', kind: 'staff', isTaken: nobody, ...input });
}

describe('userNameLocalPart', () => {
  it.each([
    ['Nguyễn Văn A', 'anv'],
    ['Trần Thị Minh Hằng', 'hangttm'],
    ['Đặng Đình Đức', 'ducdd'],
    ['Hùng', 'hung'],
    ["Y-Moan H'Êban", 'hebany'],
    ['  nguye\u0302\u0303n   văn  an ', 'annv'],
  ])('derives %s → %s (whole tên, then the initials of họ and tên đệm)', (name, local) => {
    expect(userNameLocalPart(name)).toBe(local);
  });
});

describe('deriveUserName', () => {
  it('follows the examples of Art. 7.1', () => {
    expect(derive({ fullName: 'Nguyễn Văn A' })).toEqual({ ok: true, value: '01I29_anv', warnings: [] });
    expect(derive({ fullName: 'Nguyễn Văn B', facilityCode: '01032', kind: 'interop' })).toEqual({
      ok: true,
      value: '01032_lt_bnv',
      warnings: [],
    });
    expect(derive({ fullName: 'Trần Thị Minh Hằng', facilityCode: '01i29' })).toMatchObject({
      ok: true,
      value: '01I29_hangttm',
    });
  });

  it('appends 2, 3, … when the name is taken', () => {
    const taken = new Set(['01I29_anv', '01I29_anv2']);
    expect(derive({ fullName: 'Nguyễn Văn A', isTaken: (name) => taken.has(name) })).toMatchObject({
      ok: true,
      value: '01I29_anv3',
    });
  });

  it('gives up with an error once 999 is taken too', () => {
    const result = derive({ fullName: 'Nguyễn Văn A', isTaken: () => true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].code).toBe('user-name-exhausted');
      expect(result.errors[0].params).toMatchObject({ base: '01I29_anv', max: MAX_USER_NAME_SUFFIX });
    }
    const allButLast = derive({
      fullName: 'Nguyễn Văn A',
      isTaken: (name) => name !== `01I29_anv${MAX_USER_NAME_SUFFIX}`,
    });
    expect(allButLast).toMatchObject({ ok: true, value: '01I29_anv999' });
  });

  it.each(['', '   ', '李小龍', '123 456', "- '"])(
    'refuses to derive a name from %j, which has no Latin letters',
    (name) => {
      const result = derive({ fullName: name });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.errors[0]).toMatchObject({ code: 'user-name-no-letters', path: 'fullName' });
    },
  );

  it('reports a malformed facility code with the facility-code issue', () => {
    const result = derive({ fullName: 'Nguyễn Văn A', facilityCode: '1I29' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({ code: 'facility-code-format', path: 'facilityCode' });
  });

  it('never throws, whatever it is given: arbitrary text, or values that are not text at all', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.string(),
        fc.string(),
        (name, code, nameText, codeText) => {
          for (const [fullName, facilityCode] of [
            [name, code],
            [nameText, codeText],
            [nameText, '01I29'],
          ]) {
            const input = { fullName, facilityCode, kind: 'staff', isTaken: () => false } as never;
            expect(typeof deriveUserName(input).ok).toBe('boolean');
          }
        },
      ),
    );
  });

  const facilityCode = fc.stringMatching(/^\d{2}[0-9A-Z]{3}$/);
  const kind = fc.constantFrom('staff' as const, 'interop' as const);
  const takenNames = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 30 });

  it('always yields a well-formed name that is not taken, the same one each time', () => {
    fc.assert(
      fc.property(fullName, facilityCode, kind, takenNames, (name, code, k, takenSuffixes) => {
        const base = `${code}_${k === 'interop' ? 'lt_' : ''}${userNameLocalPart(name)}`;
        const taken = new Set(takenSuffixes.map((n) => (n === 1 ? base : `${base}${n}`)));
        const input = { fullName: name, facilityCode: code, kind: k, isTaken: (u: string) => taken.has(u) };
        const result = deriveUserName(input);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value).toMatch(/^\d{2}[0-9A-Z]{3}_(lt_)?[a-z0-9]+$/);
        expect(taken.has(result.value)).toBe(false);
        expect(deriveUserName(input)).toEqual(result);
        expect(parseUserName(result.value)).toMatchObject({
          ok: true,
          value: { facilityCode: code, kind: k },
        });
      }),
    );
  });
});

describe('normalizeLoginName', () => {
  it('makes login case-insensitive: facility code upper case, the rest lower case', () => {
    expect(normalizeLoginName('  01i29_ANV ')).toBe('01I29_anv');
    expect(normalizeLoginName('01032_LT_Bnv')).toBe('01032_lt_bnv');
    expect(normalizeLoginName('Admin')).toBe('admin');
  });
});

describe('parseUserName', () => {
  it('reads facility code, kind and local part in any case', () => {
    expect(parseUserName('01I29_anv2')).toEqual({
      ok: true,
      value: { facilityCode: '01I29', kind: 'staff', local: 'anv2' },
      warnings: [],
    });
    expect(parseUserName(' 01032_LT_BNV')).toMatchObject({
      ok: true,
      value: { facilityCode: '01032', kind: 'interop', local: 'bnv' },
    });
    expect(parseUserName('01I29_lt')).toMatchObject({ ok: true, value: { kind: 'staff', local: 'lt' } });
  });

  it.each(['', 'anv', '1I29_anv', '01I29_', '01I29_an-v', '01I29_lt_', '01I29_ánv', '01I29__anv'])(
    'rejects %j',
    (input) => {
      const result = parseUserName(input, 'userName');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'user-name-format', path: 'userName' });
    },
  );

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => typeof parseUserName(input).ok === 'boolean'));
  });
});
