import { schemas } from 'rxdb/plugins/test-utils';
import { z } from 'zod';
import { mergeDecision, mergeResult } from '#shared/merge/merge-decision.ts';
import { validateDocument } from '#shared/schemas/validate-document.ts';
import { defineReplicatedCollection, type ReplicatedCollection } from './replicated-collection.ts';

/** RxDB's `human` test document (rxdb/plugins/test-utils `schemas.human`), as a zod validator. */
const human = z.strictObject({
  passportId: z.string().min(1).max(100),
  firstName: z.string().max(100),
  lastName: z.string().max(100),
  age: z.int().min(0).max(150).exactOptional(),
});
type Human = z.infer<typeof human>;

/**
 * RxDB's test collection, registered through the same definition shape as the domain collections so that RxDB's
 * replication test suite runs against the real routes: scoped to one unit, deletable, and merged "master wins"
 * (the conflict rule the suite expects of a default handler).
 */
export function humanTestCollection(scopeUnitId: string): ReplicatedCollection {
  return defineReplicatedCollection<Human>({
    name: 'human',
    primaryKey: 'passportId',
    clientFields: Object.keys(schemas.human.properties),
    schemaVersion: schemas.human.version,
    validate: (input) => validateDocument(human, input),
    merge: (_base, ours, theirs) =>
      mergeResult(theirs, [
        mergeDecision({ group: 'document', rule: 'took-theirs', kept: theirs, discarded: ours }),
      ]),
    scope: { kind: 'unit', unitOf: () => scopeUnitId },
    deletion: 'allowed',
    evictionTombstone: (id) => ({ passportId: id, firstName: '', lastName: '' }),
  });
}
