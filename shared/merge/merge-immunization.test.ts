import { describe, expect, it } from 'vitest';
import { immunizationFieldGroups } from '../schemas/field-groups.ts';
import type { Immunization } from '../schemas/immunization.ts';
import { mergeImmunization } from './merge-immunization.ts';
import { NODES } from './merge-arbitraries.test-support.ts';
import { exampleImmunization, writtenBy } from './merge-examples.test-support.ts';

const write = (
  immunization: Immunization,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
): Immunization => writtenBy(immunization, immunizationFieldGroups, node, minutes, changes);

const recorded = exampleImmunization;
const inError = { status: 'entered-in-error' };

describe('mergeImmunization', () => {
  it('applies a station marking the dose entered-in-error on top of a concurrent master change', () => {
    const ours = write(recorded, NODES.stationA, 30, inError);
    const theirs = write(recorded, NODES.server, 40, { reaction: 'Sốt nhẹ' });
    const { merged, decisions, needsQuarantine } = mergeImmunization(recorded, ours, theirs);
    expect(merged).toEqual({ ...theirs, status: 'entered-in-error' });
    expect(needsQuarantine).toBe(false);
    expect(decisions.map((d) => [d.rule, d.field, d.kept, d.discarded])).toEqual([
      ['entered-in-error-applied', 'status', inError, { status: 'recorded' }],
      [
        'took-theirs',
        undefined,
        expect.objectContaining({ reaction: 'Sốt nhẹ' }),
        expect.not.objectContaining({ reaction: 'Sốt nhẹ' }),
      ],
    ]);
  });

  it('moves the stamp and time of a marking forward when the station wrote last', () => {
    const ours = write(recorded, NODES.stationA, 50, inError);
    const theirs = write(recorded, NODES.server, 40, { reaction: 'Sốt nhẹ' });
    const { merged } = mergeImmunization(recorded, ours, theirs);
    expect(merged.stamps.record).toBe(ours.stamps.record);
    expect(merged.updatedAt).toBe(ours.updatedAt);
  });

  it('keeps the master and quarantines any other change a station makes to a recorded dose', () => {
    const ours = write(recorded, NODES.stationA, 30, { lot: 'LOT999999', ...inError });
    const theirs = write(recorded, NODES.server, 20, { reaction: 'Sưng tại chỗ tiêm' });
    const { merged, decisions, needsQuarantine } = mergeImmunization(recorded, ours, theirs);
    expect(merged).toEqual(theirs);
    expect(needsQuarantine).toBe(true);
    expect(decisions).toEqual([
      expect.objectContaining({
        group: 'record',
        rule: 'append-only-record',
        discarded: expect.objectContaining({ lot: 'LOT999999', status: 'entered-in-error' }) as unknown,
        outcome: 'quarantine',
      }),
    ]);
  });

  it('quarantines a station taking back an entered-in-error mark', () => {
    const marked = write(recorded, NODES.server, 10, inError);
    const ours = write(marked, NODES.stationA, 30, { status: 'recorded' });
    const theirs = write(marked, NODES.server, 20, { reaction: 'Không' });
    const { merged, decisions } = mergeImmunization(marked, ours, theirs);
    expect(merged).toEqual(theirs);
    expect(decisions.map((d) => [d.rule, d.outcome])).toEqual([['append-only-record', 'quarantine']]);
  });

  it('quarantines a station insert that collides with a different record', () => {
    const ours = write(recorded, NODES.stationA, 30, { dose: 2 });
    const { merged, decisions } = mergeImmunization(undefined, ours, recorded);
    expect(merged).toEqual(recorded);
    expect(decisions.map((d) => [d.rule, d.outcome])).toEqual([['insert-collision', 'quarantine']]);
  });

  it('applies an entered-in-error mark on an insert that repeats the existing record', () => {
    const ours = write(recorded, NODES.stationA, 30, inError);
    const { merged, needsQuarantine } = mergeImmunization(undefined, ours, recorded);
    expect(merged.status).toBe('entered-in-error');
    expect(needsQuarantine).toBe(false);
  });

  it('leaves a master already marked entered-in-error as it is when a stale station still says recorded', () => {
    const theirs = write(recorded, NODES.server, 20, inError);
    const ours = write(recorded, NODES.stationA, 30, {});
    const { merged, needsQuarantine } = mergeImmunization(recorded, ours, theirs);
    expect(merged.status).toBe('entered-in-error');
    expect(needsQuarantine).toBe(false);
  });
});
