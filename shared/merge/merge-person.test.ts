import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../dates/partial-date.ts';
import { unwrap } from '../errors/result.ts';
import { personFieldGroups } from '../schemas/field-groups.ts';
import { withDerivedPersonFields } from '../schemas/person-derived-fields.ts';
import type { Person } from '../schemas/person.ts';
import { mergePerson } from './merge-person.ts';
import { NODES } from './merge-arbitraries.test-support.ts';
import { examplePerson, writtenBy } from './merge-examples.test-support.ts';

/** `person` after a write by `node` at `minutes` past the epoch, with its search fields recomputed. */
const write = (
  person: Person,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
): Person => withDerivedPersonFields(writtenBy(person, personFieldGroups, node, minutes, changes));

const base = examplePerson;
const died = { status: 'deceased', deathDate: unwrap(parsePartialDate('2024-12')) };
const movedOut = { status: 'moved_out', movedOutTo: '00082' };
const statusOf = (p: Person) => ({
  status: p.status,
  deathDate: p.deathDate,
  movedOutTo: p.movedOutTo,
  mergedInto: p.mergedInto,
});

describe('mergePerson: a recorded death is sticky', () => {
  it('keeps the master death over a newer concurrent move-out from a station', () => {
    const ours = write(base, NODES.stationA, 30, movedOut);
    const theirs = write(base, NODES.server, 20, died);
    const { merged, decisions, needsQuarantine } = mergePerson(base, ours, theirs);
    expect(statusOf(merged)).toEqual({ status: 'deceased', deathDate: '2024-12' });
    expect(merged.stamps.status).toBe(ours.stamps.status);
    expect(decisions).toEqual([
      { group: 'status', rule: 'death-is-sticky', kept: died, discarded: movedOut, outcome: 'merged' },
    ]);
    expect(needsQuarantine).toBe(false);
  });

  it('keeps a death a station recorded over a newer status change on the server', () => {
    const ours = write(base, NODES.stationA, 10, died);
    const theirs = write(base, NODES.server, 20, movedOut);
    const { merged, decisions } = mergePerson(base, ours, theirs);
    expect(merged.status).toBe('deceased');
    expect(merged.deathDate).toBe('2024-12');
    expect(decisions.map((d) => d.rule)).toEqual(['death-is-sticky']);
    expect(decisions[0]?.discarded).toEqual(movedOut);
  });

  it('keeps the master death and quarantines a station edit that would undo it', () => {
    const deceased = write(base, NODES.server, 5, died);
    const ours = write(deceased, NODES.stationA, 30, { status: 'active', deathDate: undefined });
    const { merged, decisions, needsQuarantine } = mergePerson(deceased, ours, deceased);
    expect(statusOf(merged)).toEqual({ status: 'deceased', deathDate: '2024-12' });
    expect(decisions.map((d) => [d.rule, d.discarded, d.outcome])).toEqual([
      ['death-is-sticky', { status: 'active' }, 'quarantine'],
    ]);
    expect(needsQuarantine).toBe(true);
  });

  it('honours an admin’s correction of a wrong death on the server when a stale station edit arrives', () => {
    const deceased = write(base, NODES.stationA, 5, died);
    const corrected = write(deceased, NODES.server, 20, { status: 'active', deathDate: undefined });
    const phoneEdit = write(deceased, NODES.stationA, 30, { phones: ['0912345678'] });
    const { merged, needsQuarantine } = mergePerson(deceased, phoneEdit, corrected);
    expect(statusOf(merged)).toEqual({
      status: 'active',
      deathDate: undefined,
      movedOutTo: undefined,
      mergedInto: undefined,
    });
    expect(merged.phones).toEqual(['0912345678']);
    expect(needsQuarantine).toBe(false);
  });

  it('keeps the admin’s correction over a concurrent station status change, recording the station’s', () => {
    const deceased = write(base, NODES.server, 5, died);
    const ours = write(deceased, NODES.stationA, 30, { ...movedOut, deathDate: undefined });
    const theirs = write(deceased, NODES.server, 20, { status: 'active', deathDate: undefined });
    const { merged, decisions } = mergePerson(deceased, ours, theirs);
    expect(merged.status).toBe('active');
    expect(decisions.map((d) => [d.rule, d.discarded])).toEqual([['took-theirs', movedOut]]);
  });
});

