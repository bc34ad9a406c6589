import { describe, expect, it } from 'vitest';
import type { Encounter } from '../schemas/encounter.ts';
import { encounterFieldGroups } from '../schemas/field-groups.ts';
import { mergeEncounter } from './merge-encounter.ts';
import { NODES } from './merge-arbitraries.test-support.ts';
import { exampleEncounter, minutesAfterEpoch, writtenBy } from './merge-examples.test-support.ts';

const write = (
  encounter: Encounter,
  node: string,
  minutes: number,
  changes: Readonly<Record<string, unknown>>,
) => writtenBy(encounter, encounterFieldGroups, node, minutes, changes);

const draft = exampleEncounter;
const signing = (minutes: number) => ({
  status: 'signed',
  signedAt: minutesAfterEpoch(minutes),
  signer: { practitionerId: '000123/HNO-CCHN', name: 'Nguyễn Thị Lan' },
});

describe('mergeEncounter: a signed encounter never changes', () => {
  it('keeps the signed master and quarantines the station edit of its content', () => {
    const ours = write(draft, NODES.stationA, 30, { advice: 'Tái khám sau 2 tuần' });
    const theirs = write(draft, NODES.server, 20, signing(20));
    const { merged, decisions, needsQuarantine } = mergeEncounter(draft, ours, theirs);
    expect(merged).toEqual(theirs);
    expect(needsQuarantine).toBe(true);
    expect(decisions).toEqual([
      {
        group: 'clinical',
        rule: 'signed-record-immutable',
        kept: expect.objectContaining({ advice: draft.advice }) as unknown,
        discarded: expect.objectContaining({ advice: 'Tái khám sau 2 tuần' }) as unknown,
        outcome: 'quarantine',
      },
      {
        group: 'signature',
        rule: 'took-theirs',
        kept: signing(20),
        discarded: { status: 'draft' },
        outcome: 'merged',
      },
    ]);
  });

  it('quarantines a station version that would un-sign a signed encounter', () => {
    const signed = write(draft, NODES.server, 20, signing(20));
    const ours = write(signed, NODES.stationA, 30, {
      status: 'draft',
      signedAt: undefined,
      signer: undefined,
    });
    const theirs = write(signed, NODES.server, 25, { advice: 'Bản sửa của máy chủ' });
    const { merged, decisions } = mergeEncounter(signed, ours, theirs);
    expect(merged).toEqual(theirs);
    expect(decisions.map((d) => [d.group, d.rule, d.outcome])).toEqual([
      ['clinical', 'took-theirs', 'merged'],
      ['signature', 'signed-record-immutable', 'quarantine'],
    ]);
  });

  it('quarantines a station insert that collides with a signed encounter', () => {
    const theirs = write(draft, NODES.server, 20, signing(20));
    const ours = write(draft, NODES.stationA, 30, { history: 'Đau đầu 3 ngày' });
    const { merged, needsQuarantine } = mergeEncounter(undefined, ours, theirs);
    expect(merged).toEqual(theirs);
    expect(needsQuarantine).toBe(true);
  });
});

describe('mergeEncounter: signing a draft', () => {
  it('applies the station signature when the master changed nothing clinical, even over a newer draft-side change', () => {
    const ours = write(draft, NODES.stationA, 30, signing(30));
    const otherSigner = { practitionerId: '004567/HNO-CCHN', name: 'Trần Đức Hùng' };
    const theirs = write(draft, NODES.server, 40, { signer: otherSigner });
    const { merged, decisions, needsQuarantine } = mergeEncounter(draft, ours, theirs);
    expect(merged).toMatchObject(signing(30));
    expect(merged.stamps.signature).toBe(theirs.stamps.signature);
    expect(decisions).toEqual([
      {
        group: 'signature',
        rule: 'took-ours',
        kept: signing(30),
        discarded: { status: 'draft', signer: otherSigner },
        outcome: 'merged',
      },
    ]);
    expect(needsQuarantine).toBe(false);
  });

  it('applies the station signature when the master made the same clinical change', () => {
    const ours = write(draft, NODES.stationA, 30, { advice: 'Uống đủ nước', ...signing(30) });
    const theirs = write(draft, NODES.server, 20, { advice: 'Uống đủ nước' });
    const { merged, needsQuarantine } = mergeEncounter(draft, ours, theirs);
    expect(merged).toMatchObject({ advice: 'Uống đủ nước', ...signing(30) });
    expect(needsQuarantine).toBe(false);
  });

  it('never signs content the signer did not see: keeps the master draft and quarantines the signed version', () => {
    const ours = write(draft, NODES.stationA, 30, signing(30));
    const theirs = write(draft, NODES.server, 20, { diagnoses: [] });
    const { merged, decisions, needsQuarantine } = mergeEncounter(draft, ours, theirs);
    expect(merged).toEqual(theirs);
    expect(merged.status).toBe('draft');
    expect(needsQuarantine).toBe(true);
    expect(decisions.map((d) => [d.group, d.rule, d.outcome])).toEqual([
      ['clinical', 'took-theirs', 'merged'],
      ['signature', 'signature-over-changed-content', 'quarantine'],
    ]);
  });
});

describe('mergeEncounter: two drafts', () => {
  it('gives concurrent clinical edits to the newer stamp and keeps a concurrent signature', () => {
    const ours = write(draft, NODES.stationA, 30, { advice: 'Của trạm' });
    const theirs = write(draft, NODES.server, 40, { advice: 'Của máy chủ' });
    const { merged, decisions } = mergeEncounter(draft, ours, theirs);
    expect(merged.advice).toBe('Của máy chủ');
    expect(decisions).toEqual([
      expect.objectContaining({
        rule: 'concurrent-newer-stamp-won',
        discarded: expect.objectContaining({ advice: 'Của trạm' }) as unknown,
      }),
    ]);
  });
});
