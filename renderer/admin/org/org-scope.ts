import type { OrgUnit } from '#shared/org-units/org-unit.ts';
import { compareVietnamese } from '#shared/text/vietnamese-collation.ts';

/**
 * The org-unit hierarchy as the console needs it: names for ids, the area (health centre) above a station, and the
 * units inside an admin's subtree for filters and pickers. Built from the shared Hanoi tree, which the server seeds.
 */
export type OrgScope = {
  /** The unit's name, or the id itself when the unit is unknown. */
  name(id: string | null | undefined): string;
  unit(id: string): OrgUnit | undefined;
  /** The nearest health centre at or above `unitId` (a station's area); undefined above or outside any centre. */
  areaOf(unitId: string): OrgUnit | undefined;
  /** True when `unitId` is `rootId` or below it. */
  isInside(unitId: string, rootId: string): boolean;
  /** Units at or below `rootId` that are in force on `today` (yyyy-mm-dd), by Vietnamese name order. */
  unitsUnder(rootId: string, today: string): readonly OrgUnit[];
};

export const inForce = (unit: OrgUnit, today: string): boolean =>
  (unit.validFrom === null || unit.validFrom <= today) && (unit.validTo === null || unit.validTo >= today);

export function createOrgScope(units: readonly OrgUnit[]): OrgScope {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const ancestors = function* (unitId: string): Generator<OrgUnit> {
    const seen = new Set<string>();
    let current = byId.get(unitId);
    while (current !== undefined && !seen.has(current.id)) {
      seen.add(current.id);
      yield current;
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
  };
  const isInside = (unitId: string, rootId: string) => {
    for (const unit of ancestors(unitId)) if (unit.id === rootId) return true;
    return false;
  };
  return {
    name: (id) => (id === null || id === undefined ? '' : (byId.get(id)?.name ?? id)),
    unit: (id) => byId.get(id),
    areaOf(unitId) {
      for (const unit of ancestors(unitId)) if (unit.kind === 'health-centre') return unit;
      return undefined;
    },
    isInside,
    unitsUnder: (rootId, today) =>
      units
        .filter((unit) => inForce(unit, today) && isInside(unit.id, rootId))
        .sort((a, b) => compareVietnamese(a.name, b.name)),
  };
}
