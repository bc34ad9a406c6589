import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The ECharts options the console's charts use (the parts registered in `EChart.tsx`). */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A number as Vietnamese readers write it (`1.914`, `2,5`); ECharts' own formatting would write `1,914`. */
export function chartNumber(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  // A gap in a series (null, '-') is shown as nothing.
  return typeof value === 'string' ? value : '';
}

/** A value axis whose labels are written as Vietnamese numbers. */
export const vietnameseValueAxis = { type: 'value', axisLabel: { formatter: chartNumber } } as const;

/**
 * Options every console chart shares. The tooltip is drawn on the canvas (`richText`): ECharts' HTML tooltip writes
 * `style` attributes, which the console's Content-Security-Policy blocks. Its values are Vietnamese numbers.
 */
export const baseChartOption = {
  animation: false,
  tooltip: { trigger: 'axis', renderMode: 'richText', confine: true, valueFormatter: chartNumber },
  legend: { type: 'scroll', top: 0 },
  textStyle: { fontFamily: 'inherit' },
} as const satisfies ChartOption;
