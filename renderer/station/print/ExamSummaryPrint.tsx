import { useTranslation } from 'react-i18next';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { ExamDetails } from '../exams/ExamDetails.tsx';
import { PrintDocument } from './PrintDocument.tsx';

/** The exam summary on A4: who, which station, and the exam as `ExamDetails` shows it. */
export function ExamSummaryPrint({
  person,
  encounter,
  unitName,
}: {
  person: Person;
  encounter: Encounter;
  unitName: string;
}) {
  const { t } = useTranslation();
  return (
    <PrintDocument testId="print-exam">
      <header className="hssk-doc-header">
        <div>{unitName}</div>
        <h1>{t('print.examTitle')}</h1>
      </header>
      <table className="hssk-doc-table">
        <tbody>
          <tr>
            <th>{t('residents.columns.fullName')}</th>
            <td>{person.fullName}</td>
            <th>{t('record.a.healthId')}</th>
            <td>{person.healthId}</td>
          </tr>
          <tr>
            <th>{t('residents.columns.dateOfBirth')}</th>
            <td>{formatPartialDate(person.dateOfBirth)}</td>
            <th>{t('residents.columns.sex')}</th>
            <td>{t(`residents.sex.${person.sex}`)}</td>
          </tr>
        </tbody>
      </table>
      <ExamDetails encounter={encounter} />
    </PrintDocument>
  );
}
