import { and, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.ts';
import type { Transaction } from '../../db/database.ts';
import { accounts } from '../../db/schema/accounts.ts';
import { inOrgUnitSubtree } from '../../org-units/org-unit-subtree.ts';
import type { ParsedPushRow } from './push-row.ts';
import type { ReplicationScope } from '../replication-scope.ts';

/**
 * Which `updatedBy` a push may carry (Art. 9: users answer for their updates). Always the pusher's own account, or
 * none (a write made by no person). Beyond that:
 * - a station device writes for the staff of its own station, signed in on it online or offline: any account of the
 *   device's org unit, whatever its status now (an offline write may predate a lock);
 * - an admin re-applying a refused write from the quarantine may keep the credit of its author (`alsoCredit`), when
 *   that account lies inside the admin's subtree;
 * - otherwise an account without a device (admin, hospital) writes only as itself.
 * Anything else is quarantined as `author-unknown`, never credited to someone else.
 */
export async function pushAuthors(
  tx: Transaction,
  pusher: {
    readonly principal: Principal;
    readonly scope: ReplicationScope;
    readonly alsoCredit?: string | undefined;
  },
  rows: readonly ParsedPushRow[],
): Promise<(updatedBy: unknown) => boolean> {
  const { principal, scope, alsoCredit } = pusher;
  const named = rows.flatMap((row) => {
    const author = row.ours.ok ? row.ours.value.doc['updatedBy'] : undefined;
    return typeof author === 'string' && author !== principal.userName ? [author] : [];
  });
  const known = new Set<string>([principal.userName]);
  const device = principal.deviceId !== undefined;
  const others = new Set(device ? named : named.filter((author) => author === alsoCredit));
  const where = device
    ? eq(accounts.orgUnitId, principal.orgUnitId)
    : scope.kind === 'subtree'
      ? inOrgUnitSubtree(accounts.orgUnitId, principal.orgUnitId)
      : undefined;
  if (others.size > 0 && where !== undefined) {
    const found = await tx
      .select({ userName: accounts.userName })
      .from(accounts)
      .where(and(where, inArray(accounts.userName, [...others])));
    for (const account of found) known.add(account.userName);
  }
  return (updatedBy) => updatedBy === undefined || (typeof updatedBy === 'string' && known.has(updatedBy));
}
