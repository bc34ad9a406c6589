import { and, eq, inArray, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '#shared/errors/result.ts';
import { DEVICE_ROLE, type Principal, type PrincipalRole } from '../auth/principal.ts';
import type { DbExecutor } from '../db/database.ts';
import { careRelationships } from '../db/schema/replication.ts';
import { orgUnitSubtreeIds } from '../org-units/org-unit-subtree.ts';
import { replicationIssue, type ReplicationIssueCode } from './wire/replication-issues.ts';
import { rowsOf } from '../db/sql-rows.ts';

/**
 * Roles that replicate person-level records (Art. 10): stations their commune (signed-in staff, or the station's
 * device on its own while nobody is signed in), admins their unit's subtree, hospitals (`interop`) the residents they
 * have treated.
 */
export const replicatingRoles = [
  'station-staff',
  DEVICE_ROLE,
  'district-admin',
  'city-admin',
  'interop',
] as const satisfies readonly PrincipalRole[];

/**
 * What a principal may replicate (DESIGN.md §5 scope). Pull, push and stream all apply it in SQL.
 * - `subtree`: every document whose scope unit lies in the subtree of `rootUnitId` (a station's subtree is the
 *   station itself; a district's, its communes).
 * - `care`: a hospital or clinic (`unitId`) sees the residents it has a care relationship with (it recorded an
 *   encounter or an immunization for them) and all their records, wherever they live. It writes only records it
 *   recorded itself, for residents already on the server; it never edits a resident's own document.
 * Report viewers (aggregates only, Art. 10.8) and IT admins never receive person-level records.
 */
export type ReplicationScope =
  | { readonly kind: 'subtree'; readonly rootUnitId: string }
  | { readonly kind: 'care'; readonly unitId: string };

export function replicationScopeOf(principal: Principal): Result<ReplicationScope, ReplicationIssueCode> {
  if (!(replicatingRoles as readonly PrincipalRole[]).includes(principal.role)) {
    throw new Error(`role ${principal.role} reached a replication route past its role guard`);
  }
  if (principal.role === 'interop') return ok({ kind: 'care', unitId: principal.orgUnitId });
  // Station sync is device-bound (DESIGN.md §6); the device-signature hook sets deviceId on the principal.
  if (
    (principal.role === 'station-staff' || principal.role === DEVICE_ROLE) &&
    principal.deviceId === undefined
  ) {
    return fail(replicationIssue('replication-device-required'));
  }
  return ok({ kind: 'subtree', rootUnitId: principal.orgUnitId });
}

/** The ids of the units in a subtree scope, for checks of single writes; reads filter with the subtree in SQL. */
export async function scopeUnitIds(
  db: DbExecutor,
  scope: Extract<ReplicationScope, { kind: 'subtree' }>,
): Promise<ReadonlySet<string>> {
  const rows = rowsOf(await db.execute(sql`${orgUnitSubtreeIds(scope.rootUnitId)}`));
  return new Set(rows.map((row) => String(row['id'])));
}

/** The persons among `personIds` that `unitId` has a care relationship with. */
export async function caredForPersons(
  db: DbExecutor,
  unitId: string,
  personIds: readonly string[],
): Promise<ReadonlySet<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .select({ personId: careRelationships.personId })
    .from(careRelationships)
    .where(
      and(eq(careRelationships.unitId, unitId), inArray(careRelationships.personId, [...new Set(personIds)])),
    );
  return new Set(rows.map((row) => row.personId));
}
