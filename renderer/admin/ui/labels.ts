import type { TFunction } from 'i18next';
import type { DemographicCorrection } from '#shared/schemas/person.ts';
import { formatDateTime, formatPartialDate } from '../../common/format/format-date.ts';
import { adminVi } from '../../common/i18n/admin-vi.ts';
import { vi } from '../../common/i18n/vi.ts';

/**
 * Names for the server's codes (roles, collections, merge rules, audit actions) in the chosen language; a code the
 * console has no name for is shown as it is rather than hidden.
 */
const has = (table: object, code: string): boolean => Object.hasOwn(table, code);

export function roleLabel(role: string, t: TFunction): string {
  return has(adminVi.roles, role) ? t(`admin.roles.${role as keyof typeof adminVi.roles}`) : role;
}

export function collectionLabel(collection: string, t: TFunction): string {
  return has(vi.syncPanel.collections, collection)
    ? t(`syncPanel.collections.${collection as keyof typeof vi.syncPanel.collections}`)
    : collection;
}

export function mergeRuleLabel(rule: string, t: TFunction): string {
  return has(vi.syncPanel.mergeRules, rule)
    ? t(`syncPanel.mergeRules.${rule as keyof typeof vi.syncPanel.mergeRules}`)
    : rule;
}

export function auditActionLabel(action: string, t: TFunction): string {
  return has(adminVi.audit.actions, action)
    ? t(`admin.audit.actions.${action as keyof typeof adminVi.audit.actions}`)
    : action;
}

export const auditActionCodes = Object.keys(adminVi.audit.actions);

/** Why the server thinks two residents are one: "Trùng CCCD", "Trùng số BHXH", "Trùng họ tên + ngày sinh + giới tính". */
export function duplicateReasonLabel(reason: string, t: TFunction): string {
  return has(adminVi.duplicates.reasons, reason)
    ? t(`admin.duplicates.reasons.${reason as keyof typeof adminVi.duplicates.reasons}`)
    : reason;
}

export function duplicateStateLabel(state: string, t: TFunction): string {
  return has(adminVi.duplicates.states, state)
    ? t(`admin.duplicates.states.${state as keyof typeof adminVi.duplicates.states}`)
    : state;
}

export function sexLabel(sex: string, t: TFunction): string {
  return has(adminVi.duplicates.sexes, sex)
    ? t(`admin.duplicates.sexes.${sex as keyof typeof adminVi.duplicates.sexes}`)
    : sex;
}

export function personStatusLabel(status: string, t: TFunction): string {
  return has(adminVi.duplicates.personStatuses, status)
    ? t(`admin.duplicates.personStatuses.${status as keyof typeof adminVi.duplicates.personStatuses}`)
    : status;
}

/**
 * A person field's coded value in words (sex, education, marital status, the corrections of a birth date or sex);
 * undefined for the fields `fieldText` shows by itself.
 */
export function personValueLabel(field: string, value: unknown, t: TFunction): string | undefined {
  if (field === 'sex' && typeof value === 'string') return sexLabel(value, t);
  if (field === 'educationLevel' && typeof value === 'string')
    return has(vi.record.a.educationLevel, value)
      ? t(`record.a.educationLevel.${value as keyof typeof vi.record.a.educationLevel}`)
      : value;
  if (field === 'maritalStatus' && typeof value === 'string')
    return has(vi.record.a.maritalStatus, value)
      ? t(`record.a.maritalStatus.${value as keyof typeof vi.record.a.maritalStatus}`)
      : value;
  if (field === 'corrections' && Array.isArray(value))
    return value
      .map((entry: Partial<DemographicCorrection>) =>
        t('record.a.correctionLine', {
          field:
            entry.field === 'sex'
              ? t('record.a.correctedField.sex')
              : t('record.a.correctedField.dateOfBirth'),
          previous:
            entry.field === 'sex'
              ? sexLabel(entry.previous ?? '', t)
              : formatPartialDate(entry.previous ?? ''),
          reason: entry.reason ?? '',
          at: entry.at === undefined ? '' : formatDateTime(entry.at),
          by: entry.by ?? '',
        }),
      )
      .join('\n');
  return undefined;
}

/** A person field's name on the duplicate review; the field's own name when the console has none. */
export function personFieldLabel(field: string, t: TFunction): string {
  return has(adminVi.duplicates.fields, field)
    ? t(`admin.duplicates.fields.${field as keyof typeof adminVi.duplicates.fields}`)
    : field;
}
