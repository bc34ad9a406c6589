import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../errors/result.ts';
import { validateEncounter } from '../schemas/encounter.ts';
import { personFieldGroups, type PersonFieldGroup } from '../schemas/field-groups.ts';
import { validateImmunization } from '../schemas/immunization.ts';
import { derivedPersonFields } from '../schemas/person-derived-fields.ts';
import { validatePerson } from '../schemas/person.ts';
import type { MergeResult } from './merge-decision.ts';
import { mergeEncounter } from './merge-encounter.ts';
import { mergeImmunization } from './merge-immunization.ts';
import { mergePerson } from './merge-person.ts';
import {
  NODES,
  draftEncounterArbitrary,
  encounterArbitrary,
  encounterEdit,
  immunizationArbitrary,
  immunizationServerEdit,
  immunizationStationEdit,
  personArbitrary,
  personEdit,
  recordedImmunizationArbitrary,
} from './merge-arbitraries.test-support.ts';
import type { MergeableDocument } from './three-way-merge.ts';
import { unaccountedValues } from './unaccounted-values.ts';

/**
 * The contract every collection's merge policy keeps (DESIGN.md §5), run against each of them: a change merged
 * against an unchanged side is applied as it is, merging is idempotent and stable, the result is a valid document,
 * and nothing of either side is lost without a trace in the decisions.
 */
type Document = MergeableDocument & { readonly id: string; readonly synthetic: boolean };

type Collection<D extends Document> = {
  readonly name: string;
  readonly merge: (base: D | undefined, ours: D, theirs: D) => MergeResult<D>;
  readonly validate: (input: unknown) => Result<unknown>;
  /** Documents the writers may still change; `stationEdit` and `serverEdit` are changes the rules allow. */
  readonly changeable: fc.Arbitrary<D>;
  readonly stationEdit: (doc: D) => fc.Arbitrary<D>;
  readonly serverEdit: (doc: D) => fc.Arbitrary<D>;
  /** Any document, and any edit of it, including the ones the rules refuse. */
  readonly any: fc.Arbitrary<D>;
  readonly anyEdit: (doc: D, node: string) => fc.Arbitrary<D>;
  /** Top-level fields a merge recomputes rather than carries: never part of the "nothing lost" check. */
  readonly bookkeeping: readonly string[];
};

const BOOKKEEPING = ['createdAt', 'updatedAt', 'stamps'];

const collections = [
  {
    name: 'persons',
    merge: mergePerson,
    validate: validatePerson,
    changeable: personArbitrary,
    // A death and a server-side merge are never undone: `personEdit` leaves the status of such persons alone.
    stationEdit: (p) => personEdit(p, NODES.stationA),
    serverEdit: (p) => personEdit(p, NODES.server),
    any: personArbitrary,
    anyEdit: (p, node) => personEdit(p, node, undefined, { keepStickyStatus: false }),
    bookkeeping: [...BOOKKEEPING, ...derivedPersonFields],
  } satisfies Collection<ReturnType<typeof mergePerson>['merged']>,
  {
    name: 'encounters',
    merge: mergeEncounter,
    validate: validateEncounter,
    // A signed encounter never changes, so only drafts are changeable (by an edit or by signing).
    changeable: draftEncounterArbitrary,
    stationEdit: (e) => encounterEdit(e, NODES.stationA),
    serverEdit: (e) => encounterEdit(e, NODES.server),
    any: encounterArbitrary,
    anyEdit: (e, node) => encounterEdit(e, node),
    bookkeeping: BOOKKEEPING,
  } satisfies Collection<ReturnType<typeof mergeEncounter>['merged']>,
  {
    name: 'immunizations',
    merge: mergeImmunization,
    validate: validateImmunization,
    // Append-only: a station may only mark a recorded dose entered-in-error; the master may change anything.
    changeable: recordedImmunizationArbitrary,
    stationEdit: (i) => immunizationStationEdit(i, NODES.stationA),
    serverEdit: (i) => immunizationServerEdit(i, NODES.server),
    any: immunizationArbitrary,
    anyEdit: (i, node) => immunizationServerEdit(i, node),
    bookkeeping: BOOKKEEPING,
  } satisfies Collection<ReturnType<typeof mergeImmunization>['merged']>,
] as const;

