import { useTranslation } from 'react-i18next';
import { classifyBloodPressure } from '#shared/clinical/blood-pressure.ts';
import { classifyBmi } from '#shared/clinical/bmi.ts';
import { organSystemKeys } from '#shared/schemas/organ-systems.ts';
import { visualAcuityKeys, type Encounter } from '#shared/schemas/encounter.ts';
import { formatDateTime, formatPartialDate } from '../../common/format/format-date.ts';
import { formatDecimal } from '../../common/format/format-size.ts';

const vitalKeys = [
  'pulse',
  'temperatureC',
  'systolic',
  'diastolic',
  'respiratoryRate',
  'weightKg',
  'heightCm',
  'bmi',
  'waistCm',
] as const;

/**
 * A signed (or received) exam as a document: every filled field of QĐ 831 part D, as text, in plain tables that
 * read the same on screen and on A4. Used by the read-only exam screen and by the printed exam summary.
 */
export function ExamDetails({ encounter }: { encounter: Encounter }) {
  const { t } = useTranslation();
  const vitals = encounter.vitals ?? {};
  const bmi = vitals.bmi === undefined ? undefined : classifyBmi(vitals.bmi);
  const bp = classifyBloodPressure({ systolic: vitals.systolic, diastolic: vitals.diastolic });
  const organs = organSystemKeys.filter((key) => (encounter.organSystems?.[key] ?? '') !== '');
  const acuity = visualAcuityKeys.filter((key) => (encounter.visualAcuity?.[key] ?? '') !== '');
  return (
    <div className="hssk-doc" data-testid="exam-details">
      <table className="hssk-doc-table">
        <tbody>
          <tr>
            <th>{t('exam.date')}</th>
            <td>{formatPartialDate(encounter.date)}</td>
            <th>{t('exam.kind')}</th>
            <td>{t(`record.d.kind.${encounter.kind}`)}</td>
          </tr>
          {encounter.history === undefined || encounter.history === '' ? null : (
            <tr>
              <th>{t('exam.history')}</th>
              <td colSpan={3} className="hssk-pre">
                {encounter.history}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>{t('exam.sections.vitals')}</h3>
      <table className="hssk-doc-table">
        <tbody>
          {vitalKeys
            .filter((key) => vitals[key] !== undefined)
            .map((key) => (
              <tr key={key}>
                <th>{t(`exam.vitals.${key}`)}</th>
                <td>
                  {formatDecimal(vitals[key] ?? 0)}
                  {key === 'bmi' && bmi?.ok === true ? ` (${bmi.value.label})` : ''}
                  {key === 'diastolic' && bp.ok ? ` (${bp.value.label})` : ''}
                </td>
              </tr>
            ))}
          {acuity.map((key) => (
            <tr key={key}>
              <th>{t(`exam.acuity.${key}`)}</th>
              <td>{encounter.visualAcuity?.[key]}</td>
            </tr>
          ))}
          {(['skinMucosa', 'other'] as const)
            .filter((key) => (encounter.generalExam?.[key] ?? '') !== '')
            .map((key) => (
              <tr key={key}>
                <th>{t(`exam.general.${key}`)}</th>
                <td>{encounter.generalExam?.[key]}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {organs.length === 0 ? null : (
        <>
          <h3>{t('exam.sections.organs')}</h3>
          <table className="hssk-doc-table">
            <tbody>
              {organs.map((key) => (
                <tr key={key}>
                  <th>{t(`exam.organ.${key}`)}</th>
                  <td className="hssk-pre">{encounter.organSystems?.[key]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {encounter.developmentAssessment === undefined || encounter.developmentAssessment === '' ? null : (
        <p>
          <strong>{t('exam.development')}: </strong>
          {encounter.developmentAssessment}
        </p>
      )}
      {(encounter.labs ?? []).length === 0 ? null : (
        <>
          <h3>{t('exam.sections.labs')}</h3>
          <table className="hssk-doc-table">
            <thead>
              <tr>
                <th>{t('exam.lab.name')}</th>
                <th>{t('exam.lab.value')}</th>
                <th>{t('exam.lab.unit')}</th>
                <th>{t('exam.lab.conclusion')}</th>
              </tr>
            </thead>
            <tbody>
              {(encounter.labs ?? []).map((lab, index) => (
                <tr key={index}>
                  <td>{lab.name}</td>
                  <td>{lab.value}</td>
                  <td>{lab.unit}</td>
                  <td>{lab.conclusion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('exam.sections.diagnoses')}</h3>
      {encounter.diagnoses.length === 0 ? (
        <p>{t('record.d.noDiagnosis')}</p>
      ) : (
        <ul data-testid="exam-diagnoses">
          {encounter.diagnoses.map((d) => (
            <li key={d.icd10 ?? d.name}>
              {d.icd10 === undefined ? `${d.name} (${t('exam.uncoded')})` : `${d.icd10} — ${d.name}`}
              {d.primary ? ` (${t('exam.primary')})` : ''}
            </li>
          ))}
        </ul>
      )}
      {encounter.advice === undefined || encounter.advice === '' ? null : (
        <>
          <h3>{t('exam.sections.advice')}</h3>
          <p className="hssk-pre">{encounter.advice}</p>
        </>
      )}
      {encounter.signer === undefined ? null : (
        <p className="hssk-doc-signature">
          {t('exam.signedBy', {
            name: encounter.signer.name,
            when: encounter.signedAt === undefined ? '' : formatDateTime(encounter.signedAt),
          })}
        </p>
      )}
    </div>
  );
}
