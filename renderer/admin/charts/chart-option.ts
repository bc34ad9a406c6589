import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The ECharts options the console's charts use (the parts registered in `EChart.tsx`). */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/**
 * Options every console chart shares. The tooltip is drawn on the canvas (`richText`): ECharts' HTML tooltip writes
 * `style` attributes, which the console's Content-Security-Policy blocks.
 */
export const baseChartOption = {
  animation: false,
  tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
  legend: { type: 'scroll', top: 0 },
  textStyle: { fontFamily: 'inherit' },
} as const satisfies ChartOption;
