import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hanoiCommunes2025 } from '../reference-data/hanoi-communes.generated.ts';
import type { OrgUnit } from './org-unit.ts';
import { createOrgUnitTree } from './org-unit-tree.ts';
import { CITY_HEALTH_DEPARTMENT_ID, hanoiOrgUnits, stationIdForCommune } from './hanoi-org-units.ts';

const unit = (id: string, parentId: string | null, extra: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  kind: parentId === null ? 'city-health-department' : 'health-centre',
  name: id,
  parentId,
  validFrom: null,
  validTo: null,
  ...extra,
});

function mustBuild(units: readonly OrgUnit[]) {
  const result = createOrgUnitTree(units);
  if (!result.ok) throw new Error(result.errors.map((e) => e.code).join());
  return result.value;
}

describe('the shipped Hanoi org units', () => {
  const tree = mustBuild(hanoiOrgUnits());

  it('form a valid tree with one station for each of the 126 communes of the 2025 scheme', () => {
    const stations = tree.units.filter((u) => u.kind === 'commune-station');
    expect(stations).toHaveLength(126);
    expect(new Set(stations.map((s) => s.commune?.code))).toEqual(
      new Set(hanoiCommunes2025.map((c) => c.code)),
    );
  });

  it('put every station under an area health centre under the department', () => {
    for (const station of tree.stationsUnder(CITY_HEALTH_DEPARTMENT_ID)) {
      const chain = tree.ancestorsOf(station.id).map((u) => u.kind);
      expect(chain).toEqual(['health-centre', 'city-health-department']);
    }
  });

  it('keep the 30 legacy district centres, valid only until the 2025 reform', () => {
    const legacy = tree.units.filter((u) => u.id.startsWith('ttyt-2004-'));
    expect(legacy).toHaveLength(30);
    expect(tree.validOn('2025-06-30').filter((u) => u.id.startsWith('ttyt-2004-'))).toHaveLength(30);
    expect(tree.validOn('2025-07-01').filter((u) => u.id.startsWith('ttyt-2004-'))).toHaveLength(0);
  });

  it('mark the centre assignment and station codes as illustrative', () => {
    const station = tree.get(stationIdForCommune('00070'));
    expect(station?.illustrative).toBe(true);
    expect(station?.name).toBe('Trạm Y tế Phường Hoàn Kiếm');
    expect(station?.facilityCode).toMatch(/^\d{2}[0-9A-Z]{3}$/);
  });

  it('answer scope questions: a centre contains its stations but not another centre’s', () => {
    const station = tree.get(stationIdForCommune('00070'));
    const centreId = station?.parentId ?? '';
    expect(tree.isWithin(station?.id ?? '', centreId)).toBe(true);
    const otherCentre = tree.units.find(
      (u) => u.kind === 'health-centre' && u.id !== centreId && u.validTo === null,
    );
    expect(tree.isWithin(station?.id ?? '', otherCentre?.id ?? '')).toBe(false);
    expect(tree.isWithin('unknown', CITY_HEALTH_DEPARTMENT_ID)).toBe(false);
  });

  it('finds a unit by facility code on a date', () => {
    expect(tree.byFacilityCode('01032', '2026-01-01')?.kind).toBe('hospital');
    expect(tree.byFacilityCode('99999', '2026-01-01')).toBeUndefined();
  });
});

describe('createOrgUnitTree', () => {
  it('rejects duplicate ids, missing parents and cycles with one issue each', () => {
    const result = createOrgUnitTree([
      unit('root', null),
      unit('a', 'root'),
      unit('a', 'root'),
      unit('b', 'nowhere'),
      unit('c', 'd'),
      unit('d', 'c'),
    ]);
    expect(result.ok).toBe(false);
    const codes = result.ok ? [] : result.errors.map((e) => e.code);
    expect(codes).toContain('org-unit-duplicate-id');
    expect(codes).toContain('org-unit-missing-parent');
    expect(codes).toContain('org-unit-cycle');
    expect(result.ok ? '' : result.errors[0].message).toMatch(/[ạ-ỹ]/u);
  });

  it('rejects a facility code given to two units valid at the same time, but allows reuse after one ends', () => {
    const clash = createOrgUnitTree([
      unit('root', null),
      unit('a', 'root', { facilityCode: '01T01' }),
      unit('b', 'root', { facilityCode: '01T01' }),
    ]);
    expect(clash.ok ? [] : clash.errors.map((e) => e.code)).toEqual(['org-unit-duplicate-facility-code']);
    const reuse = createOrgUnitTree([
      unit('root', null),
      unit('a', 'root', { facilityCode: '01T01', validTo: '2025-06-30' }),
      unit('b', 'root', { facilityCode: '01T01', validFrom: '2025-07-01' }),
    ]);
    expect(reuse.ok).toBe(true);
  });

  it('handles hierarchies of any depth: every unit of a random chain is within all its ancestors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (depth) => {
        const units = Array.from({ length: depth }, (_, i) => unit(`u${i}`, i === 0 ? null : `u${i - 1}`));
        const tree = mustBuild(units);
        const leaf = `u${depth - 1}`;
        expect(tree.ancestorsOf(leaf)).toHaveLength(depth - 1);
        expect(tree.subtreeOf('u0')).toHaveLength(depth);
        for (let i = 0; i < depth; i++) expect(tree.isWithin(leaf, `u${i}`)).toBe(true);
        if (depth > 1) expect(tree.isWithin('u0', leaf)).toBe(false);
      }),
    );
  });
});
