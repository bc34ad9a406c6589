import type { IntakeFiguresAnswer } from '#shared/server-api/interop.ts';
import { baseChartOption, vietnameseValueAxis, type ChartOption } from '../charts/chart-option.ts';

/** `dd/mm` of a yyyy-mm-dd day, as an axis label. */
export function dayLabel(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/**
 * The same-day check per day: hồ sơ accepted (new and replaced), kept for review and refused as stacked bars, and
 * those sent late (after the day of discharge) as a line, on one axis of hồ sơ.
 */
export function intakeDaysOption(
  figures: IntakeFiguresAnswer,
  labels: {
    readonly accepted: string;
    readonly review: string;
    readonly refused: string;
    readonly late: string;
  },
): ChartOption {
  return {
    ...baseChartOption,
    grid: { left: 56, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: figures.days.map((d) => dayLabel(d.day)) },
    yAxis: { ...vietnameseValueAxis, minInterval: 1 },
    series: [
      {
        type: 'bar',
        stack: 'hoso',
        name: labels.accepted,
        data: figures.days.map((d) => d.accepted + d.replaced),
      },
      { type: 'bar', stack: 'hoso', name: labels.review, data: figures.days.map((d) => d.review) },
      { type: 'bar', stack: 'hoso', name: labels.refused, data: figures.days.map((d) => d.refused) },
      { type: 'line', name: labels.late, showSymbol: true, data: figures.days.map((d) => d.late) },
    ],
  };
}
