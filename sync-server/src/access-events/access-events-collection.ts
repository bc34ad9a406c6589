import { and, eq, inArray, sql } from 'drizzle-orm';
import { normalizeLoginName } from '#shared/accounts/user-name.ts';
import { deepEqual } from '#shared/merge/deep-equal.ts';
import { mergeResult } from '#shared/merge/merge-decision.ts';
import type { AccessEventDocument } from '#shared/schemas/access-event-document.ts';
import { SCHEDULED_BACKUP_USER_NAME, UNKNOWN_USER_NAME } from '#shared/schemas/access-event-user-names.ts';
import { serviceCollections } from '#shared/schemas/service-collections.ts';
import { lockAuditChain, type AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Transaction } from '../db/database.ts';
import { accounts } from '../db/schema/accounts.ts';
import { evictions } from '../db/schema/replication.ts';
import { rowsOf } from '../db/sql-rows.ts';
import type { QuarantineReason } from '../replication/push/quarantine-reason.ts';
import {
  defineReplicatedCollection,
  type ReplicatedCollection,
} from '../replication/replicated-collection.ts';
import { scopeUnitIds } from '../replication/replication-scope.ts';
import { EVICTED_AT } from '../replication/server-written-collection.ts';

/**
 * `access-events`: each device writes what happened on it (logins, reads of a person's record, backups); once
 * accepted, an event is appended to the audit log in the same transaction and never changes, and a sign-in counts as
 * use of the account (`creditSignIn`). An event names only an
 * account of the device's own unit (or the station's names for a scheduled backup and an unknown name tried at
 * sign-in), and only a person in the device's scope (now, or before they moved away; or not on the server yet,
 * registered offline): otherwise it is quarantined (`access-event-account-unknown`,
 * `access-event-person-out-of-scope`), so a device cannot credit another unit's staff or resident.
 */
export function accessEventsCollection(deps: { readonly audit: AuditLog }): ReplicatedCollection {
  const events = serviceCollections['access-events'];
  return defineReplicatedCollection<AccessEventDocument>({
    name: events.name,
    primaryKey: 'id',
    clientFields: Object.keys(events.schema.properties),
    schemaVersion: events.schema.version,
    validate: events.validate,
    // Written once by the device that saw it: the stored event stands.
    merge: (_base, _ours, theirs) => mergeResult(theirs, []),
    scope: { kind: 'unit', unitOf: (event) => event.orgUnitId },
    deletion: 'refused',
    writableBy: (event, pusher) => pusher.deviceId === event.deviceId && pusher.orgUnitId === event.orgUnitId,
    refuseUpdate: (master, next) =>
      master.deleted || next.deleted || !deepEqual(master.doc, next.doc)
        ? 'append-only-record-changed'
        : undefined,
    async checkWrites(tx, writes, pusher) {
      const refusalOf = await accessEventRefusals(
        tx,
        writes.map((write) => write.doc),
        pusher.principal,
      );
      const refused = new Map<string, QuarantineReason>();
      for (const { id, doc } of writes) {
        const reason = refusalOf(doc);
        if (reason !== undefined) refused.set(id, reason);
      }
      return refused;
    },
    async onAccepted(tx, accepted) {
      // Two concurrent pushes of the same new event (a retry while the first is still running) both accept it, as
      // neither could lock a row that did not exist yet. The chain's lock orders them: the second waits here until
      // the first commits, then finds its stored event (written after this hook) and appends no second entry.
      await lockAuditChain(tx);
      const stored = new Set(
        rowsOf(
          await tx.execute(
            sql`select id from documents where collection = ${events.name} and id in (${sql.join(
              accepted.map((event) => sql`${event.id}`),
              sql`, `,
            )})`,
          ),
        ).map((row) => String(row['id'])),
      );
      for (const event of accepted) {
        if (stored.has(event.id)) continue;
        if (event.action === 'login') await creditSignIn(tx, event);
        await deps.audit.append(tx, {
          action: event.action,
          actorDeviceId: event.deviceId,
          ...(event.personId === undefined ? {} : { targetType: 'person', targetId: event.personId }),
          orgUnitId: event.orgUnitId,
          detail: {
            source: 'station',
            eventId: event.id,
            // An unknown name tried at sign-in is recorded as such, never as text (it may be a password).
            ...(event.userName === UNKNOWN_USER_NAME
              ? { unknownUserName: true }
              : { userName: event.userName }),
            ...(event.worklist === undefined ? {} : { worklist: event.worklist }),
            ...(event.rows === undefined ? {} : { rows: event.rows }),
            occurredAt: event.occurredAt,
          },
        });
      }
      return [];
    },
    evictionTombstone: (id) => ({
      id,
      orgUnitId: 'evicted',
      deviceId: 'evicted',
      action: 'login',
      userName: 'evicted',
      occurredAt: EVICTED_AT,
    }),
  });
}

