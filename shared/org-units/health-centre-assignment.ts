import { hanoiCommunes2025 } from '../reference-data/hanoi-communes.generated.ts';

/**
 * ILLUSTRATIVE configuration, not an official fact: which area health centre (Trung tâm Y tế khu vực) manages which
 * commune station. The real assignment is decided by the Department of Health and is loaded as configuration; this
 * one splits the 126 communes, in the official list's order (which follows the former districts), into 12 areas:
 * eleven of 11 communes and a last one of 5, so that demos and tests have a realistic shape.
 */
export const ILLUSTRATIVE_AREA_COUNT = 12;

export type HealthCentreAssignment = {
  readonly healthCentreId: string;
  readonly healthCentreName: string;
  readonly facilityCode: string;
  readonly communeCodes: readonly string[];
};

export const illustrativeHealthCentreAssignment: readonly HealthCentreAssignment[] = Array.from(
  { length: ILLUSTRATIVE_AREA_COUNT },
  (_, area) => {
    const per = Math.ceil(hanoiCommunes2025.length / ILLUSTRATIVE_AREA_COUNT);
    const number = String(area + 1).padStart(2, '0');
    return {
      healthCentreId: `ttyt-kv${number}`,
      healthCentreName: `Trung tâm Y tế khu vực ${area + 1} (minh họa)`,
      facilityCode: `01C${number}`,
      communeCodes: hanoiCommunes2025.slice(area * per, (area + 1) * per).map((c) => c.code),
    };
  },
);
