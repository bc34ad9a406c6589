import { describe, expect, it } from 'vitest';
import { baseChartOption, chartNumber, vietnameseValueAxis } from './chart-option.ts';

describe('chart numbers', () => {
  it('writes thousands with a dot and decimals with a comma, in axes and tooltips alike', () => {
    expect([1914, 2.5, 0, 12_345.67].map(chartNumber)).toEqual(['1.914', '2,5', '0', '12.345,7']);
    expect(vietnameseValueAxis.axisLabel.formatter).toBe(chartNumber);
    expect(baseChartOption.tooltip.valueFormatter).toBe(chartNumber);
  });
});
