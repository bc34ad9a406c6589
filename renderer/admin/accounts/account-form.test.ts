import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '#shared/org-units/org-unit.ts';
import { accountQueryOf, rolesWithin, unitsForRole } from './account-form.ts';

const unit = (id: string, kind: OrgUnit['kind']): OrgUnit => ({
  id,
  kind,
  name: id,
  parentId: null,
  validFrom: null,
  validTo: null,
});
const district = [
  unit('ttyt-1', 'health-centre'),
  unit('tyt-1', 'commune-station'),
  unit('tyt-2', 'commune-station'),
];

describe('the account form and lists', () => {
  it('offers only the units a role fits, inside the admin’s scope', () => {
    expect(unitsForRole('station-staff', district).map((u) => u.id)).toEqual(['tyt-1', 'tyt-2']);
    expect(unitsForRole('district-admin', district).map((u) => u.id)).toEqual(['ttyt-1']);
    expect(unitsForRole('report-viewer', district)).toHaveLength(3);
    expect(unitsForRole('city-admin', district)).toEqual([]);
  });

  it('offers a district admin the roles its subtree can hold', () => {
    expect(rolesWithin(district)).toEqual(['station-staff', 'district-admin', 'report-viewer']);
  });

  it('asks for locked accounts by reason in the inactivity and lock-request lists', () => {
    expect(accountQueryOf('all', { status: 'active', role: 'station-staff' })).toEqual({
      orgUnitId: undefined,
      role: 'station-staff',
      status: 'active',
      limit: 200,
    });
    expect(accountQueryOf('inactivity', { status: 'active', orgUnitId: 'tyt-1' })).toMatchObject({
      orgUnitId: 'tyt-1',
      status: 'locked',
      statusReason: 'inactivity',
    });
    expect(accountQueryOf('requests', {})).toMatchObject({ status: 'locked', statusReason: 'self-request' });
  });
});
