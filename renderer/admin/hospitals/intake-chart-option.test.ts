import { describe, expect, it } from 'vitest';
import { dayLabel, intakeDaysOption } from './intake-chart-option.ts';

describe('the same-day chart', () => {
  it('stacks accepted (new and replaced), waiting and refused per day, with the late ones as a line', () => {
    const counts = { received: 0, accepted: 0, replaced: 0, unchanged: 0, review: 0, refused: 0, late: 0 };
    const option = intakeDaysOption(
      {
        from: '2026-12-07',
        to: '2026-12-08',
        silentDays: 3,
        days: [
          { day: '2026-12-07', ...counts, received: 5, accepted: 3, replaced: 1, refused: 1, late: 2 },
          { day: '2026-12-08', ...counts, received: 2, review: 2 },
        ],
        facilities: [],
      },
      { accepted: 'Đã tiếp nhận', review: 'Chờ xác định', refused: 'Bị từ chối', late: 'Gửi muộn' },
    );
    expect(option.xAxis).toMatchObject({ data: ['07/12', '08/12'] });
    expect(option.series).toMatchObject([
      { name: 'Đã tiếp nhận', data: [4, 0] },
      { name: 'Chờ xác định', data: [0, 2] },
      { name: 'Bị từ chối', data: [1, 0] },
      { name: 'Gửi muộn', type: 'line', data: [2, 0] },
    ]);
    expect(dayLabel('2026-01-05')).toBe('05/01');
  });
});
