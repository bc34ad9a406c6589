import { describe, expect, it } from 'vitest';
import type { HistoryBucket } from '#shared/server-api/stations.ts';
import { historySeries, stationSeries } from './history-series.ts';

const bucket = (hour: string, areaId: string, patch: Partial<HistoryBucket> = {}): HistoryBucket => ({
  hour,
  areaId,
  areaName: areaId === 'kv-dd' ? 'Trung tâm Y tế Đống Đa' : 'Trung tâm Y tế Ba Đình',
  reports: 2,
  stations: 1,
  pendingChanges: 5,
  maxLagSeconds: 600,
  ...patch,
});

describe('chart series of sync activity and lag per area', () => {
  const window = { from: new Date('2026-03-02T00:10:00.000Z'), to: new Date('2026-03-02T03:59:00.000Z') };

  it('has every hour of the window, zero activity and a lag gap where an area did not report', () => {
    const series = historySeries(
      [bucket('2026-03-02T01:00:00.000Z', 'kv-dd'), bucket('2026-03-02T03:00:00.000Z', 'kv-dd')],
      window,
    );
    expect(series.hours).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T02:00:00.000Z',
      '2026-03-02T03:00:00.000Z',
    ]);
    expect(series.areas).toHaveLength(1);
    expect(series.areas[0]?.reports).toEqual([0, 2, 0, 2]);
    expect(series.areas[0]?.maxLagMinutes).toEqual([null, 10, null, 10]);
  });

  it('orders areas by Vietnamese name, adds up one hour and keeps its largest lag, drops what is outside', () => {
    const series = historySeries(
      [
        bucket('2026-03-02T02:00:00.000Z', 'kv-dd', { maxLagSeconds: 90 }),
        bucket('2026-03-02T02:00:00.000Z', 'kv-dd', { reports: 3, maxLagSeconds: 7200 }),
        bucket('2026-03-02T02:00:00.000Z', 'kv-bd'),
        bucket('2026-03-01T22:00:00.000Z', 'kv-bd', { reports: 99 }),
        bucket('not an hour', 'kv-bd', { reports: 99 }),
      ],
      window,
    );
    expect(series.areas.map((a) => a.areaName)).toEqual(['Trung tâm Y tế Ba Đình', 'Trung tâm Y tế Đống Đa']);
    expect(series.areas[1]?.reports).toEqual([0, 0, 5, 0]);
    expect(series.areas[1]?.maxLagMinutes[2]).toBe(120);
    expect(series.areas[0]?.reports).toEqual([0, 0, 2, 0]);
  });

  it("turns a station's reports into pending changes, oldest pending age and lag since its last sync", () => {
    const series = stationSeries([
      {
        reportedAt: '2026-03-02T02:00:00.000Z',
        pendingChanges: 4,
        oldestPendingAgeSeconds: 1800,
        lastSyncAt: '2026-03-02T01:00:00.000Z',
      },
      {
        reportedAt: '2026-03-02T01:00:00.000Z',
        pendingChanges: 0,
        oldestPendingAgeSeconds: null,
        lastSyncAt: null,
      },
    ]);
    expect(series.times).toEqual(['2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z']);
    expect(series.pendingChanges).toEqual([0, 4]);
    expect(series.oldestPendingMinutes).toEqual([null, 30]);
    expect(series.lagMinutes).toEqual([null, 60]);
  });
});
