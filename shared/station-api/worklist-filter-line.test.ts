import { describe, expect, it } from 'vitest';
import { worklistFilterLine } from './worklist-filter-line.ts';

describe('worklistFilterLine', () => {
  it('says the filter in Vietnamese, and nothing without one', () => {
    expect(worklistFilterLine({})).toBe('');
    expect(
      worklistFilterLine({
        text: 'kim ma',
        sex: 'female',
        minAgeYears: 1,
        maxAgeYears: 5,
        vaccineCode: 'OPV',
      }),
    ).toBe('“kim ma”, Nữ, từ 1 đến 5 tuổi, vắc xin Bại liệt uống (OPV)');
  });
});
