/**
 * What each role may use in the console, mirroring the server's route guards (the server decides; this only hides
 * what would be refused). A role the console does not know, station staff and interop accounts get nothing.
 */
export const menuKeys = [
  'monitoring',
  'review',
  'duplicates',
  'residents',
  'coding',
  'hospitals',
  'accounts',
  'devices',
  'audit',
] as const;
export type MenuKey = (typeof menuKeys)[number];

export const consoleActions = [
  'stations-list',
  'stations-history',
  'review',
  'duplicates',
  'duplicate-undo',
  'residents',
  'coding',
  'intake-figures',
  'intake-review',
  'accounts-list',
  'account-create',
  'account-lock',
  'account-unlock',
  'account-reset-password',
  'account-close',
  'devices',
  'audit-search',
  'audit-verify',
] as const;
export type ConsoleAction = (typeof consoleActions)[number];

const CITY = 'city-admin';
const DISTRICT = 'district-admin';
const IT = 'it-admin';
const REPORTS = 'report-viewer';

const allowed: Readonly<Record<ConsoleAction, readonly string[]>> = {
  'stations-list': [CITY, DISTRICT, IT],
  // Activity per area is an aggregate: a report viewer may see it where the server allows.
  'stations-history': [CITY, DISTRICT, IT, REPORTS],
  review: [CITY, DISTRICT],
  // Both districts of a cross-district pair review it; only the city undoes a merge.
  duplicates: [CITY, DISTRICT],
  'duplicate-undo': [CITY],
  // One resident by health ID, and the correction of a recorded death.
  residents: [CITY, DISTRICT],
  // Diagnoses written without a code, coded by the district.
  coding: [CITY, DISTRICT],
  // The hospitals' same-day figures are aggregates; the visits kept for review name residents.
  'intake-figures': [CITY, DISTRICT, REPORTS],
  'intake-review': [CITY, DISTRICT],
  'accounts-list': [CITY, DISTRICT, IT],
  'account-create': [CITY, DISTRICT],
  'account-lock': [CITY, DISTRICT, IT],
  'account-unlock': [CITY, DISTRICT],
  'account-reset-password': [CITY, DISTRICT],
  'account-close': [CITY, DISTRICT],
  devices: [CITY, DISTRICT],
  'audit-search': [CITY, DISTRICT],
  'audit-verify': [CITY, IT],
};

/** The actions a menu entry needs one of. */
const menuNeeds: Readonly<Record<MenuKey, readonly ConsoleAction[]>> = {
  monitoring: ['stations-list', 'stations-history'],
  review: ['review'],
  duplicates: ['duplicates'],
  residents: ['residents'],
  coding: ['coding'],
  hospitals: ['intake-figures', 'intake-review'],
  accounts: ['accounts-list'],
  devices: ['devices'],
  audit: ['audit-search', 'audit-verify'],
};

export function can(role: string, action: ConsoleAction): boolean {
  return allowed[action].includes(role);
}

/** The menu entries shown to `role`, in menu order; empty when the console has nothing for it. */
export function menuFor(role: string): readonly MenuKey[] {
  return menuKeys.filter((key) => menuNeeds[key].some((action) => can(role, action)));
}
