import { documentBaseJson } from './document-base.ts';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { facilityCodeJson } from './bhyt-card-row.ts';
import { diagnosisJson } from './diagnosis.ts';
import { documentIdJson } from './document-id.ts';
import {
  encounterKinds,
  encounterSourceKinds,
  encounterStatuses,
  generalExamKeys,
  VISUAL_ACUITY_MAX_LENGTH,
  visualAcuityKeys,
  type Encounter,
} from './encounter.ts';
import { encounterFieldGroups } from './field-groups.ts';
import { hospitalVisitJson } from './hospital-visit.ts';
import { isoDateJson } from './iso-date.ts';
import { isoDateTimeJson } from './iso-datetime.ts';
import { jsonEnum, jsonObject } from './json-schema-parts.ts';
import { labRowJson } from './lab-row.ts';
import { optionalTextsJson } from './optional-texts.ts';
import { organSystemsJson } from './organ-systems.ts';
import { TEXT_LIMITS, requiredTextJson, textJson } from './text-field.ts';
import { vitalsJson } from './vitals.ts';

/**
 * The RxDB schema of `encounters` (storage-side twin of the zod `encounter`). Indexes: a person's visits by date,
 * the day's visits, and an org unit's visits by date.
 *
 * Versions: 0, the first release; 1 adds `updatedBy` (who made the latest change); 2 lets a diagnosis be written
 * without a code, marked `uncoded` (earlier documents are valid as they are); 3 adds a diagnosis's `codedBy` (the
 * district account that coded an uncoded diagnosis); 4 adds `hospital`, what a hospital's QĐ 130 XML adds to a
 * hospital visit.
 */
export const encounterSchema: RxJsonSchema<Encounter> = {
  title: 'encounters',
  description:
    'Exams and visits (QĐ 831 part D) and hospital visits received through interop; append-only once signed.',
  version: 4,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...documentBaseJson(encounterFieldGroups),
    personId: documentIdJson,
    kind: jsonEnum(encounterKinds),
    date: isoDateJson,
    history: textJson(TEXT_LIMITS.note),
    vitals: vitalsJson,
    visualAcuity: optionalTextsJson(visualAcuityKeys, VISUAL_ACUITY_MAX_LENGTH),
    generalExam: optionalTextsJson(generalExamKeys, TEXT_LIMITS.line),
    organSystems: organSystemsJson,
    developmentAssessment: textJson(TEXT_LIMITS.note),
    labs: { type: 'array', maxItems: 200, items: labRowJson },
    diagnoses: { type: 'array', maxItems: 50, items: diagnosisJson },
    advice: textJson(TEXT_LIMITS.note),
    signer: jsonObject({ practitionerId: requiredTextJson(40), name: requiredTextJson(TEXT_LIMITS.name) }, [
      'practitionerId',
      'name',
    ]),
    status: jsonEnum(encounterStatuses),
    signedAt: isoDateTimeJson,
    amends: documentIdJson,
    source: jsonObject({ kind: jsonEnum(encounterSourceKinds), facilityCode: facilityCodeJson }, [
      'kind',
      'facilityCode',
    ]),
    hospital: hospitalVisitJson,
  },
  required: [
    'id',
    'orgUnitId',
    'createdAt',
    'updatedAt',
    'synthetic',
    'stamps',
    'personId',
    'kind',
    'date',
    'diagnoses',
    'status',
    'source',
  ],
  indexes: [['personId', 'date'], 'date', ['orgUnitId', 'date']],
};

/** From each earlier version of `encounterSchema` to the next; each only added optional fields. */
export const encounterMigrationStrategies: MigrationStrategies = {
  1: (document: Encounter) => document,
  2: (document: Encounter) => document,
  3: (document: Encounter) => document,
  4: (document: Encounter) => document,
};
