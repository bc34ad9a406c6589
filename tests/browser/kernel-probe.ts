import { unwrap } from '#shared/errors/result.ts';
import { parsePartialDate, partialDateBounds } from '#shared/dates/partial-date.ts';
import { deriveUserName } from '#shared/accounts/user-name.ts';
import { checkPassword } from '#shared/accounts/password-policy.ts';
import { parseFacilityCode } from '#shared/identifiers/facility-code.ts';
import { formatHealthId, parseHealthId } from '#shared/identifiers/health-id.ts';
import { parsePersonalId } from '#shared/identifiers/personal-id.ts';
import { searchKey } from '#shared/text/search-keys.ts';
import { splitFullName } from '#shared/text/split-full-name.ts';
import { personSortKey, viSortKey } from '#shared/text/vietnamese-collation.ts';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { createOrgUnitTree } from '#shared/org-units/org-unit-tree.ts';

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
    searchKeys: ['Nguyễn Thị Hoà', 'NGUYỄN THỊ HÒA'.normalize('NFD'), 'Đặng Thuý'].map(searchKey),
    sortKeys: ['Bình', 'An', 'Ánh', 'Ân', 'Đào', 'Dũng'].map(viSortKey),
    people: ['Trần Văn An', 'Lê Thị Bình', 'Tôn Nữ Minh Hằng'].map((n) => {
      const parts = splitFullName(n);
      return parts.ok ? [parts.value, personSortKey(parts.value)] : parts.errors;
    }),
    userName: deriveUserName({
      fullName: 'Nguyễn Văn A',
      facilityCode: '01I29',
      kind: 'staff',
      isTaken: () => false,
    }),
    password: checkPassword('matkhau'),
    healthIds: [formatHealthId(1234567), '0100012345670'].map((h) => parseHealthId(h).ok),
    personalId: parsePersonalId('001089012345', {
      dateOfBirth: unwrap(parsePartialDate('1990-01-01')),
      sex: 'female',
    }),
  };
}
