import { describe, expect, it } from 'vitest';
import { areaHistoryOption, hourLabel, stationHistoryOption } from './history-chart-options.ts';

describe('chart options of the monitoring screen', () => {
  it('labels each hour as dd/mm HH:00 in local time', () => {
    expect(hourLabel(new Date(2026, 2, 5, 7, 0).toISOString())).toBe('05/03 07:00');
  });

  it('stacks each area’s reports above and draws its lag below, under one legend name', () => {
    const option = areaHistoryOption(
      {
        hours: [new Date(2026, 2, 5, 7).toISOString(), new Date(2026, 2, 5, 8).toISOString()],
        areas: [
          {
            areaId: 'kv1',
            areaName: 'Khu vực 1',
            reports: [1, 2],
            stations: [1, 1],
            pendingChanges: [0, 0],
            maxLagMinutes: [null, 5],
          },
        ],
      },
      { reports: 'Lượt báo cáo', lag: 'Độ trễ (phút)' },
    );
    expect(option.series).toEqual([
      expect.objectContaining({ type: 'bar', name: 'Khu vực 1', stack: 'reports', data: [1, 2] }),
      expect.objectContaining({ type: 'line', name: 'Khu vực 1', xAxisIndex: 1, data: [null, 5] }),
    ]);
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' });
  });

  it("plots a station's pending changes against its oldest pending age and lag", () => {
    const option = stationHistoryOption(
      {
        times: ['2026-03-05T00:00:00.000Z'],
        pendingChanges: [3],
        oldestPendingMinutes: [12],
        lagMinutes: [null],
      },
      { pending: 'Chờ gửi', oldestPending: 'Cũ nhất', lag: 'Trễ', minutes: 'phút' },
    );
    expect(option.series).toHaveLength(3);
    expect(option.series).toEqual([
      expect.objectContaining({ type: 'bar', data: [3] }),
      expect.objectContaining({ type: 'line', data: [12] }),
      expect.objectContaining({ type: 'line', data: [null] }),
    ]);
  });
});
