import { useTranslation } from 'react-i18next';
import { ageOn } from '#shared/clinical/age.ts';
import type { ResidentSummary, WorklistKind } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { PrintDocument } from '../print/PrintDocument.tsx';
import { followUpDateText, followUpHospitalText, followUpPhoneText } from './follow-up-columns.tsx';
import { dueDosesText, dueParentText, duePhoneText } from './due-columns.tsx';

/** A worklist on A4 for the printer: title, station, date, filter, then one numbered row per resident. */
export function WorklistPrint({
  kind,
  residents,
  unitName,
  today,
  filterLine,
}: {
  kind: WorklistKind;
  residents: readonly ResidentSummary[];
  unitName: string;
  today: string;
  filterLine: string;
}) {
  const { t } = useTranslation();
  const due = kind === 'vaccinations-due';
  const followUps = kind === 'hospital-follow-ups';
  const age = (resident: ResidentSummary) => {
    const years = ageOn(resident.dateOfBirth, today);
    if (!years.ok) return '';
    const { minYears, maxYears, exact } = years.value;
    return exact ? String(minYears) : `${String(minYears)}–${String(maxYears)}`;
  };
  return (
    <PrintDocument testId="worklist-print">
      <div>{unitName}</div>
      <h1>{t('worklist.printTitle', { list: t(`home.worklists.${kind}`) })}</h1>
      <p>
        {t('worklist.printMeta', {
          date: formatPartialDate(today),
          people: residents.length.toLocaleString('vi-VN'),
        })}
      </p>
      {filterLine === '' ? null : <p>{t('worklist.printFilter', { filter: filterLine })}</p>}
      <table className="hssk-doc-table">
        <thead>
          <tr>
            <th>{t('worklist.index')}</th>
            <th>{t('residents.columns.fullName')}</th>
            <th>{t('residents.columns.healthId')}</th>
            <th>{t('residents.columns.dateOfBirth')}</th>
            <th>{t('residents.columns.age')}</th>
            <th>{t('residents.columns.sex')}</th>
            <th>{t('residents.columns.address')}</th>
            {due ? (
              <>
                <th>{t('worklist.dueDoses')}</th>
                <th>{t('worklist.phone')}</th>
                <th>{t('worklist.parent')}</th>
              </>
            ) : null}
            {followUps ? (
              <>
                <th>{t('worklist.followUpDate')}</th>
                <th>{t('worklist.followUpHospital')}</th>
                <th>{t('worklist.phone')}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {residents.map((resident, index) => (
            <tr key={resident.id}>
              <td>{(index + 1).toLocaleString('vi-VN')}</td>
              <td>{resident.fullName}</td>
              <td>{resident.healthId}</td>
              <td>{formatPartialDate(resident.dateOfBirth)}</td>
              <td>{age(resident)}</td>
              <td>{t(`residents.sex.${resident.sex}`)}</td>
              <td>{resident.address}</td>
              {due ? (
                <>
                  <td>{dueDosesText(t, resident, today)}</td>
                  <td>{duePhoneText(resident)}</td>
                  <td>{dueParentText(resident)}</td>
                </>
              ) : null}
              {followUps ? (
                <>
                  <td>{followUpDateText(t, resident, today)}</td>
                  <td>{followUpHospitalText(resident)}</td>
                  <td>{followUpPhoneText(resident)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </PrintDocument>
  );
}