/** Base, ours, theirs: concurrent edits of one document by a station and the server, or an insert collision. */
function conflicts<D extends Document>(c: Collection<D>): fc.Arbitrary<[D | undefined, D, D]> {
  const concurrent = c.any.chain((base) =>
    fc.tuple(fc.constant(base), c.anyEdit(base, NODES.stationA), c.anyEdit(base, NODES.server)),
  );
  // The station inserted a record the server already has (same id): an unrelated document of the same collection.
  const insertCollision = fc
    .tuple(c.any, c.any)
    .map(([ours, theirs]): [undefined, D, D] => [
      undefined,
      { ...ours, id: theirs.id, synthetic: theirs.synthetic },
      theirs,
    ]);
  return fc.oneof(concurrent, insertCollision);
}

function check<D extends Document>(c: Collection<D>): void {
  describe(`merging ${c.name}`, () => {
    it('applies a change of the master when the station changed nothing', () => {
      const cases = c.changeable.chain((x) => fc.tuple(fc.constant(x), c.serverEdit(x)));
      fc.assert(
        fc.property(cases, ([x, y]) => {
          const result = c.merge(x, x, y);
          expect(result.merged).toEqual(y);
          expect(result.needsQuarantine).toBe(false);
        }),
      );
    });

    it('applies an allowed change of the station when the master is unchanged', () => {
      const cases = c.changeable.chain((x) => fc.tuple(fc.constant(x), c.stationEdit(x)));
      fc.assert(
        fc.property(cases, ([x, y]) => {
          const result = c.merge(x, y, x);
          expect(result.merged).toEqual(y);
          expect(result.needsQuarantine).toBe(false);
        }),
      );
    });

    it('returns a document merged with itself unchanged and without decisions', () => {
      fc.assert(
        fc.property(c.any, (x) => {
          const result = c.merge(x, x, x);
          expect(result.merged).toEqual(x);
          expect(result.decisions).toEqual([]);
        }),
      );
    });

    it('is stable: merging the same write into the merged result changes nothing', () => {
      fc.assert(
        fc.property(conflicts(c), ([base, ours, theirs]) => {
          const first = c.merge(base, ours, theirs).merged;
          expect(c.merge(base, ours, first).merged).toEqual(first);
        }),
      );
    });

    it('never loses a value: what the merged document lacks is recorded in a decision', () => {
      fc.assert(
        fc.property(conflicts(c), ([base, ours, theirs]) => {
          const result = c.merge(base, ours, theirs);
          expect(unaccountedValues(ours, theirs, result, c.bookkeeping)).toEqual([]);
        }),
      );
    });

    it('produces a document the schema accepts', () => {
      fc.assert(
        fc.property(conflicts(c), ([base, ours, theirs]) => {
          const result = c.validate(c.merge(base, ours, theirs).merged);
          expect(result.ok ? [] : result.errors).toEqual([]);
        }),
      );
    });
  });
}

for (const collection of collections) check<Document>(collection as unknown as Collection<Document>);

describe('merging persons edited by two stations', () => {
  const groups = Object.keys(personFieldGroups) as PersonFieldGroup[];
  const cases = personArbitrary.chain((base) =>
    fc.tuple(fc.shuffledSubarray(groups, { minLength: 2 }), fc.boolean()).chain(([shuffled, serverWrote]) => {
      const split = Math.floor(shuffled.length / 2);
      return fc.tuple(
        fc.constant(base),
        personEdit(base, NODES.stationA, shuffled.slice(0, split)),
        personEdit(base, NODES.stationB, shuffled.slice(split)),
        serverWrote ? personEdit(base, NODES.server) : fc.constant(base),
      );
    }),
  );

  it('converges whatever order the edits of different groups arrive in', () => {
    fc.assert(
      fc.property(cases, ([base, first, second, master]) => {
        const firstThenSecond = mergePerson(base, second, mergePerson(base, first, master).merged).merged;
        const secondThenFirst = mergePerson(base, first, mergePerson(base, second, master).merged).merged;
        expect(firstThenSecond).toEqual(secondThenFirst);
      }),
    );
  });
});
