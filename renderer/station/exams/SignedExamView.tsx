import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { Person } from '#shared/schemas/person.ts';
import type { StationIssue } from '#shared/station-api/station-api.ts';
import { useStation } from '../state/station-context.ts';
import { ExamSummaryPrint } from '../print/ExamSummaryPrint.tsx';
import { ExamDetails } from './ExamDetails.tsx';

/**
 * A signed exam (or a received hospital visit): read-only, printable; a signed exam of this station can be amended,
 * which opens a new draft that starts from its content and points back to it.
 */
export function SignedExamView({
  person,
  exam,
  unitName,
  amendments,
  onAmended,
  onOpen,
}: {
  person: Person;
  exam: Encounter;
  unitName: string;
  /** Exams that amend this one (newest first): the record reads them instead. */
  amendments: readonly Encounter[];
  onAmended: (draft: Encounter) => void;
  onOpen: (exam: Encounter) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const [issues, setIssues] = useState<readonly StationIssue[]>([]);
  const [busy, setBusy] = useState(false);
  async function amend() {
    setBusy(true);
    const answer = await station.api.call('exams.amend', { id: exam.id });
    setBusy(false);
    if (answer.ok) onAmended(answer.value.encounter);
    else setIssues(answer.errors);
  }
  return (
    <Space direction="vertical" size="middle" className="hssk-page" data-testid="signed-exam">
      <Alert type="success" showIcon message={t('exam.signedReadOnly')} />
      {amendments.map((amendment) => (
        <Alert
          key={amendment.id}
          type="warning"
          showIcon
          message={t(amendment.status === 'signed' ? 'exam.amendedBy' : 'exam.amendmentDraft')}
          action={
            <Button
              size="small"
              onClick={() => {
                onOpen(amendment);
              }}
            >
              {t('record.d.open')}
            </Button>
          }
        />
      ))}
      <ExamDetails encounter={exam} />
      {issues.map((issue, index) => (
        <Alert key={index} type="error" showIcon role="alert" message={issue.message} />
      ))}
      <Space>
        {exam.source.kind === 'station' && person.status === 'active' ? (
          <Button id="exam-amend" type="primary" loading={busy} onClick={() => void amend()}>
            {t('exam.amend')}
          </Button>
        ) : null}
        <Button
          icon={<PrinterOutlined />}
          onClick={() => {
            // Recorded in the access log like a read, then printed.
            void station.api.call('residents.printed', { id: person.id }).then(() => {
              window.print();
            });
          }}
        >
          {t('print.exam')}
        </Button>
      </Space>
      <ExamSummaryPrint person={person} encounter={exam} unitName={unitName} />
    </Space>
  );
}
