import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, parsePhone, phoneSearchForms } from './phone-number.ts';

describe('parsePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+840912345678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(+84) 38-123-4567', '0381234567'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('accepts the mobile %s as %s', (input, stored) => {
    expect(parsePhone(input, 'mobile')).toEqual({ ok: true, value: stored, warnings: [] });
  });

  it.each([
    '091234567',
    '912345678',
    '09123456789',
    '0212345678',
    '0243825123',
    '1912345678',
    '+84212345678',
    'abc',
  ])('refuses %s as a mobile, saying what a mobile looks like', (input) => {
    const result = parsePhone(input, 'mobile');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].code).toBe('phone-mobile-format');
      expect(result.errors[0].message).toContain('10 chữ số');
    }
  });

  it.each([
    ['024 3825 1234', '02438251234'],
    ['+84 24 3825 1234', '02438251234'],
    ['0203 3825 123', '02033825123'],
  ])('accepts the landline %s as %s', (input, stored) => {
    expect(parsePhone(input, 'landline')).toEqual({ ok: true, value: stored, warnings: [] });
  });

  it('refuses a mobile typed as a landline and a short landline', () => {
    for (const input of ['0912345678', '0243825123']) {
      const result = parsePhone(input, 'landline');
      expect(result.ok ? undefined : result.errors[0].code).toBe('phone-landline-format');
    }
  });

  it('says a blank number is missing', () => {
    const result = parsePhone('  ', 'mobile', 'phones.0');
    expect(result.ok ? undefined : result.errors[0]).toMatchObject({
      code: 'phone-required',
      path: 'phones.0',
    });
  });
});

describe('formatPhone', () => {
  it('groups mobile and landline digits as people read them, and leaves others alone', () => {
    expect(formatPhone('0912345678')).toBe('0912 345 678');
    expect(formatPhone('02438251234')).toBe('024 3825 1234');
    expect(formatPhone('+33612345678')).toBe('+33612345678');
  });
});

describe('phone search forms', () => {
  it('finds a stored national number from +84, 84 or without the leading 0', () => {
    expect(normalizePhone('+84912345678')).toBe('0912345678');
    expect(phoneSearchForms('+84 912 345 678')).toEqual(['0912345678']);
    expect(phoneSearchForms('912345678')).toEqual(['0912345678', '912345678']);
    expect(phoneSearchForms('0912345678')).toEqual(['0912345678']);
    expect(phoneSearchForms('nguyen')).toEqual([]);
  });
});
