import { describe, expect, it } from 'vitest';
import { parsePersonalId } from '../identifiers/personal-id.ts';
import { parseBhytCard } from '../identifiers/bhyt-card.ts';
import { parseHealthId } from '../identifiers/health-id.ts';
import { validateEncounter } from '../schemas/encounter.ts';
import { validateImmunization } from '../schemas/immunization.ts';
import { validatePerson } from '../schemas/person.ts';
import { generateSyntheticPopulation, type SyntheticResident } from './synthetic-population.ts';
import { DEMO_COMMUNE_CODE, syntheticStationFor } from './synthetic-station.ts';

const station = syntheticStationFor(DEMO_COMMUNE_CODE);
const rural = syntheticStationFor('00376');
if (!station || !rural) throw new Error('shipped stations missing');
const options = { seed: 7, size: 600, referenceDate: '2026-11-26', stations: [station, rural] };
const population: SyntheticResident[] = [...generateSyntheticPopulation(options)];
const people = population.map((r) => r.person);

describe('the synthetic population', () => {
  it('has exactly the requested number of residents, all marked synthetic', () => {
    expect(population).toHaveLength(600);
    const all = population.flatMap((r) => [r.person, ...r.encounters, ...r.immunizations]);
    expect(all.every((d) => d.synthetic)).toBe(true);
    expect(people.every((p) => p.id.startsWith('syn7-'))).toBe(true);
  });

  it('is deterministic: the same seed gives the same documents, another seed different ones', () => {
    const again = [...generateSyntheticPopulation(options)];
    expect(again).toEqual(population);
    const other = [...generateSyntheticPopulation({ ...options, seed: 8, size: 50 })];
    expect(other.map((r) => r.person.fullName)).not.toEqual(people.slice(0, 50).map((p) => p.fullName));
  });

  it('passes the collection validators with no errors', () => {
    for (const resident of population) {
      const person = validatePerson(resident.person);
      expect(person.ok ? [] : person.errors).toEqual([]);
      for (const e of resident.encounters) {
        const r = validateEncounter(e);
        expect(r.ok ? [] : r.errors).toEqual([]);
      }
      for (const i of resident.immunizations) {
        const r = validateImmunization(i);
        expect(r.ok ? [] : r.errors).toEqual([]);
      }
    }
  });

  it('gives CCCD numbers consistent with date of birth and sex, valid BHYT cards and unique health IDs', () => {
    for (const p of people) {
      if (p.personalId !== undefined) {
        const id = parsePersonalId(p.personalId, { dateOfBirth: p.dateOfBirth, sex: p.sex });
        expect(id.ok && id.warnings.filter((w) => w.code !== 'personal-id-unknown-province')).toEqual([]);
      }
      for (const card of p.bhytCards) expect(parseBhytCard(card.code).ok).toBe(true);
      expect(parseHealthId(p.healthId).ok).toBe(true);
    }
    expect(new Set(people.map((p) => p.healthId)).size).toBe(people.length);
    const ids = population.flatMap((r) => [
      r.person.id,
      ...r.encounters.map((e) => e.id),
      ...r.immunizations.map((i) => i.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('looks like Hanoi: Nguyễn is the commonest family name, households share an address, children get vaccines', () => {
    const nguyen = people.filter((p) => p.familyName === 'Nguyễn').length / people.length;
    expect(nguyen).toBeGreaterThan(0.25);
    expect(nguyen).toBeLessThan(0.5);
    const byHousehold = new Map<string, typeof people>();
    for (const p of people)
      byHousehold.set(p.household?.id ?? '', [...(byHousehold.get(p.household?.id ?? '') ?? []), p]);
    expect(byHousehold.size).toBeGreaterThan(100);
    for (const members of byHousehold.values()) {
      expect(new Set(members.map((m) => m.currentAddress.detail)).size).toBe(1);
      expect(members.filter((m) => m.household?.relationToHead === 'Chủ hộ')).toHaveLength(1);
    }
    expect(population.some((r) => r.immunizations.length > 0)).toBe(true);
    expect(population.some((r) => r.encounters.some((e) => e.diagnoses.some((d) => d.icd10 === 'I10')))).toBe(
      true,
    );
    expect(new Set(people.map((p) => p.orgUnitId))).toEqual(new Set([station.orgUnitId, rural.orgUnitId]));
  });

  it('dates every record no earlier than the resident’s birth and no later than the reference date', () => {
    for (const r of population) {
      // Nobody is born after the reference day (a child of this year included).
      expect(r.person.dateOfBirth <= options.referenceDate).toBe(true);
      for (const e of r.encounters)
        expect(e.date <= options.referenceDate && e.date >= r.person.dateOfBirth).toBe(true);
      for (const i of r.immunizations)
        expect(i.date < options.referenceDate && i.date >= r.person.dateOfBirth).toBe(true);
    }
  });
});