/**
 * A sign-in at a station, online or offline (Art. 7.3d), counts as use of the account when it arrives: its last login
 * moves to when it happened — never later than now, whatever the device's clock said, and never backwards — so a
 * person who only ever signs in offline is not locked for inactivity once their station syncs.
 */
async function creditSignIn(tx: Transaction, event: AccessEventDocument): Promise<void> {
  if (event.userName === UNKNOWN_USER_NAME || event.userName === SCHEDULED_BACKUP_USER_NAME) return;
  const at = sql`least(${event.occurredAt}::timestamptz, now())`;
  await tx
    .update(accounts)
    .set({ lastLoginAt: sql`greatest(coalesce(${accounts.lastLoginAt}, ${at}), ${at})` })
    .where(
      and(eq(accounts.loginKey, normalizeLoginName(event.userName)), eq(accounts.orgUnitId, event.orgUnitId)),
    );
}

/**
 * Whom the access events of one device push may name: accounts of the device's unit (by login key, as typed at a
 * failed sign-in), the station's own names, and persons in the device's scope now, evicted from it since (the read
 * happened before the move), or not on the server at all (registered offline, their own push still on its way).
 */
async function accessEventRefusals(
  tx: Transaction,
  events: readonly AccessEventDocument[],
  pusher: Principal,
): Promise<(event: AccessEventDocument) => QuarantineReason | undefined> {
  const named = [...new Set(events.map((event) => normalizeLoginName(event.userName)))];
  const ownStaff = new Set(
    named.length === 0
      ? []
      : (
          await tx
            .select({ loginKey: accounts.loginKey })
            .from(accounts)
            .where(and(eq(accounts.orgUnitId, pusher.orgUnitId), inArray(accounts.loginKey, named)))
        ).map((account) => account.loginKey),
  );
  const personIds = [
    ...new Set(events.flatMap((event) => (event.personId === undefined ? [] : [event.personId]))),
  ];
  const elsewhere = new Set<string>();
  if (personIds.length > 0) {
    const units = await scopeUnitIds(tx, { kind: 'subtree', rootUnitId: pusher.orgUnitId });
    const stored = rowsOf(
      await tx.execute(
        sql`select id, scope_unit_id from documents where collection = 'persons' and id in (${sql.join(
          personIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      ),
    );
    const outside = stored
      .filter((row) => !units.has(String(row['scope_unit_id'])))
      .map((row) => String(row['id']));
    const leftScope =
      outside.length === 0
        ? []
        : await tx
            .select({ id: evictions.id })
            .from(evictions)
            .where(
              and(
                eq(evictions.collection, 'persons'),
                inArray(evictions.id, outside),
                inArray(evictions.scopeUnitId, [...units]),
              ),
            );
    const wasHere = new Set(leftScope.map((row) => row.id));
    for (const id of outside) if (!wasHere.has(id)) elsewhere.add(id);
  }
  const stationName = (event: AccessEventDocument) =>
    (event.action === 'backup' && event.userName === SCHEDULED_BACKUP_USER_NAME) ||
    (event.action === 'login-failed' && event.userName === UNKNOWN_USER_NAME);
  return (event) => {
    if (!stationName(event) && !ownStaff.has(normalizeLoginName(event.userName))) {
      return 'access-event-account-unknown';
    }
    if (event.personId !== undefined && elsewhere.has(event.personId))
      return 'access-event-person-out-of-scope';
    return undefined;
  };
}
