import { documentBaseJson } from './document-base.ts';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { facilityCodeJson } from './bhyt-card-row.ts';
import { documentIdJson } from './document-id.ts';
import { immunizationFieldGroups } from './field-groups.ts';
import {
  immunizationSourceKinds,
  immunizationStatuses,
  VACCINE_CODE_PATTERN,
  type Immunization,
} from './immunization.ts';
import { isoDateJson } from './iso-date.ts';
import { jsonEnum, jsonObject } from './json-schema-parts.ts';
import { TEXT_LIMITS, requiredTextJson, textJson } from './text-field.ts';

/**
 * The RxDB schema of `immunizations` (storage-side twin of the zod `immunization`). Indexes: a person's doses by
 * date (the vaccination card), the day's doses, and an org unit's doses by date (coverage reports).
 *
 * Versions: 0, the first release; 1 adds `updatedBy` (who made the latest change); 2 adds `safetyOverride` (why a
 * dose the schedule questions was recorded anyway); 3 adds the status `not-vaccinated` ("Chưa chủng ngừa").
 */
export const immunizationSchema: RxJsonSchema<Immunization> = {
  title: 'immunizations',
  description: 'Vaccine doses given (QĐ 831 part C); append-only.',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...documentBaseJson(immunizationFieldGroups),
    personId: documentIdJson,
    vaccineCode: { type: 'string', maxLength: 32, pattern: VACCINE_CODE_PATTERN.source },
    dose: { type: 'integer', minimum: 1, maximum: 20 },
    date: isoDateJson,
    facility: textJson(TEXT_LIMITS.name),
    lot: textJson(50),
    reaction: textJson(TEXT_LIMITS.line),
    nextAppointment: isoDateJson,
    pregnancyMonth: { type: 'integer', minimum: 1, maximum: 10 },
    source: jsonObject({ kind: jsonEnum(immunizationSourceKinds), facilityCode: facilityCodeJson }, ['kind']),
    amends: documentIdJson,
    status: jsonEnum(immunizationStatuses),
    safetyOverride: jsonObject(
      {
        reason: requiredTextJson(TEXT_LIMITS.line),
        findings: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 40 } },
      },
      ['reason', 'findings'],
    ),
  },
  required: [
    'id',
    'orgUnitId',
    'createdAt',
    'updatedAt',
    'synthetic',
    'stamps',
    'personId',
    'vaccineCode',
    'dose',
    'date',
    'source',
    'status',
  ],
  indexes: [['personId', 'date'], 'date', ['orgUnitId', 'date']],
};

/**
 * From each earlier version of `immunizationSchema` to the next; 0 → 1 and 1 → 2 only added optional fields, 2 → 3
 * a status value.
 */
export const immunizationMigrationStrategies: MigrationStrategies = {
  1: (document: Immunization) => document,
  2: (document: Immunization) => document,
  3: (document: Immunization) => document,
};
