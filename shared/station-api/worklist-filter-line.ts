import { vaccineCatalogue } from '../reference-data/vaccine-catalogue.ts';
import type { WorklistFilter } from './station-api.ts';

const vaccineNames = new Map(vaccineCatalogue.map((v) => [v.code, v.name]));

/** The filter in words for the head of a printed or exported list; empty when nothing is filtered. */
export function worklistFilterLine(filter: WorklistFilter): string {
  const { text, sex, minAgeYears: from, maxAgeYears: to, vaccineCode } = filter;
  const ages =
    from !== undefined && to !== undefined
      ? `từ ${String(from)} đến ${String(to)} tuổi`
      : from !== undefined
        ? `từ ${String(from)} tuổi`
        : to !== undefined
          ? `đến ${String(to)} tuổi`
          : undefined;
  return [
    text === undefined || text === '' ? undefined : `“${text}”`,
    sex === undefined ? undefined : sex === 'male' ? 'Nam' : 'Nữ',
    ages,
    vaccineCode === undefined ? undefined : `vắc xin ${vaccineNames.get(vaccineCode) ?? vaccineCode}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
}
