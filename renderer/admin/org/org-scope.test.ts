import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '#shared/org-units/org-unit.ts';
import { createOrgScope } from './org-scope.ts';

const unit = (
  id: string,
  kind: OrgUnit['kind'],
  name: string,
  parentId: string | null,
  validTo: string | null = null,
) => ({ id, kind, name, parentId, validFrom: null, validTo }) satisfies OrgUnit;

const scope = createOrgScope([
  unit('so', 'city-health-department', 'Sở Y tế', null),
  unit('ttyt-b', 'health-centre', 'Trung tâm Y tế Ba Đình', 'so'),
  unit('ttyt-a', 'health-centre', 'Trung tâm Y tế Đống Đa', 'so'),
  unit('tyt-1', 'commune-station', 'Trạm Y tế Ô Chợ Dừa', 'ttyt-a'),
  unit('tyt-2', 'commune-station', 'Trạm Y tế Văn Miếu', 'ttyt-a'),
  unit('tyt-3', 'commune-station', 'Trạm Y tế Điện Biên', 'ttyt-b'),
  unit('tyt-old', 'commune-station', 'Trạm Y tế cũ', 'ttyt-b', '2025-06-30'),
]);

describe('the org units an admin works with', () => {
  it('names units and finds the health centre above a station', () => {
    expect(scope.name('tyt-1')).toBe('Trạm Y tế Ô Chợ Dừa');
    expect(scope.name('unknown-unit')).toBe('unknown-unit');
    expect(scope.areaOf('tyt-3')?.id).toBe('ttyt-b');
    expect(scope.areaOf('ttyt-a')?.id).toBe('ttyt-a');
    expect(scope.areaOf('so')).toBeUndefined();
  });

  it("lists the units in force inside an admin's subtree in Vietnamese order", () => {
    expect(scope.isInside('tyt-2', 'ttyt-a')).toBe(true);
    expect(scope.isInside('tyt-3', 'ttyt-a')).toBe(false);
    expect(scope.unitsUnder('ttyt-b', '2026-01-01').map((u) => u.id)).toEqual(['tyt-3', 'ttyt-b']);
    expect(scope.unitsUnder('so', '2026-01-01').map((u) => u.name)).toEqual([
      'Sở Y tế',
      'Trạm Y tế Điện Biên',
      'Trạm Y tế Ô Chợ Dừa',
      'Trạm Y tế Văn Miếu',
      'Trung tâm Y tế Ba Đình',
      'Trung tâm Y tế Đống Đa',
    ]);
  });
});
