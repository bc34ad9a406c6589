import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleEncounter, examplePerson } from '#shared/merge/merge-examples.test-support.ts';
import { withDerivedPersonFields } from '#shared/schemas/person-derived-fields.ts';
import type { Person } from '#shared/schemas/person.ts';
import { openStationDatabase } from '../database/open-station-database.ts';
import type { StationDatabase } from '../database/station-collections.ts';
import { computeWorklists } from './worklists.ts';

const resident = (id: string, changes: Partial<Person>): Person =>
  withDerivedPersonFields({ ...examplePerson, id, ...changes });

describe('the station worklists (Art. 8.2)', () => {
  const open: StationDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  it('lists who lacks a CCCD, a phone, a yearly exam or due vaccines, and what the annual review must look at', async () => {
    const db = await openStationDatabase({
      storage: getRxStorageMemory(),
      name: `worklists-${randomToken(8)}`,
    });
    open.push(db);
    const { personalId, ...withoutCccd } = examplePerson;
    await db.persons.bulkInsert([
      resident('p-complete', {
        personalId: '001090000001',
        fullName: 'Lê Văn Đủ',
        givenName: 'Đủ',
        familyName: 'Lê',
        middleName: 'Văn',
      }),
      withDerivedPersonFields({
        ...withoutCccd,
        id: 'p-no-cccd',
        fullName: 'Phạm Thị Thiếu',
        givenName: 'Thiếu',
        familyName: 'Phạm',
      }),
      resident('p-no-phone', {
        personalId: '001090000002',
        phones: [],
        fullName: 'Hà Văn Lặng',
        givenName: 'Lặng',
        familyName: 'Hà',
      }),
      resident('p-baby', {
        personalId: '001126000003',
        fullName: 'Vũ Minh Bé',
        givenName: 'Bé',
        familyName: 'Vũ',
        middleName: 'Minh',
        dateOfBirth: '2026-08-01' as Person['dateOfBirth'],
        phones: [],
        mother: 'Vũ Thị Hoa',
        caregiver: { name: 'Vũ Thị Hoa', relation: 'Mẹ', phone: '0912000111' },
      }),
      resident('p-twin-a', {
        personalId: '001090000009',
        fullName: 'Đặng Văn Trùng',
        givenName: 'Trùng',
        familyName: 'Đặng',
      }),
      resident('p-twin-b', {
        personalId: '001090000009',
        fullName: 'Đặng Văn Trùng',
        givenName: 'Trùng',
        familyName: 'Đặng',
      }),
      resident('p-dead', {
        personalId: '001090000004',
        status: 'deceased',
        deathDate: '2026-01' as Person['dateOfBirth'],
        fullName: 'Cao Văn Mất',
        givenName: 'Mất',
        familyName: 'Cao',
      }),
    ]);
    await db.encounters.insert({
      ...exampleEncounter,
      id: 'e-recent',
      personId: 'p-complete',
      date: '2026-06-01',
    });

    const computed = await computeWorklists(db, '2026-11-26');
    // The child due for vaccinations comes with the doses due and whom to call.
    const baby = computed.find((list) => list.kind === 'vaccinations-due')?.residents[0];
    expect(baby).toMatchObject({ id: 'p-baby', phone: '0912000111', parent: 'Vũ Thị Hoa' });
    expect(baby !== undefined && 'due' in baby ? baby.due : []).toContainEqual({
      vaccineCode: 'DPT_VGB_HIB',
      dose: 1,
      dueDate: '2026-09-30',
    });
    const lists = Object.fromEntries(
      computed.map((list) => [list.kind, list.residents.map((r) => r.id).sort()]),
    );
    expect(lists['missing-personal-id']).toEqual(['p-no-cccd']);
    // The baby has no phone of her own (her mother's is the caregiver's).
    expect(lists['missing-phone']).toEqual(['p-baby', 'p-no-phone']);
    expect(lists['missing-screening']).toEqual(
      ['p-baby', 'p-no-cccd', 'p-no-phone', 'p-twin-a', 'p-twin-b'].sort(),
    );
    expect(lists['vaccinations-due']).toEqual(['p-baby']);
    expect(lists['annual-review']).toEqual(['p-dead', 'p-twin-a', 'p-twin-b']);
  });

  it('lists who a hospital asked back, with the nearest appointment from a week past to a month ahead', async () => {
    const db = await openStationDatabase({
      storage: getRxStorageMemory(),
      name: `follow-ups-${randomToken(8)}`,
    });
    open.push(db);
    await db.persons.bulkInsert([
      resident('p-soon', {
        fullName: 'Lê Văn Hẹn',
        givenName: 'Hẹn',
        familyName: 'Lê',
        phones: ['0912345678'],
      }),
      resident('p-missed', {
        fullName: 'Phạm Thị Lỡ',
        givenName: 'Lỡ',
        familyName: 'Phạm',
        middleName: 'Thị',
      }),
      resident('p-far', { fullName: 'Hà Văn Xa', givenName: 'Xa', familyName: 'Hà' }),
      resident('p-gone', { fullName: 'Cao Văn Đi', givenName: 'Đi', familyName: 'Cao', status: 'moved_out' }),
    ]);
    const visit = (id: string, personId: string, followUp: string) => ({
      ...exampleEncounter,
      id,
      personId,
      kind: 'hospital-visit' as const,
      source: { kind: 'interop' as const, facilityCode: '01032' },
      signer: { practitionerId: '01032', name: 'Bệnh viện minh họa 01032' },
      hospital: {
        facilityCode: '01032',
        visitKey: id,
        admittedAt: '2026-11-20T01:00:00.000Z',
        drugs: [],
        services: [],
        clinicalCourse: [],
        followUp: { date: followUp },
        version: 1,
        receivedAt: '2026-11-21T01:00:00.000Z',
      },
    });
    await db.encounters.bulkInsert([
      visit('hv-1', 'p-soon', '2026-12-03'),
      visit('hv-2', 'p-soon', '2026-12-20'),
      visit('hv-3', 'p-missed', '2026-11-22'),
      visit('hv-4', 'p-far', '2027-02-01'),
      visit('hv-5', 'p-gone', '2026-12-01'),
    ]);
    const computed = await computeWorklists(db, '2026-11-26');
    const list = computed.find((l) => l.kind === 'hospital-follow-ups');
    expect(list?.residents.map((r) => r.id)).toEqual(['p-soon', 'p-missed']);
    expect(list?.residents[0]).toMatchObject({
      followUp: { date: '2026-12-03', hospital: 'Bệnh viện minh họa 01032' },
      phone: '0912345678',
    });
    expect(list?.residents[1]).toMatchObject({ followUp: { date: '2026-11-22' } });
  });
});
