import { ethnicGroups } from '#shared/reference-data/ethnic-groups.generated.ts';
import { hanoiCommunes2025 } from '#shared/reference-data/hanoi-communes.generated.ts';
import { vaccineCatalogue } from '#shared/reference-data/vaccine-catalogue.ts';
import type { Address } from '#shared/schemas/address.ts';

const vaccines = new Map(vaccineCatalogue.map((entry) => [entry.code, entry.name]));
const ethnicities = new Map(ethnicGroups.map((group) => [group.code, group.name]));
const communes = new Map(hanoiCommunes2025.map((commune) => [commune.code, commune.name]));

/** The name of a vaccine on the QĐ 831 form; the code itself for a vaccine outside the catalogue. */
export const vaccineName = (code: string): string => vaccines.get(code) ?? code;

export const ethnicityName = (code: string | undefined): string | undefined =>
  code === undefined ? undefined : (ethnicities.get(code) ?? code);

/** A Hà Nội commune's name (2025 scheme); the code for a commune elsewhere or in the older scheme. */
export const communeName = (code: string): string => communes.get(code) ?? code;

/** An address on one line: the detail, then the commune. */
export function addressLine(address: Address | undefined): string | undefined {
  if (address === undefined) return undefined;
  const commune = address.scheme === 'dvhc-2025' ? communeName(address.communeCode) : address.communeCode;
  return [address.detail, commune].filter((part) => part !== undefined && part !== '').join(', ');
}
