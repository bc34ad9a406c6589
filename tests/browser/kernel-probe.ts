import { parsePartialDate, partialDateBounds } from '../../shared/dates/partial-date.ts';
import { parseFacilityCode } from '../../shared/identifiers/facility-code.ts';
import { hanoiOrgUnits } from '../../shared/org-units/hanoi-org-units.ts';
import { createOrgUnitTree } from '../../shared/org-units/org-unit-tree.ts';

/**
 * Runs a fixed set of shared-kernel computations and returns their results as plain JSON. The browser test runs it
 * bundled in Chromium and in Node, and requires the same answers: shared/ must behave identically in every runtime.
 */
export function probeKernel(): unknown {
  const tree = createOrgUnitTree(hanoiOrgUnits());
  const dates = ['1950', '1988-02', '2024-02-29', '2023-02-29', 'năm 1950'].map((d) => {
    const r = parsePartialDate(d);
    return r.ok ? partialDateBounds(r.value) : r.errors.map((e) => e.code);
  });
  return {
    units: tree.ok ? tree.value.units.length : -1,
    stations: tree.ok ? tree.value.stationsUnder('so-y-te-ha-noi').length : -1,
    dates,
    facility: ['01i29', '0103', '01032'].map((c) => parseFacilityCode(c).ok),
    collation: ['Đào', 'Dũng', 'An', 'Ánh', 'Ân', 'Bình'].sort(new Intl.Collator('vi').compare),
    nfc: 'Nguyễn'.normalize('NFD').normalize('NFC') === 'Nguyễn',
  };
}
