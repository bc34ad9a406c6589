import type { UserNameKind } from '#shared/accounts/user-name.ts';
import { orgUnitKinds, type OrgUnitKind } from '#shared/org-units/org-unit.ts';
import type { Role } from '#shared/accounts/roles.ts';

/**
 * Which kinds of org unit each role may be bound to (Art. 10, 12–14): station staff work at a commune station,
 * interop (`_lt_`) accounts belong to a hospital or clinic, district admins to a health centre, city and IT admins
 * to the department of health. A report viewer sees aggregates of its unit's subtree, so any unit may hold one.
 */
const unitKindsOfRole: Readonly<Record<Role, readonly OrgUnitKind[]>> = {
  'city-admin': ['city-health-department'],
  'it-admin': ['city-health-department'],
  'district-admin': ['health-centre'],
  'station-staff': ['commune-station'],
  interop: ['hospital', 'clinic'],
  'report-viewer': orgUnitKinds,
};

/** The Vietnamese rule shown when a role does not fit a unit. */
export const roleUnitRule: Readonly<Record<Role, string>> = {
  'city-admin': 'tài khoản quản trị thành phố chỉ gán cho Sở Y tế',
  'it-admin': 'tài khoản quản trị CNTT chỉ gán cho Sở Y tế',
  'district-admin': 'tài khoản quản trị khu vực chỉ gán cho trung tâm y tế',
  'station-staff': 'tài khoản nhân viên trạm chỉ gán cho trạm y tế xã, phường',
  interop: 'tài khoản liên thông chỉ gán cho bệnh viện hoặc phòng khám',
  'report-viewer': 'tài khoản xem báo cáo gán được cho mọi đơn vị',
};

export function roleFitsOrgUnit(role: Role, kind: string): boolean {
  return (unitKindsOfRole[role] as readonly string[]).includes(kind);
}

/** Interop accounts are named `{facility}_lt_{…}` (Art. 7.1); every other role is a data-entry/admin name. */
export function userNameKindOf(role: Role): UserNameKind {
  return role === 'interop' ? 'interop' : 'staff';
}

export const accountAdminActions = ['list', 'create', 'lock', 'unlock', 'reset-password', 'close'] as const;
export type AccountAdminAction = (typeof accountAdminActions)[number];

/**
 * Who may manage accounts, always only inside the subtree of their own org unit (Art. 7.3a, 12, 13). City admins
 * (on the department: the whole city) and district admins (their health centre's subtree) do everything. IT admins
 * are not the issuing unit (Art. 7.1, 7.3c: accounts are issued, reset and revoked by the Department of Health and
 * the unit heads), so they may only list accounts and lock one city-wide, to contain a security incident (Art. 22);
 * unlocking, resets and closing stay with the issuing admins. Station staff, interop and report viewers manage nothing.
 */
const rolesAllowed: Readonly<Record<AccountAdminAction, readonly Role[]>> = {
  list: ['city-admin', 'district-admin', 'it-admin'],
  lock: ['city-admin', 'district-admin', 'it-admin'],
  create: ['city-admin', 'district-admin'],
  unlock: ['city-admin', 'district-admin'],
  'reset-password': ['city-admin', 'district-admin'],
  close: ['city-admin', 'district-admin'],
};

export function rolesAllowedTo(action: AccountAdminAction): readonly Role[] {
  return rolesAllowed[action];
}
