import { describe, expect, it } from 'vitest';
import { can, menuFor } from './menu-access.ts';

describe('what each role sees in the console', () => {
  it('shows city and district admins every screen', () => {
    expect(menuFor('city-admin')).toEqual(['monitoring', 'review', 'accounts', 'devices', 'audit']);
    expect(menuFor('district-admin')).toEqual(['monitoring', 'review', 'accounts', 'devices', 'audit']);
  });

  it('shows an IT admin monitoring, accounts (list and lock only) and the audit chain check', () => {
    expect(menuFor('it-admin')).toEqual(['monitoring', 'accounts', 'audit']);
    expect(can('it-admin', 'account-lock')).toBe(true);
    expect(can('it-admin', 'account-unlock')).toBe(false);
    expect(can('it-admin', 'account-create')).toBe(false);
    expect(can('it-admin', 'audit-search')).toBe(false);
    expect(can('it-admin', 'audit-verify')).toBe(true);
  });

  it('shows a report viewer aggregates only, and station staff, interop or unknown roles nothing', () => {
    expect(menuFor('report-viewer')).toEqual(['monitoring']);
    expect(can('report-viewer', 'stations-list')).toBe(false);
    for (const role of ['station-staff', 'interop', 'station-device', 'someone-new', ''])
      expect(menuFor(role)).toEqual([]);
  });
});
