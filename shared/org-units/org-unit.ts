import type { Validity } from '../reference-data/reference-types.ts';

/**
 * Kinds of organisational unit (DESIGN.md §1, Art. 10). The hierarchy has any depth: the city department of health
 * at the root, area/district health centres under it, commune stations under those; hospitals and clinics hang off
 * the department (or a centre) and see only residents they treated; other units see aggregates only.
 */
export const orgUnitKinds = [
  'city-health-department',
  'health-centre',
  'commune-station',
  'hospital',
  'clinic',
  'other-unit',
] as const;
export type OrgUnitKind = (typeof orgUnitKinds)[number];

/**
 * One organisational unit. `id` is our stable internal identity; external codes (facility code, administrative
 * code) are versioned by `validFrom`/`validTo` because codes get reused with new meanings.
 */
export type OrgUnit = Validity & {
  readonly id: string;
  readonly kind: OrgUnitKind;
  readonly name: string;
  readonly parentId: string | null;
  /** Mã cơ sở KCB (MA_CSKCB), used in account names; absent for units that have none. */
  readonly facilityCode?: string;
  /** For a commune station: the commune it serves, with the administrative scheme the code belongs to. */
  readonly commune?: { readonly code: string; readonly scheme: string };
  /** True when the unit or its placement is illustrative configuration, not an official fact. */
  readonly illustrative?: boolean;
};
