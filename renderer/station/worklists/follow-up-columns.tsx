import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { daysBetween } from '#shared/clinical/calendar-days.ts';
import { formatPhone } from '#shared/identifiers/phone-number.ts';
import type { FollowUpResidentSummary, ResidentSummary } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';

const followUpOf = (resident: ResidentSummary): Partial<FollowUpResidentSummary> => resident;

/** The appointment date with how far it is: "18/12/2026 (còn 10 ngày)", "02/12/2026 (quá hẹn 6 ngày)". */
export function followUpDateText(t: TFunction, resident: ResidentSummary, today: string): string {
  const followUp = followUpOf(resident).followUp;
  if (followUp === undefined) return '';
  const days = daysBetween(today, followUp.date);
  const when =
    days === 0
      ? t('worklist.followUpToday')
      : days > 0
        ? t('worklist.followUpIn', { count: days })
        : t('worklist.followUpPast', { count: -days });
  return `${formatPartialDate(followUp.date)} (${when})`;
}

export const followUpHospitalText = (resident: ResidentSummary): string =>
  followUpOf(resident).followUp?.hospital ?? '';

export function followUpPhoneText(resident: ResidentSummary): string {
  const phone = followUpOf(resident).phone;
  return phone === undefined ? '' : formatPhone(phone);
}

/** The "hospital follow-ups" list's own columns: when, which hospital, and the phone to remind them on. */
export function followUpColumns(t: TFunction, today: string): TableColumnsType<ResidentSummary> {
  return [
    {
      title: t('worklist.followUpDate'),
      key: 'followUp',
      width: 210,
      render: (_, r) => followUpDateText(t, r, today),
    },
    {
      title: t('worklist.followUpHospital'),
      key: 'hospital',
      width: 220,
      render: (_, r) => followUpHospitalText(r),
    },
    { title: t('worklist.phone'), key: 'phone', width: 130, render: (_, r) => followUpPhoneText(r) },
  ];
}
