import { describe, expect, it } from 'vitest';
import { birthDateAfterToday } from './birth-date-after-today.ts';

describe('birthDateAfterToday', () => {
  it('compares at the birth date’s own precision and explains in dd/mm/yyyy', () => {
    expect(birthDateAfterToday('2026-12-21', '2026-12-07', 'dateOfBirth')).toMatchObject({
      code: 'date-of-birth-in-future',
      path: 'dateOfBirth',
      message: 'Ngày sinh 21/12/2026 ở sau hôm nay (07/12/2026). Kiểm tra lại ngày sinh.',
    });
    expect(birthDateAfterToday('2027', '2026-12-07')?.message).toContain('Ngày sinh 2027 ');
    for (const born of ['2026-12-07', '2026-12', '2026', '1990-03-21', ''])
      expect(birthDateAfterToday(born, '2026-12-07'), born).toBeUndefined();
  });
});
