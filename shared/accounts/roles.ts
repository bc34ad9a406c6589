/**
 * Roles (Art. 7, 10, 12–14): each account has one, bound to an org unit. Admins act only inside their unit's subtree;
 * station staff replicate their commune; interop accounts (`_lt_`) serve hospitals; report viewers see aggregates only.
 */
export const roles = [
  'city-admin',
  'district-admin',
  'station-staff',
  'interop',
  'report-viewer',
  'it-admin',
] as const;
export type Role = (typeof roles)[number];