describe('mergePerson: a server-side merge into another record is sticky', () => {
  const mergedAway = { status: 'merged', mergedInto: 'p-00000099' };

  it('keeps the merge over a station status edit and records the edit', () => {
    const ours = write(base, NODES.stationA, 30, movedOut);
    const theirs = write(base, NODES.server, 20, mergedAway);
    const { merged, decisions, needsQuarantine } = mergePerson(base, ours, theirs);
    expect(statusOf(merged)).toEqual(mergedAway);
    expect(decisions).toEqual([
      { group: 'status', rule: 'merged-is-sticky', kept: mergedAway, discarded: movedOut, outcome: 'merged' },
    ]);
    expect(needsQuarantine).toBe(false);
  });

  it('quarantines a death the station recorded on a person merged away, for an admin to carry over', () => {
    const ours = write(base, NODES.stationA, 30, died);
    const theirs = write(base, NODES.server, 20, mergedAway);
    const { merged, decisions, needsQuarantine } = mergePerson(base, ours, theirs);
    expect(merged.status).toBe('merged');
    expect(decisions[0]).toMatchObject({ rule: 'merged-is-sticky', discarded: died, outcome: 'quarantine' });
    expect(needsQuarantine).toBe(true);
  });
});

describe('mergePerson: identifiers', () => {
  const cleared = { personalId: undefined, idIssueDate: undefined, idIssuePlace: undefined };

  it('never replaces an identifier by empty in a concurrent merge, even when the clearing is newer', () => {
    const ours = write(base, NODES.stationA, 30, cleared);
    const theirs = write(base, NODES.server, 20, { personalId: '001085099999', idIssueDate: '2024-05-01' });
    const { merged, decisions } = mergePerson(base, ours, theirs);
    expect(merged.personalId).toBe('001085099999');
    expect(merged.idIssueDate).toBe('2024-05-01');
    expect(merged.identityKey).toBe('001085099999');
    expect(decisions).toContainEqual({
      group: 'identifiers',
      field: 'personalId',
      rule: 'identifier-kept-over-empty',
      kept: { personalId: '001085099999', idIssueDate: '2024-05-01', idIssuePlace: base.idIssuePlace },
      outcome: 'merged',
    });
  });

  it('applies a one-sided clearing of an identifier and records it', () => {
    const ours = write(base, NODES.stationA, 30, { bhxhNumber: undefined });
    const theirs = write(base, NODES.server, 20, { phones: ['0987654321'] });
    const { merged, decisions } = mergePerson(base, ours, theirs);
    expect(merged.bhxhNumber).toBeUndefined();
    expect(merged.phones).toEqual(['0987654321']);
    expect(decisions).toContainEqual({
      group: 'identifiers',
      field: 'bhxhNumber',
      rule: 'identifier-cleared',
      kept: {},
      discarded: { bhxhNumber: '0112345678' },
      outcome: 'merged',
    });
  });

  it('applies a clearing of one identifier while the other side changed another one', () => {
    const ours = write(base, NODES.stationA, 30, { bhxhNumber: undefined });
    const theirs = write(base, NODES.server, 20, { legacyId: '012345678' });
    const { merged, decisions } = mergePerson(base, ours, theirs);
    expect(merged.bhxhNumber).toBeUndefined();
    expect(merged.legacyId).toBe('012345678');
    expect(decisions.map((d) => [d.field, d.rule])).toEqual([
      ['legacyId', 'took-theirs'],
      ['bhxhNumber', 'identifier-cleared'],
    ]);
  });

  it('gives two different new values of an identifier to the newer stamp and records the other', () => {
    const ours = write(base, NODES.stationA, 30, { personalId: '001085011111', idIssueDate: undefined });
    const theirs = write(base, NODES.server, 20, { personalId: '001085022222' });
    const { merged, decisions } = mergePerson(base, ours, theirs);
    expect(merged.personalId).toBe('001085011111');
    expect(merged.idIssueDate).toBeUndefined();
    expect(decisions).toContainEqual(
      expect.objectContaining({
        field: 'personalId',
        rule: 'concurrent-newer-stamp-won',
        discarded: {
          personalId: '001085022222',
          idIssueDate: base.idIssueDate,
          idIssuePlace: base.idIssuePlace,
        },
      }),
    );
  });

  it('keeps the BHYT cards both sides added or changed, the master order first', () => {
    const [card] = base.bhytCards;
    const renewed = { code: 'GD4010112345678', validFrom: '2025-01-01', validTo: '2025-12-31' };
    const ours = write(base, NODES.stationA, 30, { bhytCards: [...base.bhytCards, renewed] });
    const theirs = write(base, NODES.server, 20, { bhytCards: [{ ...card, registeredFacility: '01032' }] });
    const { merged } = mergePerson(base, ours, theirs);
    expect(merged.bhytCards).toEqual([{ ...card, registeredFacility: '01032' }, renewed]);
  });

  it('keeps a BHYT card one side removed while the other side changed it', () => {
    const [card] = base.bhytCards;
    const ours = write(base, NODES.stationA, 30, { bhytCards: [] });
    const theirs = write(base, NODES.server, 20, { bhytCards: [{ ...card, areaCode: 'K2' }] });
    const { merged, decisions } = mergePerson(base, ours, theirs);
    expect(merged.bhytCards).toEqual([{ ...card, areaCode: 'K2' }]);
    expect(decisions).toContainEqual(
      expect.objectContaining({ field: 'bhytCards', rule: 'identifier-kept-over-empty' }),
    );
  });

  it('keeps the identifiers of both versions when a station inserts a person the server already has', () => {
    const ours = write(base, NODES.stationA, 30, cleared);
    const theirs = write(base, NODES.server, 20, { bhxhNumber: undefined });
    const { merged } = mergePerson(undefined, ours, theirs);
    expect(merged.personalId).toBe(base.personalId);
    expect(merged.bhxhNumber).toBe(base.bhxhNumber);
  });
});

