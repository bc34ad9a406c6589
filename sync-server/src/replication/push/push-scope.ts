import type { Principal } from '../../auth/principal.ts';
import type { Transaction } from '../../db/database.ts';
import type { PushRowContext } from './push-row.ts';
import type { ReplicatedCollection, ReplicatedDocument } from '../replicated-collection.ts';
import { caredForPersons, scopeUnitIds, type ReplicationScope } from '../replication-scope.ts';

/**
 * The scope checks of one push, with the collection's own `writableBy` rule on top (`PushRowContext.canSee` / `canWrite`), read inside its transaction after the
 * persons were locked. `personIds`: every person the pushed rows and their stored masters belong to;
 * `personScopes`: the locked persons that exist on the server.
 *
 * - subtree: a master is visible and a write allowed when its scope unit lies in the subtree.
 * - care: a master is visible when the unit cares for its person, or recorded it itself; a write is allowed only for
 *   a record the unit recorded itself (`recordedUnitOf`), for a person on the server whom the unit already cares
 *   for. A care relationship starts only from evidence the server checks (an approval of the refused write, see
 *   `planCareGrants`), never from the unit's own claim: a record for a person the unit does not care for yet is
 *   quarantined as `care-relationship-missing`, and the answer reveals nothing of the person.
 */
export async function pushScopeChecks(
  tx: Transaction,
  pusher: { readonly principal: Principal; readonly scope: ReplicationScope },
  collection: ReplicatedCollection,
  personIds: readonly string[],
  personScopes: ReadonlyMap<string, string>,
): Promise<Pick<PushRowContext, 'canSee' | 'canWrite' | 'refusalOf'>> {
  const { scope, principal } = pusher;
  const writable = (doc: ReplicatedDocument) => collection.writableBy?.(doc, principal) ?? true;
  if (scope.kind === 'subtree') {
    const units = await scopeUnitIds(tx, scope);
    return {
      canSee: (master) => units.has(master.scopeUnitId),
      canWrite: (doc, placement) => units.has(placement.scopeUnitId) && writable(doc),
    };
  }
  const cared = await caredForPersons(tx, scope.unitId, personIds);
  const rule = collection.scope;
  const recordedHere = (doc: Readonly<Record<string, unknown>>) =>
    rule.kind === 'person-record' && rule.recordedUnitOf(doc) === scope.unitId;
  const ownRecordOfKnownPerson = (doc: ReplicatedDocument, personId: string | null) =>
    recordedHere(doc) && personId !== null && personScopes.has(personId) && writable(doc);
  return {
    canSee: (master) => (master.personId !== null && cared.has(master.personId)) || recordedHere(master.doc),
    canWrite: (doc, placement) =>
      ownRecordOfKnownPerson(doc, placement.personId) &&
      placement.personId !== null &&
      cared.has(placement.personId),
    refusalOf: (doc, placement) =>
      ownRecordOfKnownPerson(doc, placement.personId) ? 'care-relationship-missing' : 'out-of-scope',
  };
}
