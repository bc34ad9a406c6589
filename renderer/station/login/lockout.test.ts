import { describe, expect, it } from 'vitest';
import { isLockout, minutesLeft } from './lockout.ts';

const now = new Date('2026-03-01T08:00:00.000Z');
const locked = (params?: Record<string, string | number>) => ({
  code: 'station-login-offline-locked',
  message: 'Tài khoản bị khóa trên máy này. Thử lại sau 15 phút.',
  ...(params === undefined ? {} : { params }),
});

describe('a sign-in lockout', () => {
  it('is recognised by its code, online or offline, and nothing else is', () => {
    expect(isLockout(locked())).toBe(true);
    expect(isLockout({ code: 'account-temporarily-locked', message: '' })).toBe(true);
    expect(isLockout({ code: 'account-locked', message: '' })).toBe(true);
    expect(isLockout({ code: 'invalid-credentials', message: '' })).toBe(false);
  });

  it('counts the minutes left until the lock ends, rounding up', () => {
    expect(minutesLeft(locked({ until: '2026-03-01T08:14:30.000Z' }), now)).toBe(15);
    expect(minutesLeft(locked({ until: '2026-03-01T08:01:00.000Z' }), now)).toBe(1);
  });

  it('says 0 once the end has passed, and nothing when the issue carries no readable end', () => {
    expect(minutesLeft(locked({ until: '2026-03-01T07:59:00.000Z' }), now)).toBe(0);
    expect(minutesLeft(locked(), now)).toBeUndefined();
    expect(minutesLeft(locked({ until: 'soon' }), now)).toBeUndefined();
    expect(minutesLeft(locked({ until: 15 }), now)).toBeUndefined();
  });
});
