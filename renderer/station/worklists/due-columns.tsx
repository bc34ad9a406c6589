import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { daysBetween } from '#shared/clinical/calendar-days.ts';
import { formatPhone } from '#shared/identifiers/phone-number.ts';
import type { DueResidentSummary, ResidentSummary } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { vaccineName } from '../record/reference-names.ts';

const dueOf = (resident: ResidentSummary): Partial<DueResidentSummary> => resident;

/** The doses a child of the due list needs, each with how overdue it is (or when it falls due). */
export function dueDosesText(t: TFunction, resident: ResidentSummary, today: string): string {
  return (dueOf(resident).due ?? [])
    .map((dose) => {
      const late = daysBetween(dose.dueDate, today);
      return `${vaccineName(dose.vaccineCode)} ${t('worklist.doseNumber', { dose: dose.dose })} — ${
        late > 0
          ? t('worklist.overdueDays', { count: late })
          : t('worklist.dueOn', { date: formatPartialDate(dose.dueDate) })
      }`;
    })
    .join('; ');
}

/** The phone to call about a child of the due list, as written in Việt Nam. */
export function duePhoneText(resident: ResidentSummary): string {
  const phone = dueOf(resident).phone;
  return phone === undefined ? '' : formatPhone(phone);
}

export const dueParentText = (resident: ResidentSummary): string => dueOf(resident).parent ?? '';

/**
 * The "vaccinations due" list's own columns: each dose due with how overdue it is, the phone to call and (for a child)
 * the parent or caregiver.
 */
export function dueColumns(t: TFunction, today: string): TableColumnsType<ResidentSummary> {
  return [
    { title: t('worklist.dueDoses'), key: 'due', width: 260, render: (_, r) => dueDosesText(t, r, today) },
    { title: t('worklist.phone'), key: 'phone', width: 130, render: (_, r) => duePhoneText(r) },
    { title: t('worklist.parent'), key: 'parent', width: 180, render: (_, r) => dueParentText(r) },
  ];
}
