import { Alert, Breadcrumb, Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { hanoiOrgUnits } from '#shared/org-units/hanoi-org-units.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';
import { useResidentRecord } from '../record/use-resident-record.ts';
import { ExamForm } from './ExamForm.tsx';
import { SignedExamView } from './SignedExamView.tsx';

/** One exam of a resident: a new one or a draft in the form, a signed one read-only (with "amend"). */
export function ExamPage({ personId, examId }: { personId: string; examId?: string | undefined }) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const view = useStore(station.session, (s) => s.view);
  const unitName = hanoiOrgUnits().find((unit) => unit.id === view?.orgUnitId)?.name ?? t('app.stationOf');
  const { record, problem } = useResidentRecord(station.api, personId);
  if (problem !== null) return <Alert type="error" showIcon message={problem.message} />;
  if (record === null) return <Spin size="large" />;
  const exam = examId === undefined ? undefined : record.encounters.find((e) => e.id === examId);
  const open = (id: string) => {
    go({ name: 'exam', personId, examId: id });
  };
  return (
    <Space direction="vertical" size="middle" className="hssk-page">
      <Breadcrumb
        items={[
          {
            title: (
              <Button
                type="link"
                className="hssk-crumb"
                onClick={() => {
                  go({ name: 'resident', id: personId, tab: 'timeline' });
                }}
              >
                {record.person.fullName}
              </Button>
            ),
          },
          { title: exam === undefined ? t('exam.newTitle') : formatPartialDate(exam.date) },
        ]}
      />
      <Typography.Title level={2}>
        {exam?.status === 'signed'
          ? t('exam.signedTitle')
          : exam === undefined
            ? t('exam.newTitle')
            : t('exam.draftTitle')}
      </Typography.Title>
      {examId !== undefined && exam === undefined ? (
        <Alert type="error" showIcon message={t('exam.notFound')} />
      ) : exam?.status === 'signed' ? (
        <SignedExamView
          person={record.person}
          exam={exam}
          unitName={unitName}
          amendments={record.encounters.filter((e) => e.amends === exam.id)}
          onOpen={(amendment) => {
            open(amendment.id);
          }}
          onAmended={(draft) => {
            open(draft.id);
          }}
        />
      ) : record.person.status !== 'active' ? (
        <Alert type="warning" showIcon message={t('exam.notActive')} />
      ) : (
        <ExamForm
          person={record.person}
          exam={exam}
          onSaved={(saved) => {
            open(saved.id);
          }}
        />
      )}
    </Space>
  );
}
