import { describe, expect, it } from 'vitest';
import { orgUnitKinds } from '#shared/org-units/org-unit.ts';
import { roles } from '#shared/accounts/roles.ts';
import { accountAdminActions, roleFitsOrgUnit, rolesAllowedTo, userNameKindOf } from './account-roles.ts';

describe('roles and org units', () => {
  it('binds each role only to the kinds of unit the regulation gives it', () => {
    const fits = Object.fromEntries(
      roles.map((role) => [role, orgUnitKinds.filter((k) => roleFitsOrgUnit(role, k))]),
    );
    expect(fits).toEqual({
      'city-admin': ['city-health-department'],
      'district-admin': ['health-centre'],
      'station-staff': ['commune-station'],
      interop: ['hospital', 'clinic'],
      'report-viewer': [...orgUnitKinds],
      'it-admin': ['city-health-department'],
    });
  });

  it('names only interop accounts with _lt_', () => {
    expect(roles.filter((r) => userNameKindOf(r) === 'interop')).toEqual(['interop']);
  });

  it('lets only city and district admins administer accounts, and IT admins only list and lock', () => {
    const allowed = Object.fromEntries(accountAdminActions.map((a) => [a, rolesAllowedTo(a)]));
    expect(allowed).toEqual({
      list: ['city-admin', 'district-admin', 'it-admin'],
      lock: ['city-admin', 'district-admin', 'it-admin'],
      create: ['city-admin', 'district-admin'],
      unlock: ['city-admin', 'district-admin'],
      'reset-password': ['city-admin', 'district-admin'],
      close: ['city-admin', 'district-admin'],
    });
  });
});
