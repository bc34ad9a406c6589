import type { OrgUnit, OrgUnitKind } from '#shared/org-units/org-unit.ts';
import type { ArgsOf } from '../api/admin-api.ts';

/** The roles an account can have, in the order the console offers them. */
export const accountRoles = [
  'station-staff',
  'district-admin',
  'city-admin',
  'it-admin',
  'interop',
  'report-viewer',
] as const;
export type AccountRole = (typeof accountRoles)[number];

/** The kinds of unit each role may be bound to (the server's rule, Art. 10, 12–14; it checks again). */
const unitKindsOfRole: Readonly<Record<AccountRole, readonly OrgUnitKind[]>> = {
  'station-staff': ['commune-station'],
  'district-admin': ['health-centre'],
  'city-admin': ['city-health-department'],
  'it-admin': ['city-health-department'],
  interop: ['hospital', 'clinic'],
  'report-viewer': [
    'city-health-department',
    'health-centre',
    'commune-station',
    'hospital',
    'clinic',
    'other-unit',
  ],
};

/** The units (from `units`, the admin's scope) an account of `role` may belong to. */
export function unitsForRole(role: AccountRole, units: readonly OrgUnit[]): readonly OrgUnit[] {
  return units.filter((unit) => unitKindsOfRole[role].includes(unit.kind));
}

/** The roles the admin can create somewhere in their scope. */
export function rolesWithin(units: readonly OrgUnit[]): readonly AccountRole[] {
  return accountRoles.filter((role) => unitsForRole(role, units).length > 0);
}

export const accountTabs = ['all', 'inactivity', 'requests'] as const;
export type AccountTab = (typeof accountTabs)[number];

export type AccountFilters = {
  readonly orgUnitId?: string | undefined;
  readonly role?: string | undefined;
  readonly status?: 'active' | 'locked' | 'closed' | undefined;
};

/**
 * The list query of a tab: every account by the filters; the inactivity-locked list (Art. 7.3d) and the users' own
 * lock requests (Art. 23) are locked accounts by the reason of the lock, whatever the status filter says.
 */
export function accountQueryOf(tab: AccountTab, filters: AccountFilters): ArgsOf<'accounts.list'> {
  const common = { orgUnitId: filters.orgUnitId, role: filters.role, limit: 200 };
  switch (tab) {
    case 'all':
      return { ...common, status: filters.status };
    case 'inactivity':
      return { ...common, status: 'locked', statusReason: 'inactivity' };
    case 'requests':
      return { ...common, status: 'locked', statusReason: 'self-request' };
  }
}
