import { sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../../shared/errors/result.ts';
import type { Principal, Role } from '../auth/principal.ts';
import type { DbExecutor } from '../db/database.ts';
import { orgUnitSubtreeIds } from '../org-units/org-unit-subtree.ts';
import { replicationIssue, type ReplicationIssueCode } from './replication-issues.ts';
import { rowsOf } from './sql-rows.ts';

/** Roles that replicate person-level records (Art. 10): stations their commune, admins their unit's subtree. */
export const replicatingRoles = [
  'station-staff',
  'district-admin',
  'city-admin',
] as const satisfies readonly Role[];

/**
 * What a principal may replicate: every document whose scope unit lies in the subtree of `rootUnitId` (a station's
 * subtree is the station itself). Pull, push and stream all filter by this subtree in SQL.
 *
 * Hospitals (`interop`) would see the residents they have encounters for; that scope needs the recording unit of
 * encounters as a routing column and is not replicated yet (TODO issue 3): they are refused rather than over-served.
 * Report viewers (aggregates only, Art. 10.8) and IT admins never receive person-level records.
 */
export type ReplicationScope = { readonly rootUnitId: string };

export function replicationScopeOf(principal: Principal): Result<ReplicationScope, ReplicationIssueCode> {
  if (principal.role === 'interop') return fail(replicationIssue('replication-scope-unavailable'));
  if (!(replicatingRoles as readonly Role[]).includes(principal.role)) {
    throw new Error(`role ${principal.role} reached a replication route past its role guard`);
  }
  // Station sync is device-bound (DESIGN.md §6); the device-signature hook sets deviceId on the principal.
  if (principal.role === 'station-staff' && principal.deviceId === undefined) {
    return fail(replicationIssue('replication-device-required'));
  }
  return ok({ rootUnitId: principal.orgUnitId });
}

/** The ids of the units in a scope, for checks of single writes; reads filter with the subtree in SQL instead. */
export async function scopeUnitIds(db: DbExecutor, scope: ReplicationScope): Promise<ReadonlySet<string>> {
  const rows = rowsOf(await db.execute(sql`${orgUnitSubtreeIds(scope.rootUnitId)}`));
  return new Set(rows.map((row) => String(row['id'])));
}
