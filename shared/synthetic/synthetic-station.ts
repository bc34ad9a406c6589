import { hanoiOrgUnits, stationIdForCommune } from '../org-units/hanoi-org-units.ts';

/** Where synthetic residents live and are managed: a commune station of the shipped (illustrative) org units. */
export type SyntheticStation = {
  readonly orgUnitId: string;
  readonly communeCode: string;
  readonly facilityCode: string;
  /** 'phuong' (urban ward: house numbers and streets) or 'xa' (rural commune: hamlets). */
  readonly communeKind: 'phuong' | 'xa';
};

/** The demo station `npm start` runs: Trạm Y tế Phường Hoàn Kiếm. */
export const DEMO_COMMUNE_CODE = '00070';
export const DEMO_STATION_ID = stationIdForCommune(DEMO_COMMUNE_CODE);

/** The synthetic-station description of the shipped station of `communeCode`; undefined for an unknown commune. */
export function syntheticStationFor(communeCode: string): SyntheticStation | undefined {
  const unit = hanoiOrgUnits().find((u) => u.id === stationIdForCommune(communeCode));
  if (!unit?.facilityCode || !unit.commune) return undefined;
  return {
    orgUnitId: unit.id,
    communeCode: unit.commune.code,
    facilityCode: unit.facilityCode,
    communeKind: unit.name.includes('Phường') ? 'phuong' : 'xa',
  };
}
