import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { formatDateTime } from '../../common/format/format-date.ts';
import { baseChartOption, vietnameseValueAxis, type ChartOption } from '../charts/chart-option.ts';
import type { HistorySeries, StationSeries } from './history-series.ts';

/** `dd/mm HH:00` in local time: the hour a bucket starts, as an axis label. */
export function hourLabel(iso: string): string {
  const text = formatDateTime(iso);
  return `${text.slice(0, 5)} ${text.slice(11, 13)}:00`;
}

/**
 * Activity and lag per area in one chart: reports received per hour (stacked bars, above) and the largest sync lag
 * in minutes (lines, below), on one time axis. An area's bars and line share its name, so the legend shows or hides
 * both.
 */
export function areaHistoryOption(
  series: HistorySeries,
  labels: { readonly reports: string; readonly lag: string },
): ChartOption {
  const hours = series.hours.map(hourLabel);
  return {
    ...baseChartOption,
    grid: [
      { left: 56, right: 24, top: 40, height: '34%' },
      { left: 56, right: 24, top: '58%', bottom: 32 },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: hours, axisLabel: { show: false } },
      { type: 'category', gridIndex: 1, data: hours },
    ],
    yAxis: [
      { ...vietnameseValueAxis, gridIndex: 0, name: labels.reports, minInterval: 1 },
      { ...vietnameseValueAxis, gridIndex: 1, name: labels.lag },
    ],
    series: [
      ...series.areas.map((area): BarSeriesOption => ({
        type: 'bar',
        name: area.areaName,
        stack: 'reports',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: [...area.reports],
      })),
      ...series.areas.map((area): LineSeriesOption => ({
        type: 'line',
        name: area.areaName,
        xAxisIndex: 1,
        yAxisIndex: 1,
        // An hour with reports between hours without any is a lone point: draw it.
        showSymbol: true,
        symbolSize: 6,
        connectNulls: false,
        data: [...area.maxLagMinutes],
      })),
    ],
  };
}

/** One station's history: pending changes (bars, left axis), oldest pending age and lag since last sync (lines). */
export function stationHistoryOption(
  series: StationSeries,
  labels: {
    readonly pending: string;
    readonly oldestPending: string;
    readonly lag: string;
    readonly minutes: string;
  },
): ChartOption {
  return {
    ...baseChartOption,
    grid: { left: 56, right: 56, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: series.times.map(formatDateTime) },
    yAxis: [
      { ...vietnameseValueAxis, name: labels.pending, minInterval: 1 },
      { ...vietnameseValueAxis, name: labels.minutes },
    ],
    series: [
      { type: 'bar', name: labels.pending, yAxisIndex: 0, data: [...series.pendingChanges] },
      { type: 'line', name: labels.oldestPending, yAxisIndex: 1, data: [...series.oldestPendingMinutes] },
      { type: 'line', name: labels.lag, yAxisIndex: 1, data: [...series.lagMinutes] },
    ],
  };
}
