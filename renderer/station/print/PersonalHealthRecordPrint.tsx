import { useTranslation } from 'react-i18next';
import { chronicConditionFlags } from '#shared/schemas/history-831.ts';
import type { ResidentRecord } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { formatDecimal } from '../../common/format/format-size.ts';
import { allergyKeys } from '../record/history-form.ts';
import { addressLine, ethnicityName, vaccineName } from '../record/reference-names.ts';
import { PrintDocument } from './PrintDocument.tsx';

/**
 * The personal health record in the layout of QĐ 831 ("Hồ sơ quản lý sức khỏe cá nhân"): A administrative data,
 * B history and risk factors, C immunizations, D the signed exams (newest first), on A4.
 */
export function PersonalHealthRecordPrint({
  record,
  unitName,
}: {
  record: ResidentRecord;
  unitName: string;
}) {
  const { t } = useTranslation();
  const { person } = record;
  const history = person.history;
  const risk = history.riskFactors ?? {};
  const chronic = history.chronicConditions ?? {};
  const illnesses = [
    ...chronicConditionFlags
      .filter((flag) => chronic[flag] === true)
      .map((flag) => t(`record.b.chronic.${flag}`)),
    ...(['cancer', 'tuberculosis', 'other'] as const)
      .filter((key) => (chronic[key] ?? '') !== '')
      .map((key) => `${t(`record.b.chronicText.${key}`)}: ${chronic[key] ?? ''}`),
  ];
  const signed = record.encounters.filter((e) => e.status === 'signed');
  const row = (label: string, value: string | undefined) => (
    <tr key={label}>
      <th>{label}</th>
      <td>{value ?? ''}</td>
    </tr>
  );
  return (
    <PrintDocument testId="print-record">
      <header className="hssk-doc-header">
        <div>{unitName}</div>
        <h1>{t('print.recordTitle')}</h1>
        <div className="hssk-doc-subtitle">{t('print.recordSubtitle')}</div>
      </header>
      <h2>{t('print.partA')}</h2>
      <table className="hssk-doc-table">
        <tbody>
          {row(t('record.a.healthId'), person.healthId)}
          {row(t('residents.columns.fullName'), person.fullName)}
          {row(t('residents.columns.dateOfBirth'), formatPartialDate(person.dateOfBirth))}
          {row(t('residents.columns.sex'), t(`residents.sex.${person.sex}`))}
          {row(t('register.ethnicity'), ethnicityName(person.ethnicityCode))}
          {row(t('register.personalId'), person.personalId)}
          {row(t('register.bhytCode'), person.bhytCards.map((c) => c.code).join(', '))}
          {row(t('record.a.permanentAddress'), addressLine(person.permanentAddress))}
          {row(t('record.a.currentAddress'), addressLine(person.currentAddress))}
          {row(t('register.phone'), person.phones.join(', '))}
          {row(t('record.a.household'), person.household?.id)}
          {row(t('record.a.mother'), person.mother)}
          {row(t('record.a.father'), person.father)}
        </tbody>
      </table>
      <h2>{t('print.partB')}</h2>
      <table className="hssk-doc-table">
        <tbody>
          {row(
            t('record.b.smoking'),
            risk.smoking === undefined ? undefined : t(`record.b.use.${risk.smoking}`),
          )}
          {row(
            t('record.b.alcohol'),
            risk.alcohol === undefined ? undefined : t(`record.b.use.${risk.alcohol}`),
          )}
          {row(t('record.b.drugs'), risk.drugs === undefined ? undefined : t(`record.b.use.${risk.drugs}`))}
          {row(
            t('record.b.physicalActivity'),
            risk.physicalActivity === undefined ? undefined : t(`record.b.activity.${risk.physicalActivity}`),
          )}
          {row(t('record.b.exposure'), risk.exposure)}
          {row(
            t('record.b.toiletType'),
            risk.toiletType === undefined ? undefined : t(`record.b.toilet.${risk.toiletType}`),
          )}
          {allergyKeys.map((key) =>
            row(`${t('record.b.allergies')}: ${t(`record.b.allergy.${key}`)}`, history.allergies?.[key]),
          )}
          {row(t('record.b.illnesses'), illnesses.join('; '))}
          {row(t('record.b.otherIssues'), history.otherIssues)}
        </tbody>
      </table>
      <h2>{t('print.partC')}</h2>
      <table className="hssk-doc-table">
        <thead>
          <tr>
            <th>{t('record.c.vaccine')}</th>
            <th>{t('record.c.dose')}</th>
            <th>{t('record.c.date')}</th>
            <th>{t('record.c.reaction')}</th>
            <th>{t('record.c.nextAppointment')}</th>
          </tr>
        </thead>
        <tbody>
          {record.immunizations
            .filter((dose) => dose.status === 'recorded')
            .map((dose) => (
              <tr key={dose.id}>
                <td>{vaccineName(dose.vaccineCode)}</td>
                <td>{dose.dose}</td>
                <td>{formatPartialDate(dose.date)}</td>
                <td>{dose.reaction}</td>
                <td>{dose.nextAppointment === undefined ? '' : formatPartialDate(dose.nextAppointment)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h2>{t('print.partD')}</h2>
      {signed.length === 0 ? <p>{t('record.d.none')}</p> : null}
      <table className="hssk-doc-table">
        <tbody>
          {signed.map((encounter) => (
            <tr key={encounter.id}>
              <th>{formatPartialDate(encounter.date)}</th>
              <td>
                {t(`record.d.kind.${encounter.kind}`)}
                {encounter.vitals?.systolic === undefined || encounter.vitals.diastolic === undefined
                  ? ''
                  : ` · HA ${String(encounter.vitals.systolic)}/${String(encounter.vitals.diastolic)}`}
                {encounter.vitals?.bmi === undefined ? '' : ` · BMI ${formatDecimal(encounter.vitals.bmi)}`}
                {encounter.diagnoses.length === 0
                  ? ''
                  : ` · ${encounter.diagnoses.map((d) => (d.icd10 === undefined ? `${d.name} (${t('exam.uncoded')})` : `${d.icd10} ${d.name}`)).join('; ')}`}
                {encounter.signer === undefined ? '' : ` · ${encounter.signer.name}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintDocument>
  );
}
