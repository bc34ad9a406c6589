import { provinces } from '../reference-data/provinces.generated.ts';

// Every code of every scheme stays known forever: identifiers issued before the 2025 reform keep their prefix.
const knownCodes: ReadonlySet<string> = new Set(provinces.map((p) => p.code));

/** True when `code` is a 2-digit GSO province code of any scheme (the 63 legacy codes or the 34 of 2025). */
export function isKnownProvinceCode(code: string): boolean {
  return knownCodes.has(code);
}
