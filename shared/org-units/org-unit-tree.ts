import { defineIssues } from '../errors/issue.ts';
import type { Issue } from '../errors/issue.ts';
import { fail, ok, type Result } from '../errors/result.ts';
import { isValidOn } from '../reference-data/reference-types.ts';
import type { OrgUnit } from './org-unit.ts';

const issue = defineIssues({
  'org-unit-duplicate-id': 'Mã đơn vị "{id}" bị trùng. Mỗi đơn vị phải có một mã riêng.',
  'org-unit-missing-parent':
    'Đơn vị "{id}" trỏ tới đơn vị cấp trên "{parentId}" không tồn tại. Kiểm tra lại cấp trên.',
  'org-unit-cycle': 'Đơn vị "{id}" nằm trong một vòng lặp cấp trên – cấp dưới. Sửa lại quan hệ cấp trên.',
  'org-unit-no-root':
    'Danh sách đơn vị không có đơn vị gốc (không có cấp trên). Cần đúng một Sở Y tế làm gốc.',
  'org-unit-duplicate-facility-code':
    'Mã cơ sở KCB "{facilityCode}" được gán cho hai đơn vị cùng hiệu lực: "{id}" và "{other}".',
});
export type OrgUnitTreeIssueCode = Parameters<typeof issue>[0];

/**
 * A validated, immutable org-unit hierarchy: unique ids, every parent present, no cycles, facility codes unique among
 * units valid at the same time. Scope checks ("may this admin manage that station?") are subtree questions on it.
 */
export type OrgUnitTree = {
  readonly units: readonly OrgUnit[];
  get(id: string): OrgUnit | undefined;
  childrenOf(id: string): readonly OrgUnit[];
  /** Ancestors from the direct parent up to the root. */
  ancestorsOf(id: string): readonly OrgUnit[];
  /** The unit and everything below it, depth first; empty when the id is unknown. */
  subtreeOf(id: string): readonly OrgUnit[];
  /** True when `id` is `ancestorId` itself or lies below it. */
  isWithin(id: string, ancestorId: string): boolean;
  /** Commune stations in the subtree of `id`. */
  stationsUnder(id: string): readonly OrgUnit[];
  byFacilityCode(code: string, onDate: string): OrgUnit | undefined;
  validOn(onDate: string): readonly OrgUnit[];
};

export function createOrgUnitTree(units: readonly OrgUnit[]): Result<OrgUnitTree, OrgUnitTreeIssueCode> {
  const byId = new Map<string, OrgUnit>();
  const problems: Issue<OrgUnitTreeIssueCode>[] = [];
  for (const unit of units) {
    if (byId.has(unit.id)) problems.push(issue('org-unit-duplicate-id', { id: unit.id }));
    byId.set(unit.id, unit);
  }
  const children = new Map<string, OrgUnit[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    if (!byId.has(unit.parentId)) {
      problems.push(issue('org-unit-missing-parent', { id: unit.id, parentId: unit.parentId }));
      continue;
    }
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  if (units.length > 0 && !units.some((u) => u.parentId === null)) problems.push(issue('org-unit-no-root'));
  for (const unit of units) {
    const seen = new Set<string>([unit.id]);
    for (let p = unit.parentId; p !== null; p = byId.get(p)?.parentId ?? null) {
      if (seen.has(p)) {
        problems.push(issue('org-unit-cycle', { id: unit.id }));
        break;
      }
      seen.add(p);
    }
  }
  const withCode = units.filter((u) => u.facilityCode !== undefined);
  for (const [i, a] of withCode.entries()) {
    for (const b of withCode.slice(i + 1)) {
      if (a.facilityCode === b.facilityCode && validitiesOverlap(a, b)) {
        problems.push(
          issue('org-unit-duplicate-facility-code', {
            facilityCode: a.facilityCode ?? '',
            id: a.id,
            other: b.id,
          }),
        );
      }
    }
  }
  const [first, ...rest] = problems;
  if (first) return fail(first, ...rest);

  const childrenOf = (id: string): readonly OrgUnit[] => children.get(id) ?? [];
  const subtreeOf = (id: string): readonly OrgUnit[] => {
    const root = byId.get(id);
    if (!root) return [];
    const out: OrgUnit[] = [];
    const stack: OrgUnit[] = [root];
    for (let next = stack.pop(); next; next = stack.pop()) {
      out.push(next);
      stack.push(...[...childrenOf(next.id)].reverse());
    }
    return out;
  };
  const ancestorsOf = (id: string): readonly OrgUnit[] => {
    const out: OrgUnit[] = [];
    for (let p = byId.get(id)?.parentId ?? null; p !== null;) {
      const parent = byId.get(p);
      if (!parent) break;
      out.push(parent);
      p = parent.parentId;
    }
    return out;
  };
  return ok({
    units,
    get: (id) => byId.get(id),
    childrenOf,
    ancestorsOf,
    subtreeOf,
    isWithin: (id, ancestorId) =>
      byId.has(id) && (id === ancestorId || ancestorsOf(id).some((a) => a.id === ancestorId)),
    stationsUnder: (id) => subtreeOf(id).filter((u) => u.kind === 'commune-station'),
    byFacilityCode: (code, onDate) => units.find((u) => u.facilityCode === code && isValidOn(u, onDate)),
    validOn: (onDate) => units.filter((u) => isValidOn(u, onDate)),
  });
}

function validitiesOverlap(a: OrgUnit, b: OrgUnit): boolean {
  const aFrom = a.validFrom ?? '0000-01-01';
  const bFrom = b.validFrom ?? '0000-01-01';
  const aTo = a.validTo ?? '9999-12-31';
  const bTo = b.validTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}