describe('mergePerson: groups', () => {
  it('keeps concurrent edits of different groups from both sides and recomputes the search fields', () => {
    const ours = write(base, NODES.stationA, 30, {
      fullName: 'Nguyễn Thị Thuỷ',
      familyName: 'Nguyễn',
      middleName: 'Thị',
      givenName: 'Thuỷ',
    });
    const theirs = write(base, NODES.server, 20, { personalId: '001085077777', phones: [] });
    const { merged, needsQuarantine } = mergePerson(base, ours, theirs);
    expect(merged).toMatchObject({ fullName: 'Nguyễn Thị Thuỷ', personalId: '001085077777', phones: [] });
    expect(merged.searchName).toBe('nguyen thi thuy');
    expect(merged.identityKey).toBe('001085077777');
    expect(merged.stamps).toMatchObject({ name: ours.stamps.name, identifiers: theirs.stamps.identifiers });
    expect(merged.updatedAt).toBe(ours.updatedAt);
    expect(needsQuarantine).toBe(false);
  });

  it('converges when two stations edit different groups, whichever arrives first', () => {
    const first = write(base, NODES.stationA, 30, { phones: ['0900000001'] });
    const second = write(base, NODES.stationB, 25, {
      currentAddress: { communeCode: '00082', scheme: 'dvhc-2025' },
    });
    const master = write(base, NODES.server, 20, { history: { otherIssues: 'Hay quên' } });
    const oneWay = mergePerson(base, second, mergePerson(base, first, master).merged).merged;
    const otherWay = mergePerson(base, first, mergePerson(base, second, master).merged).merged;
    expect(oneWay).toEqual(otherWay);
    expect(oneWay).toMatchObject({
      phones: ['0900000001'],
      currentAddress: { communeCode: '00082' },
      history: { otherIssues: 'Hay quên' },
    });
  });
});
