/**
 * Shapes of shipped reference data. Code lists are data with validity dates, never TypeScript enums: codes get
 * reused with new meanings (the 2025 reform gave commune 00070 a new name), so a code alone is not an identity;
 * (code, scheme, validity) is. `validFrom`/`validTo` are inclusive ISO dates; `null` means open-ended or unknown.
 */
export type Validity = {
  readonly validFrom: string | null;
  readonly validTo: string | null;
};

export type CodeListEntry = Validity & {
  readonly code: string;
  readonly name: string;
};

/** Version of the administrative-unit code table an address was coded in. */
export const adminSchemes = ['dvhc-2004', 'dvhc-2025'] as const;
export type AdminScheme = (typeof adminSchemes)[number];

export type Province = CodeListEntry & { readonly scheme: string };

export type AdministrativeUnit = CodeListEntry & {
  readonly kind: string;
  readonly scheme: string;
};

/** True when the entry is valid on the ISO date `onDate` (yyyy-mm-dd). */
export function isValidOn(entry: Validity, onDate: string): boolean {
  return (
    (entry.validFrom === null || entry.validFrom <= onDate) &&
    (entry.validTo === null || onDate <= entry.validTo)
  );
}
