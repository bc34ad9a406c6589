import { hanoiCommunes2025 } from '../reference-data/hanoi-communes.generated.ts';
import { hanoiLegacyDistricts } from '../reference-data/hanoi-legacy-districts.generated.ts';
import type { OrgUnit } from './org-unit.ts';
import { illustrativeHealthCentreAssignment } from './health-centre-assignment.ts';

/** Id of the root unit, Sở Y tế Hà Nội. */
export const CITY_HEALTH_DEPARTMENT_ID = 'so-y-te-ha-noi';
const REFORM_2025 = '2025-07-01';

/** The station id of a 2025-scheme commune; the scheme is part of the id because commune codes were reused. */
export function stationIdForCommune(communeCode: string): string {
  return `tyt-2025-${communeCode}`;
}

/**
 * Illustrative facility code of a commune station: `01T` + two base-36 characters of its position in the official
 * list. Real station codes are issued by BHXH and replace these through configuration.
 */
function illustrativeStationFacilityCode(index: number): string {
  return `01T${(index + 1).toString(36).toUpperCase().padStart(2, '0')}`;
}

/**
 * The org units shipped with the app: the department, 30 legacy district health centres (until 30/6/2025), the
 * illustrative area health centres with the 126 commune stations of the 2025 scheme, two demonstration hospitals and
 * one aggregate-only unit. Everything marked `illustrative` is configuration that production replaces.
 */
export function hanoiOrgUnits(): readonly OrgUnit[] {
  const root: OrgUnit = {
    id: CITY_HEALTH_DEPARTMENT_ID,
    kind: 'city-health-department',
    name: 'Sở Y tế Hà Nội',
    parentId: null,
    validFrom: null,
    validTo: null,
  };
  const legacyCentres: OrgUnit[] = hanoiLegacyDistricts.map((d) => ({
    id: `ttyt-2004-${d.code}`,
    kind: 'health-centre',
    name: `Trung tâm Y tế ${d.name}`,
    parentId: CITY_HEALTH_DEPARTMENT_ID,
    validFrom: null,
    validTo: d.validTo,
  }));
  const centreOfCommune = new Map<string, string>();
  const areaCentres: OrgUnit[] = illustrativeHealthCentreAssignment.map((a) => {
    for (const code of a.communeCodes) centreOfCommune.set(code, a.healthCentreId);
    return {
      id: a.healthCentreId,
      kind: 'health-centre',
      name: a.healthCentreName,
      parentId: CITY_HEALTH_DEPARTMENT_ID,
      facilityCode: a.facilityCode,
      validFrom: REFORM_2025,
      validTo: null,
      illustrative: true,
    };
  });
  const stations: OrgUnit[] = hanoiCommunes2025.map((c, index) => ({
    id: stationIdForCommune(c.code),
    kind: 'commune-station',
    name: `Trạm Y tế ${c.name}`,
    parentId: centreOfCommune.get(c.code) ?? CITY_HEALTH_DEPARTMENT_ID,
    facilityCode: illustrativeStationFacilityCode(index),
    commune: { code: c.code, scheme: c.scheme },
    validFrom: c.validFrom,
    validTo: c.validTo,
    illustrative: true,
  }));
  const others: OrgUnit[] = [
    {
      id: 'bv-01032',
      kind: 'hospital',
      name: 'Bệnh viện minh họa 01032',
      parentId: CITY_HEALTH_DEPARTMENT_ID,
      facilityCode: '01032',
      validFrom: null,
      validTo: null,
      illustrative: true,
    },
    {
      id: 'pk-01K77',
      kind: 'clinic',
      name: 'Phòng khám minh họa 01K77',
      parentId: CITY_HEALTH_DEPARTMENT_ID,
      facilityCode: '01K77',
      validFrom: null,
      validTo: null,
      illustrative: true,
    },
    {
      id: 'don-vi-thong-ke',
      kind: 'other-unit',
      name: 'Đơn vị xem số liệu tổng hợp (minh họa)',
      parentId: CITY_HEALTH_DEPARTMENT_ID,
      validFrom: null,
      validTo: null,
      illustrative: true,
    },
  ];
  return [root, ...legacyCentres, ...areaCentres, ...stations, ...others];
}
