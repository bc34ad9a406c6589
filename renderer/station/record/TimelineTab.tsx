import { Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Encounter } from '#shared/schemas/encounter.ts';
import type { ResidentRecord } from '#shared/station-api/station-api.ts';
import { formatPartialDate } from '../../common/format/format-date.ts';
import { useStation } from '../state/station-context.ts';

/**
 * QĐ 831 part D with the hospital visits received through interop, as one timeline, newest first: each exam opens
 * (a draft to continue, a signed one to read, amend or print).
 */
export function TimelineTab({
  record,
  onPrintExam,
}: {
  record: ResidentRecord;
  onPrintExam: (encounter: Encounter) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const go = useStore(station.navigation, (s) => s.go);
  const encounters = [...record.encounters].sort((a, b) =>
    a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date),
  );
  if (encounters.length === 0) return <Empty description={t('record.d.none')} />;
  return (
    <Timeline
      data-testid="timeline"
      items={encounters.map((encounter) => {
        const hospital = encounter.kind === 'hospital-visit' || encounter.source.kind === 'interop';
        const diagnoses = encounter.diagnoses
          .map((d) => (d.icd10 === undefined ? `${d.name} (${t('exam.uncoded')})` : `${d.icd10} ${d.name}`))
          .join('; ');
        return {
          key: encounter.id,
          color: hospital ? 'purple' : encounter.status === 'signed' ? 'green' : 'gray',
          children: (
            <div data-testid="timeline-item" data-status={encounter.status}>
              <Space wrap>
                <Typography.Text strong>{formatPartialDate(encounter.date)}</Typography.Text>
                <Tag color={hospital ? 'purple' : 'blue'}>{t(`record.d.kind.${encounter.kind}`)}</Tag>
                <Tag color={encounter.status === 'signed' ? 'green' : 'default'}>
                  {t(`record.d.status.${encounter.status}`)}
                </Tag>
                {encounter.amends === undefined ? null : <Tag>{t('record.d.amendment')}</Tag>}
                <Typography.Text type="secondary">{encounter.source.facilityCode}</Typography.Text>
              </Space>
              <div>{diagnoses === '' ? t('record.d.noDiagnosis') : diagnoses}</div>
              {encounter.signer === undefined ? null : (
                <Typography.Text type="secondary">
                  {t('record.d.signedBy', { name: encounter.signer.name })}
                </Typography.Text>
              )}
              <Space className="hssk-timeline-actions">
                <Button
                  size="small"
                  onClick={() => {
                    go({ name: 'exam', personId: record.person.id, examId: encounter.id });
                  }}
                >
                  {encounter.status === 'draft' ? t('record.d.continue') : t('record.d.open')}
                </Button>
                {encounter.status === 'signed' ? (
                  <Button
                    size="small"
                    onClick={() => {
                      onPrintExam(encounter);
                    }}
                  >
                    {t('print.exam')}
                  </Button>
                ) : null}
              </Space>
            </div>
          ),
        };
      })}
    />
  );
}
