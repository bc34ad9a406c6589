import { describe, expect, it } from 'vitest';
import { can, menuFor } from './menu-access.ts';

describe('what each role sees in the console', () => {
  it('shows city and district admins every screen', () => {
    const every = [
      'monitoring',
      'review',
      'duplicates',
      'residents',
      'coding',
      'hospitals',
      'accounts',
      'devices',
      'audit',
    ];
    expect(menuFor('city-admin')).toEqual(every);
    expect(menuFor('district-admin')).toEqual(every);
  });

  it('lets city and district admins review duplicates, and only a city admin undo a merge', () => {
    expect(can('city-admin', 'duplicates')).toBe(true);
    expect(can('district-admin', 'duplicates')).toBe(true);
    expect(can('city-admin', 'duplicate-undo')).toBe(true);
    expect(can('district-admin', 'duplicate-undo')).toBe(false);
    for (const role of ['it-admin', 'report-viewer', 'station-staff'])
      expect(can(role, 'duplicates'), role).toBe(false);
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
    expect(menuFor('report-viewer')).toEqual(['monitoring', 'hospitals']);
    expect(can('report-viewer', 'intake-figures')).toBe(true);
    expect(can('report-viewer', 'intake-review')).toBe(false);
    expect(can('report-viewer', 'stations-list')).toBe(false);
    for (const role of ['station-staff', 'interop', 'station-device', 'someone-new', ''])
      expect(menuFor(role)).toEqual([]);
  });
});
