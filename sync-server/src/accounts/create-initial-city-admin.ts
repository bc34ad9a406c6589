import { eq, sql } from 'drizzle-orm';
import { unwrap } from '#shared/errors/result.ts';
import { CITY_HEALTH_DEPARTMENT_ID } from '#shared/org-units/hanoi-org-units.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { hanoiCalendarDate } from '#shared/dates/hanoi-calendar-date.ts';
import { DEFAULT_FALLBACK_FACILITY_CODE } from './account-admin-service.ts';
import { loadAccountOrgUnit } from './account-org-unit.ts';
import { insertAccount, type CreatedAccount } from './insert-account.ts';
import type { PasswordHasher } from './password-hasher.ts';

const INITIAL_ADMIN_LOCK = 727_004;

/**
 * First start: when no city-admin account exists yet, creates one on the department of health with a random one-time
 * password that must be changed at first login, and returns it — the only time it exists in clear; the caller
 * prints it once and never logs it. Returns null when a city admin already exists (every later start). Several
 * instances starting together create one admin between them. The org units must be seeded first.
 */
export async function createInitialCityAdmin(options: {
  db: Database;
  audit: AuditLog;
  clock: { now(): Date };
  hasher: PasswordHasher;
  fullName?: string;
  orgUnitId?: string;
  fallbackFacilityCode?: string;
}): Promise<CreatedAccount | null> {
  const orgUnitId = options.orgUnitId ?? CITY_HEALTH_DEPARTMENT_ID;
  return options.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INITIAL_ADMIN_LOCK})`);
    const [existing] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.role, 'city-admin'))
      .limit(1);
    if (existing !== undefined) return null;
    const unit = await loadAccountOrgUnit(tx, orgUnitId, { onDate: hanoiCalendarDate(options.clock.now()) });
    if (unit === undefined) throw new Error(`org unit ${orgUnitId} is missing: seed the org units first`);
    return unwrap(
      await insertAccount(tx, options, {
        fullName: options.fullName ?? 'Quản trị viên',
        role: 'city-admin',
        orgUnitId: unit.id,
        facilityCode: unit.facilityCode ?? options.fallbackFacilityCode ?? DEFAULT_FALLBACK_FACILITY_CODE,
        createdBy: null,
      }),
    );
  });
}
