import { documentBaseJson } from './document-base.ts';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { BHXH_NUMBER_PATTERN } from '../identifiers/bhxh-number.ts';
import { addressJson, communeCodeJson } from './address.ts';
import { bhytCardRowJson } from './bhyt-card-row.ts';
import { documentIdJson } from './document-id.ts';
import { personFieldGroups } from './field-groups.ts';
import { history831Json } from './history-831.ts';
import { isoDateJson } from './iso-date.ts';
import { isoDateTimeJson } from './iso-datetime.ts';
import { educationLevels, maritalStatuses } from '../reference-data/person-code-lists.ts';
import { jsonEnum, jsonObject } from './json-schema-parts.ts';
import { partialDateJson } from './partial-date-field.ts';
import {
  aboGroups,
  EMAIL_PATTERN,
  MAX_CORRECTIONS,
  NATIONALITY_CODE_PATTERN,
  OCCUPATION_CODE_PATTERN,
  PHONE_PATTERN,
  personSexes,
  personStatuses,
  reasonedFields,
  rhFactors,
  TWO_DIGIT_CODE_PATTERN,
  type Person,
} from './person.ts';
import { TEXT_LIMITS, requiredTextJson, textJson } from './text-field.ts';

const personalIdJson = { type: 'string', maxLength: 12, pattern: '^(\\d{9}|\\d{12})$' } as const;
const phoneJson = { type: 'string', maxLength: 16, pattern: PHONE_PATTERN.source } as const;
const nameJson = requiredTextJson(TEXT_LIMITS.name);

/**
 * The RxDB schema of `persons` (storage-side twin of the zod `person`). Indexes serve the station's searches: by
 * folded name prefix (`searchName`), by health ID, by CCCD (`identityKey`), the station list (`orgUnitId` +
 * `sortKey`) and by status. RxDB prepends `_deleted` and appends the primary key to each index.
 *
 * Versions: 0, the first release; 1 adds `history.birthCondition.maternalTetanusDoses` (QĐ 831 part C 1) and
 * `updatedBy` (who made the latest change); 2 adds the landline apart from the mobiles, education, marital status
 * and the reasons of birth-date and sex corrections.
 */
export const personSchema: RxJsonSchema<Person> = {
  title: 'persons',
  description: 'Residents of Hà Nội with their QĐ 831 part A (administrative) and part B (history) data.',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...documentBaseJson(personFieldGroups),
    healthId: { type: 'string', minLength: 13, maxLength: 13, pattern: '^01\\d{11}$' },
    personalId: personalIdJson,
    legacyId: personalIdJson,
    idIssueDate: isoDateJson,
    idIssuePlace: textJson(TEXT_LIMITS.short),
    bhxhNumber: { type: 'string', maxLength: 10, pattern: BHXH_NUMBER_PATTERN.source },
    bhytCards: { type: 'array', maxItems: 20, items: bhytCardRowJson },
    fullName: nameJson,
    familyName: textJson(TEXT_LIMITS.short),
    middleName: textJson(TEXT_LIMITS.short),
    givenName: requiredTextJson(TEXT_LIMITS.short),
    dateOfBirth: partialDateJson,
    sex: jsonEnum(personSexes),
    ethnicityCode: { type: 'string', maxLength: 2, pattern: TWO_DIGIT_CODE_PATTERN.source },
    nationalityCode: { type: 'string', maxLength: 3, pattern: NATIONALITY_CODE_PATTERN.source },
    religion: textJson(TEXT_LIMITS.short),
    occupationCode: { type: 'string', maxLength: 5, pattern: OCCUPATION_CODE_PATTERN.source },
    birthRegistrationProvince: { type: 'string', maxLength: 2, pattern: TWO_DIGIT_CODE_PATTERN.source },
    bloodGroup: jsonObject({ abo: jsonEnum(aboGroups), rh: jsonEnum(rhFactors) }),
    educationLevel: jsonEnum(educationLevels),
    maritalStatus: jsonEnum(maritalStatuses),
    corrections: {
      type: 'array',
      maxItems: MAX_CORRECTIONS,
      items: jsonObject(
        {
          field: jsonEnum(reasonedFields),
          previous: textJson(TEXT_LIMITS.short),
          reason: requiredTextJson(TEXT_LIMITS.line),
          at: isoDateTimeJson,
          by: textJson(TEXT_LIMITS.short),
        },
        ['field', 'previous', 'reason', 'at'],
      ),
    },
    permanentAddress: addressJson,
    currentAddress: addressJson,
    phones: { type: 'array', maxItems: 10, items: phoneJson },
    landline: phoneJson,
    email: { type: 'string', maxLength: 254, pattern: EMAIL_PATTERN.source },
    household: jsonObject({ id: requiredTextJson(40), relationToHead: textJson(50) }, ['id']),
    mother: nameJson,
    father: nameJson,
    caregiver: jsonObject({ name: nameJson, relation: textJson(50), phone: phoneJson }, ['name']),
    history: history831Json,
    status: jsonEnum(personStatuses, 20),
    deathDate: partialDateJson,
    mergedInto: documentIdJson,
    movedOutTo: communeCodeJson,
    searchName: { type: 'string', maxLength: 200 },
    sortKey: { type: 'string', maxLength: 300 },
    identityKey: { type: 'string', maxLength: 40 },
  },
  required: [
    'id',
    'orgUnitId',
    'createdAt',
    'updatedAt',
    'synthetic',
    'stamps',
    'healthId',
    'bhytCards',
    'fullName',
    'familyName',
    'middleName',
    'givenName',
    'dateOfBirth',
    'sex',
    'currentAddress',
    'phones',
    'history',
    'status',
    'searchName',
    'sortKey',
    'identityKey',
  ],
  indexes: ['searchName', 'healthId', 'identityKey', ['orgUnitId', 'sortKey'], ['status', 'sortKey']],
};

/**
 * From each earlier version of `personSchema` to the next. 0 → 1 and 1 → 2 only added optional fields, so every
 * earlier document is already valid in the next version and passes unchanged (the server's stored bodies too).
 */
export const personMigrationStrategies: MigrationStrategies = {
  1: (document: Person) => document,
  2: (document: Person) => document,
};
