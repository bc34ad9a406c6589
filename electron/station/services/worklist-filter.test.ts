import { describe, expect, it } from 'vitest';
import type { PartialDate } from '#shared/dates/partial-date.ts';
import type { DueResidentSummary } from '#shared/station-api/station-api.ts';
import { filterWorklist } from './worklist-filter.ts';

const row = (
  fullName: string,
  dateOfBirth: string,
  sex: 'male' | 'female',
  due: DueResidentSummary['due'] = [],
  address?: string,
): DueResidentSummary => ({
  id: fullName,
  healthId: `01${String(fullName.length).padStart(8, '0')}`,
  fullName,
  dateOfBirth: dateOfBirth as PartialDate,
  sex,
  status: 'active',
  ...(address === undefined ? {} : { address }),
  due,
});

const TODAY = '2026-12-07';
const an = row('Nguyễn Văn An', '1963-04-02', 'male', [], 'Tổ 5, Kim Mã');
const binh = row('Trần Thị Bình', '2025-08-01', 'female', [
  { vaccineCode: 'MEASLES', dose: 1, dueDate: '2026-05-01' },
]);
const chi = row('Lê Minh Chi', '2026-01-10', 'female', [
  { vaccineCode: 'OPV', dose: 1, dueDate: '2026-11-10' },
]);
const dung = row('Phạm Dũng', '1990', 'male');
const rows = [an, binh, chi, dung];
const names = (list: readonly { fullName: string }[]) => list.map((r) => r.fullName);

describe('filterWorklist', () => {
  it('keeps the name order and everyone without a filter', () => {
    expect(names(filterWorklist(rows, {}, 'name', TODAY))).toEqual(names(rows));
  });

  it('finds words of the name or address in any order, without diacritics', () => {
    expect(names(filterWorklist(rows, { text: 'an nguyen' }, 'name', TODAY))).toEqual(['Nguyễn Văn An']);
    expect(names(filterWorklist(rows, { text: 'kim ma' }, 'name', TODAY))).toEqual(['Nguyễn Văn An']);
    expect(filterWorklist(rows, { text: 'xyz' }, 'name', TODAY)).toEqual([]);
  });

  it('filters by sex, by an age range any partial birth date may meet, and by a vaccine due', () => {
    expect(names(filterWorklist(rows, { sex: 'female' }, 'name', TODAY))).toEqual([
      'Trần Thị Bình',
      'Lê Minh Chi',
    ]);
    // Born "1990": 35 or 36 on 07/12/2026, so a range from 36 still holds him.
    expect(names(filterWorklist(rows, { minAgeYears: 36, maxAgeYears: 60 }, 'name', TODAY))).toEqual([
      'Phạm Dũng',
    ]);
    expect(names(filterWorklist(rows, { maxAgeYears: 0 }, 'name', TODAY))).toEqual(['Lê Minh Chi']);
    expect(names(filterWorklist(rows, { vaccineCode: 'OPV' }, 'name', TODAY))).toEqual(['Lê Minh Chi']);
  });

  it('sorts by age either way and by the longest overdue first', () => {
    expect(names(filterWorklist(rows, {}, 'age-ascending', TODAY))).toEqual([
      'Lê Minh Chi',
      'Trần Thị Bình',
      'Phạm Dũng',
      'Nguyễn Văn An',
    ]);
    expect(names(filterWorklist(rows, {}, 'age-descending', TODAY))[0]).toBe('Nguyễn Văn An');
    expect(names(filterWorklist([an, chi, binh], {}, 'most-overdue', TODAY))).toEqual([
      'Trần Thị Bình',
      'Lê Minh Chi',
      'Nguyễn Văn An',
    ]);
  });
});
