import { describe, expect, it } from 'vitest';
import { ok } from '#shared/errors/result.ts';
import { decidePushRow, parsePushRow, type MasterState, type PushRowContext } from './push-row.ts';
import { humanTestCollection } from '../rxdb-test-collection.test-support.ts';

const collection = humanTestCollection('tyt-a1');
const context: PushRowContext = {
  collection,
  canSee: (stored) => stored.scopeUnitId === 'tyt-a1',
  authorKnown: (updatedBy) => updatedBy === undefined || updatedBy === '01T01_acca1',
  canWrite: (_doc, placement) => placement.scopeUnitId === 'tyt-a1',
  placementOf: () => ({ scopeUnitId: 'tyt-a1', personId: null }),
};
const human = { passportId: 'h1', firstName: 'An', lastName: 'Lê', age: 30 };
const master = (doc: object, deleted = false, scopeUnitId = 'tyt-a1'): MasterState => ({
  doc: { ...doc },
  deleted,
  scopeUnitId,
  personId: null,
});
const decide = (
  row: { assumedMasterState?: object; newDocumentState: object },
  current: MasterState | undefined,
) => decidePushRow(context, parsePushRow(collection, row as never), current);

describe('deciding one push row', () => {
  it('accepts an insert as sent and returns nothing to adopt', () => {
    const decision = decide({ newDocumentState: { ...human, _deleted: false } }, undefined);
    expect(decision).toEqual({
      id: 'h1',
      write: { doc: human, deleted: false, scopeUnitId: 'tyt-a1', personId: null },
    });
  });

  it('quarantines a row without a usable id and answers nothing', () => {
    expect(decide({ newDocumentState: { firstName: 'x', lastName: 'y' } }, undefined)).toEqual({
      id: undefined,
      quarantine: { reason: 'document-id-invalid', detail: {} },
    });
  });

  it('answers a write to a master outside the scope with the tombstone, never the master', () => {
    const decision = decide(
      { newDocumentState: { ...human, _deleted: false } },
      master(human, false, 'tyt-b1'),
    );
    expect(decision.quarantine?.reason).toBe('out-of-scope');
    expect(decision.conflict).toEqual({ passportId: 'h1', firstName: '', lastName: '', _deleted: true });
    expect(decision.write).toBeUndefined();
  });

  it('keeps an edit of a document deleted on the server in the quarantine and answers the tombstone', () => {
    const stale = { ...human, _deleted: false };
    const decision = decide(
      { assumedMasterState: stale, newDocumentState: { ...human, firstName: 'Bình', _deleted: false } },
      master(human, true),
    );
    expect(decision).toMatchObject({
      quarantine: { reason: 'deleted-on-server' },
      conflict: { ...human, _deleted: true },
    });
  });

  it('keeps a record the server changed when a station deleted its older version', () => {
    const decision = decide(
      { assumedMasterState: { ...human, _deleted: false }, newDocumentState: { ...human, _deleted: true } },
      master({ ...human, age: 31 }),
    );
    expect(decision).toMatchObject({
      quarantine: { reason: 'deletion-conflict' },
      conflict: { age: 31, _deleted: false },
    });
    expect(decision.write).toBeUndefined();
  });

  it('needs nothing when the client already holds the master, whatever it assumed', () => {
    expect(
      decide(
        {
          assumedMasterState: { ...human, age: 1, _deleted: false },
          newDocumentState: { ...human, _deleted: false },
        },
        master(human),
      ),
    ).toEqual({ id: 'h1' });
  });

  it('merges with the collection policy on a stale base and logs the three versions', () => {
    const decision = decide(
      {
        assumedMasterState: { ...human, _deleted: false },
        newDocumentState: { ...human, firstName: 'Bình', _deleted: false },
      },
      master({ ...human, lastName: 'Trần' }),
    );
    expect(decision.conflict).toEqual({ ...human, lastName: 'Trần', _deleted: false });
    expect(decision.merge).toMatchObject({
      base: { firstName: 'An' },
      ours: { firstName: 'Bình' },
      theirs: { lastName: 'Trần' },
    });
    expect(decision.write).toBeUndefined();
  });

  it('refuses a non-boolean _deleted as invalid', () => {
    const parsed = parsePushRow(collection, { newDocumentState: { ...human, _deleted: 'yes' } });
    expect(parsed.ours.ok).toBe(false);
    expect(parsePushRow(collection, { newDocumentState: human }).ours).toEqual(
      ok({ doc: human, deleted: false }),
    );
  });
});
